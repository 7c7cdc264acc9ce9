namespace GroundStation.Orbit.Propagation;

/// <summary>
/// The gravity model SGP4 element sets are fitted with: WGS-72 ("wgs72" in Vallado, Crawford, Hujsak and Kelso,
/// "Revisiting Spacetrack Report #3", AIAA 2006-6753, and its verification output). Distances in Earth radii and
/// time in minutes inside the theory; the conversions to km and km/s are here.
/// </summary>
internal static class Wgs72
{
    public const double EarthRadiusKm = 6378.135;
    public const double MuKm3PerS2 = 398600.8;
    public const double J2 = 0.001082616;
    public const double J3 = -0.00000253881;
    public const double J4 = -0.00000165597;
    public const double J3OverJ2 = J3 / J2;

    /// <summary>sqrt(mu) in Earth radii^1.5 per minute: 60 / sqrt(Re^3 / mu) = 0.07436691613317...</summary>
    public static readonly double Xke = 60.0 / Math.Sqrt(EarthRadiusKm * EarthRadiusKm * EarthRadiusKm / MuKm3PerS2);

    /// <summary>Velocity unit of the theory (Earth radii per minute-unit) in km/s.</summary>
    public static readonly double KmPerSecondPerUnit = EarthRadiusKm * Xke / 60.0;

    public const double TwoPi = 2.0 * Math.PI;
    public const double TwoThirds = 2.0 / 3.0;
    public const double MinutesPerDay = 1440.0;
}
