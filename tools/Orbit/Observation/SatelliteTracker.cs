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
        var sat = EarthFixedState.FromTeme(teme, gmst);
        var los = sat.PositionMeters - Station.EcefMeters;
        var range = los.Length;
        var up = los.Dot(Station.Up);
        var azimuth = Math.Atan2(los.Dot(Station.East), los.Dot(Station.North)) * 180.0 / Math.PI;
        return new Observation(
            utc.AddTicks((long)Math.Round(offsetSeconds * TimeSpan.TicksPerSecond)),
            range,
            sat.VelocityMetersPerSecond.Dot(los) / range,
            azimuth < 0 ? azimuth + 360.0 : azimuth,
            Math.Asin(up / range) * 180.0 / Math.PI,
            DownlinkLightTime(teme, gmst));
    }

    /// <summary>
    /// Light time (s) of the photon that reaches the station at the given instant: solved in the (quasi-inertial)
    /// TEME frame between the satellite at emission and the station at reception, so the Earth's rotation during the
    /// flight (Sagnac, up to ~0.1 us) is included. No atmospheric delay (a few ns; see README.md).
    /// </summary>
    public double DownlinkLightTimeSeconds(DateTime receiveUtc, double offsetSeconds = 0)
    {
        var (teme, gmst) = StateAt(receiveUtc, offsetSeconds);
        return DownlinkLightTime(teme, gmst);
    }

    /// <summary>
    /// Light time (s) of the photon the satellite emits at the given instant, until it reaches the station:
    /// arrival = emission + the returned value.
    /// </summary>
    public double LightTimeFromEmissionSeconds(DateTime emissionUtc, double offsetSeconds = 0)
    {
        var (teme, gmst) = StateAt(emissionUtc, offsetSeconds);
        var (station, stationVelocity) = StationInTeme(gmst);
        var satellite = teme.PositionKm * 1000.0;

        // The station moves on during the flight (465 m/s at the equator); its acceleration adds < 1 um.
        var tau = (station - satellite).Length / C;
        for (var i = 0; i < 4; i++)
        {
            tau = (station + stationVelocity * tau - satellite).Length / C;
        }

        return tau;
    }

    private double DownlinkLightTime(TemeState teme, double gmst)
    {
        var (station, _) = StationInTeme(gmst);
        var satellite = teme.PositionKm * 1000.0;
        var velocity = teme.VelocityKmPerSecond * 1000.0;

        // The satellite at emission, tau earlier: r - v tau (its acceleration over a few ms moves it < 0.1 mm).
        var tau = (satellite - station).Length / C;
        for (var i = 0; i < 4; i++)
        {
            tau = (satellite - velocity * tau - station).Length / C;
        }

        return tau;
    }

    private (Vector3D Position, Vector3D Velocity) StationInTeme(double gmst)
    {
        var position = Station.EcefMeters.RotatedFrameZ(-gmst);
        var omega = SiderealTime.EarthRotationRadPerSecond;
        return (position, new Vector3D(-omega * position.Y, omega * position.X, 0.0));
    }

    private (TemeState State, double Gmst) StateAt(DateTime utc, double offsetSeconds)
    {
        var minutes = Propagator.MinutesSinceEpoch(utc) + offsetSeconds / 60.0;
        var days = JulianDate.DaysSinceJ2000(utc) + (offsetSeconds + Ut1MinusUtcSeconds) / 86400.0;
        return (Propagator.Propagate(minutes), SiderealTime.GreenwichMeanRadians(days));
    }
}
