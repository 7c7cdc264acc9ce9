using GroundStation.Orbit.Propagation;
using GroundStation.Orbit.Time;

namespace GroundStation.Orbit.Frames;

/// <summary>
/// SGP4's TEME state turned into the Earth-fixed frame (m, m/s): r = R3(GMST) r_TEME and v = R3(GMST) v_TEME - w x r
/// (Vallado et al. 2006, section "Coordinate frames"; the pseudo-Earth-fixed frame, polar motion neglected).
/// </summary>
public readonly record struct EarthFixedState(Vector3D PositionMeters, Vector3D VelocityMetersPerSecond)
{
    /// <param name="teme">The SGP4 state.</param>
    /// <param name="ut1">The instant (UT1; UTC plus UT1-UTC when known, UTC otherwise).</param>
    public static EarthFixedState FromTeme(TemeState teme, DateTime ut1)
        => FromTeme(teme, SiderealTime.GreenwichMeanRadians(JulianDate.DaysSinceJ2000(ut1)));

    public static EarthFixedState FromTeme(TemeState teme, double gmstRadians)
    {
        var r = teme.PositionKm.RotatedFrameZ(gmstRadians) * 1000.0;
        var v = teme.VelocityKmPerSecond.RotatedFrameZ(gmstRadians) * 1000.0;
        var omega = SiderealTime.EarthRotationRadPerSecond;
        return new EarthFixedState(r, v - new Vector3D(-omega * r.Y, omega * r.X, 0.0));
    }
}
