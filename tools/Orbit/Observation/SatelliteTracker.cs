using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Propagation;
using GroundStation.Orbit.Time;

namespace GroundStation.Orbit.Observation;

/// <summary>
/// One satellite seen from one station: look angles, range, range rate and light time at any instant. Instants are
/// a UTC DateTime plus an optional offset in seconds (a double), so a slot's emission time keeps sub-picosecond
/// resolution. UT1 = UTC + <see cref="Ut1MinusUtcSeconds"/> (0 when not given; see README.md, limitations).
/// </summary>
public sealed class SatelliteTracker(Sgp4Propagator propagator, StationSite station)
{
    private const double C = Wgs84.SpeedOfLightMetersPerSecond;

    public Sgp4Propagator Propagator { get; } = propagator;

    public StationSite Station { get; } = station;

    /// <summary>UT1 - UTC in seconds (IERS Bulletin A; |value| &lt; 0.9 s). Rotates the Earth by 15 arcsec per second.</summary>
    public double Ut1MinusUtcSeconds { get; init; }

    public Observation Observe(DateTime utc, double offsetSeconds = 0)
    {
        var (teme, gmst) = StateAt(utc, offsetSeconds);
        var look = LookAngles.From(Station, EarthFixedState.FromTeme(teme, gmst));
        return new Observation(
            utc.AddTicks((long)Math.Round(offsetSeconds * TimeSpan.TicksPerSecond)),
            look.RangeMeters,
            look.RangeRateMetersPerSecond,
            look.AzimuthDeg,
            look.ElevationDeg,
            DownlinkLightTime(teme, gmst, utc, offsetSeconds));
    }

    /// <summary>
    /// Light time (s) of the photon that reaches the station at the given instant: solved in the (quasi-inertial)
    /// TEME frame between the satellite at emission and the station at reception, so the Earth's rotation during the
    /// flight (Sagnac, up to ~0.1 us) is included. No atmospheric delay (a few ns; see README.md).
    /// </summary>
    public double DownlinkLightTimeSeconds(DateTime receiveUtc, double offsetSeconds = 0)
    {
        var (teme, gmst) = StateAt(receiveUtc, offsetSeconds);
        return DownlinkLightTime(teme, gmst, receiveUtc, offsetSeconds);
    }

    /// <summary>
    /// Light time (s) of the photon the satellite emits at the given instant, until it reaches the station:
    /// arrival = emission + the returned value.
    /// </summary>
    public double LightTimeFromEmissionSeconds(DateTime emissionUtc, double offsetSeconds = 0)
    {
        var (teme, gmst) = StateAt(emissionUtc, offsetSeconds);
        var satellite = teme.PositionKm * 1000.0;

        // The station turns with the Earth during the flight (465 m/s at the equator): rotate it exactly.
        var tau = (StationInTeme(gmst) - satellite).Length / C;
        for (var i = 0; i < 4; i++)
        {
            tau = (StationInTeme(gmst + SiderealTime.EarthRotationRadPerSecond * tau) - satellite).Length / C;
        }

        return tau;
    }

    private double DownlinkLightTime(TemeState teme, double gmst, DateTime utc, double offsetSeconds)
    {
        var station = StationInTeme(gmst);

        // First from the state at reception moved back along its velocity, then once more from the state propagated
        // to that emission time, so the satellite's acceleration (8 mm over 43 ms) is taken exactly.
        var tau = LinearLightTime(teme, station, 0.0);
        var emission = Propagator.Propagate(Propagator.MinutesSinceEpoch(utc) + (offsetSeconds - tau) / 60.0);
        return LinearLightTime(emission, station, tau);
    }

    /// <summary>Light time to the station from a satellite whose state is known <paramref name="stateAgeSeconds"/>
    /// before the reception (straight-line motion from there).</summary>
    private static double LinearLightTime(TemeState state, Vector3D station, double stateAgeSeconds)
    {
        var satellite = state.PositionKm * 1000.0;
        var velocity = state.VelocityKmPerSecond * 1000.0;
        var tau = stateAgeSeconds;
        for (var i = 0; i < 4; i++)
        {
            tau = (satellite - velocity * (tau - stateAgeSeconds) - station).Length / C;
        }

        return tau;
    }

    private Vector3D StationInTeme(double gmst) => Station.EcefMeters.RotatedFrameZ(-gmst);

    private (TemeState State, double Gmst) StateAt(DateTime utc, double offsetSeconds)
    {
        var minutes = Propagator.MinutesSinceEpoch(utc) + offsetSeconds / 60.0;
        var days = JulianDate.DaysSinceJ2000(utc) + (offsetSeconds + Ut1MinusUtcSeconds) / 86400.0;
        return (Propagator.Propagate(minutes), SiderealTime.GreenwichMeanRadians(days));
    }
}
