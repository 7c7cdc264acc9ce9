namespace GroundStation.Orbit.Frames;

/// <summary>
/// Greenwich mean sidereal time, IAU 1982 (Aoki et al. 1982; Vallado, "Fundamentals of Astrodynamics", eq. 3-47):
/// GMST(s) = 67310.54841 + (876600 h + 8640184.812866) T + 0.093104 T^2 - 6.2e-6 T^3, T in Julian centuries of UT1
/// from J2000.0. It rotates SGP4's TEME frame into the pseudo-Earth-fixed frame.
/// </summary>
public static class SiderealTime
{
    /// <summary>Earth's rotation rate (rad/s) used with GMST (Vallado: 7.29211514670698e-5, length of day ignored).</summary>
    public const double EarthRotationRadPerSecond = 7.29211514670698e-5;

    /// <summary>GMST in radians [0, 2 pi) at <paramref name="daysSinceJ2000"/> days of UT1 from J2000.0.</summary>
    public static double GreenwichMeanRadians(double daysSinceJ2000)
    {
        var t = daysSinceJ2000 / 36525.0;
        var seconds = -6.2e-6 * t * t * t + 0.093104 * t * t + (876600.0 * 3600.0 + 8640184.812866) * t + 67310.54841;
        var radians = seconds * (Math.PI / 180.0) / 240.0 % (2.0 * Math.PI);
        return radians < 0 ? radians + 2.0 * Math.PI : radians;
    }
}
