namespace GroundStation.Orbit.Frames;

/// <summary>
/// Topocentric geometry of a satellite's Earth-fixed state from a station: range (m), range rate (m/s, positive
/// receding; the station is at rest in this frame), azimuth (deg from north through east, [0, 360)) and elevation
/// (deg above the plane normal to the ellipsoid's normal; no refraction).
/// </summary>
public readonly record struct LookAngles(double RangeMeters, double RangeRateMetersPerSecond, double AzimuthDeg, double ElevationDeg)
{
    public static LookAngles From(StationSite station, EarthFixedState satellite)
    {
        var los = satellite.PositionMeters - station.EcefMeters;
        var range = los.Length;
        var azimuth = Math.Atan2(los.Dot(station.East), los.Dot(station.North)) * 180.0 / Math.PI;
        return new LookAngles(
            range,
            satellite.VelocityMetersPerSecond.Dot(los) / range,
            azimuth < 0 ? azimuth + 360.0 : azimuth,
            Math.Asin(Math.Clamp(los.Dot(station.Up) / range, -1.0, 1.0)) * 180.0 / Math.PI);
    }
}
