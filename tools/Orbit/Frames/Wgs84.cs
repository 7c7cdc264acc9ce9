namespace GroundStation.Orbit.Frames;

/// <summary>The WGS-84 ellipsoid (NIMA TR8350.2) for station coordinates, and the speed of light.</summary>
public static class Wgs84
{
    public const double SemiMajorAxisMeters = 6378137.0;
    public const double Flattening = 1.0 / 298.257223563;
    public const double EccentricitySquared = Flattening * (2.0 - Flattening);
    public const double SpeedOfLightMetersPerSecond = 299792458.0;
}
