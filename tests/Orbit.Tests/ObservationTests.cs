using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Propagation;
using GroundStation.Orbit.Time;

namespace GroundStation.Tests.Orbit;

/// <summary>Range rate and light time of a tracked satellite, checked against numerical derivatives and brute force.</summary>
public sealed class ObservationTests
{
    private const double C = 299792458.0;
    private static readonly DateTime Start = TestOrbits.Leo.EpochUtc.AddHours(1);

    [Fact]
    public void Range_rate_is_the_time_derivative_of_range()
    {
        var tracker = TestOrbits.LeoOverXinglong();
        var worst = 0.0;
        for (var s = 0; s < 6 * 3600; s += 97)
        {
            var t = Start.AddSeconds(s);
            var derivative = (tracker.Observe(t, 0.05).RangeMeters - tracker.Observe(t, -0.05).RangeMeters) / 0.1;
            worst = Math.Max(worst, Math.Abs(derivative - tracker.Observe(t).RangeRateMetersPerSecond));
        }

        // Central difference over 0.1 s (truncation ~ range''' h^2 / 6 < 1 mm/s). SGP4's analytic velocity is not
        // exactly the derivative of its positions (it leaves out the rates of some periodic terms): up to 2.4 cm/s
        // for this orbit, measured; the tolerance allows that, a wrong frame or sign would be metres per second.
        Assert.True(worst < 0.05, $"worst |range rate - d(range)/dt| = {worst} m/s");
    }

    [Fact]
    public void Downlink_light_time_agrees_with_a_brute_force_solution_in_the_inertial_frame()
    {
        // Independent of the tracker's linearised solution: propagate the satellite at each trial emission time
        // and iterate t_e = t_r - |r_sat(t_e) - r_station(t_r)| / c with the station rotated into TEME.
        var tracker = TestOrbits.LeoOverXinglong();
        var propagator = tracker.Propagator;
        for (var s = 0; s < 6 * 3600; s += 613)
        {
            var receive = Start.AddSeconds(s);
            var gmst = SiderealTime.GreenwichMeanRadians(JulianDate.DaysSinceJ2000(receive));
            var station = TestOrbits.Xinglong.EcefMeters.RotatedFrameZ(-gmst);
            var tau = 0.0;
            for (var i = 0; i < 6; i++)
            {
                var satellite = propagator.Propagate(propagator.MinutesSinceEpoch(receive) - tau / 60).PositionKm * 1000;
                tau = (satellite - station).Length / C;
            }

            Assert.Equal(tau, tracker.DownlinkLightTimeSeconds(receive), 1e-12);
            Assert.Equal(tau, tracker.Observe(receive).DownlinkLightTimeSeconds, 1e-12);
        }
    }

    [Fact]
    public void Light_time_from_emission_is_the_inverse_of_the_downlink_light_time()
    {
        var tracker = TestOrbits.LeoOverXinglong();
        for (var s = 0; s < 6 * 3600; s += 701)
        {
            var receive = Start.AddSeconds(s);
            var tau = tracker.DownlinkLightTimeSeconds(receive);

            Assert.Equal(tau, tracker.LightTimeFromEmissionSeconds(receive, -tau), 1e-12);
        }
    }

    [Fact]
    public void Light_time_differs_from_range_over_c_only_by_the_motion_during_the_flight()
    {
        // |tau - R/c| <= (|v_sat| + |v_station|) R / c^2: at most ~0.35 us for a LEO pass at 13,000 km range.
        var tracker = TestOrbits.LeoOverXinglong();
        for (var s = 0; s < 6 * 3600; s += 131)
        {
            var o = tracker.Observe(Start.AddSeconds(s));
            var bound = (7700 + 360) * o.RangeMeters / (C * C);
            Assert.InRange(o.DownlinkLightTimeSeconds - o.RangeMeters / C, -bound, bound);
        }
    }

    [Fact]
    public void An_observation_offset_in_seconds_equals_the_same_instant_as_a_date()
    {
        var tracker = TestOrbits.LeoOverXinglong();

        var byOffset = tracker.Observe(Start, 12.25);
        var byDate = tracker.Observe(Start.AddMilliseconds(12250));

        Assert.Equal(byDate.RangeMeters, byOffset.RangeMeters, 1e-6);
        Assert.Equal(byDate.Utc, byOffset.Utc);
    }

    [Fact]
    public void Ut1_minus_utc_turns_the_Earth_under_a_geostationary_satellite()
    {
        // A GEO satellite is almost fixed over the Earth, so a later UT1 (Earth turned further east, satellite
        // left behind in TEME) moves it west in the station's sky: azimuth changes, range barely.
        var propagator = new Sgp4Propagator(TestOrbits.Geo);
        var at = TestOrbits.Geo.EpochUtc.AddHours(2);
        var plain = new SatelliteTracker(propagator, TestOrbits.Xinglong).Observe(at);
        var late = new SatelliteTracker(propagator, TestOrbits.Xinglong) { Ut1MinusUtcSeconds = 0.9 }.Observe(at);

        // 0.9 s of rotation = 13.5 arcsec of longitude; seen from the station that is of the same order in azimuth.
        Assert.NotEqual(plain.AzimuthDeg, late.AzimuthDeg);
        Assert.InRange(Math.Abs(late.AzimuthDeg - plain.AzimuthDeg), 1e-4, 1e-2);
    }
}
