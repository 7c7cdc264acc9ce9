namespace GroundStation.Orbit.Observation;

/// <summary>
/// What the station sees at one instant: geometric range (m) and its rate (m/s, positive when receding) in the
/// Earth-fixed frame, azimuth (degrees from north through east) and elevation (degrees above the ellipsoid's
/// horizon plane; no refraction), and the one-way light time of the photon received then (s).
/// </summary>
public readonly record struct Observation(
    DateTime Utc,
    double RangeMeters,
    double RangeRateMetersPerSecond,
    double AzimuthDeg,
    double ElevationDeg,
    double DownlinkLightTimeSeconds);
