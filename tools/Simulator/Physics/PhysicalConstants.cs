namespace GroundStation.Simulator.Physics;

public static class PhysicalConstants
{
    public const double SpeedOfLightMetersPerSecond = 299_792_458.0;
    /// <summary>Earth's gravitational parameter GM (WGS 84).</summary>
    public const double EarthGmM3PerS2 = 3.986004418e14;
    /// <summary>Mean Earth radius (spherical Earth model).</summary>
    public const double EarthRadiusMeters = 6_371_000.0;
    /// <summary>Sidereal rotation rate of the Earth.</summary>
    public const double EarthRotationRadPerSecond = 7.2921150e-5;
    public const double PicosecondsPerSecond = 1e12;
}
