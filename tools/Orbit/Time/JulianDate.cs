namespace GroundStation.Orbit.Time;

/// <summary>
/// Julian dates and the two day counts the orbit code uses. UTC stands in for UT1 (|UT1 - UTC| &lt; 0.9 s; see
/// README.md, limitations). Day counts are kept relative to a nearby epoch so a double resolves microseconds.
/// </summary>
public static class JulianDate
{
    /// <summary>Julian date of 2000 January 1, 12h (J2000.0).</summary>
    public const double J2000 = 2451545.0;

    /// <summary>Julian date of 1949 December 31, 0h: SGP4's epoch for day counts (Vallado et al. 2006).</summary>
    public const double Sgp4Epoch1950 = 2433281.5;

    private static readonly DateTime J2000Utc = new(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Julian date of January 0.0 (= December 31st, 0h, of the year before), valid 1901-2099 (Vallado,
    /// "Fundamentals of Astrodynamics", algorithm 14 with month 1, day 0).
    /// </summary>
    public static double OfJanuaryZero(int year) => 367.0 * year - Math.Floor(7.0 * year / 4.0) + 30.0 + 1721013.5;

    /// <summary>Days (with fraction) from J2000.0 to <paramref name="utc"/>, exact to the DateTime tick.</summary>
    public static double DaysSinceJ2000(DateTime utc) => (double)(utc.Ticks - J2000Utc.Ticks) / TimeSpan.TicksPerDay;

    public static double FromUtc(DateTime utc) => J2000 + DaysSinceJ2000(utc);
}
