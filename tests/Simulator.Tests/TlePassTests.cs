using GroundStation.Orbit.Elements;
using GroundStation.Orbit.Frames;
using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;
using GroundStation.Orbit.Propagation;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Physics;

namespace GroundStation.Tests.Simulator;

/// <summary>
/// A pass from two-line elements ("orbit" in the pass file): its range, elevation and arrival times are those the
/// orbit library (the code of `gsctl pass predict`) predicts for the same element set, station and time.
/// </summary>
public sealed class TlePassTests
{
    /// <summary>A made-up Micius-like 500 km sun-synchronous element set (epoch 2024-06-28 12:00 UTC).</summary>
    private const string Line1 = "1 99999U 24001A   24180.50000000  .00001000  00000-0  50000-4 0  9992";
    private const string Line2 = "2 99999  97.4000 200.0000 0010000  90.0000 270.0000 15.20000000 10007";
    private const double C = 299792458.0;

    private static readonly string OrbitJson =
        $$"""{ "tle": ["{{Line1}}", "{{Line2}}"], "stationLatitudeDeg": 40.3958, "stationLongitudeDeg": 117.5783, "stationAltitudeM": 900 }""";

    private static readonly SatelliteTracker Truth = new(new Sgp4Propagator(TwoLineElements.Parse(Line1, Line2)),
        new StationSite(40.3958, 117.5783, 900));

    [Fact]
    public void Without_a_start_the_pass_is_the_first_one_above_the_elevation_limit_after_the_epoch()
    {
        var physics = new PassPhysics(PassFile.Parse($$"""{ "orbit": {{OrbitJson}}, "geometry": { "minElevationDeg": 20 } }"""));

        var expected = new PassFinder(Truth, 20).Find(Truth.Propagator.Elements.EpochUtc, Truth.Propagator.Elements.EpochUtc.AddDays(3))[0];
        Assert.Equal(expected.RiseUtc, physics.Tle!.StartUtc);
        Assert.Equal(expected.Duration.TotalSeconds, physics.DurationSeconds, 1e-9);
        Assert.Equal(20, physics.ElevationDeg(0), 0.01);
        Assert.Equal(20, physics.ElevationDeg(physics.DurationSeconds), 0.01);
        // Relativistic rate from the element set's semi-major axis (~6,880 km): -0.27 ppb as for 500 km.
        Assert.Equal(-0.27e-9, physics.Clocks.RelativisticRate, 0.01e-9);
    }

    [Fact]
    public void The_simulated_range_profile_is_the_one_the_orbit_library_predicts()
    {
        var physics = new PassPhysics(PassFile.Parse($$"""{ "orbit": {{OrbitJson}}, "geometry": { "minElevationDeg": 10 } }"""));
        var start = physics.Tle!.StartUtc;

        for (double t = 0; t <= physics.DurationSeconds; t += 7.3)
        {
            var seen = Truth.Observe(start, t);

            // The simulator's range is the light path of the photon received at t (spline between 1 s knots) ...
            Assert.Equal(seen.DownlinkLightTimeSeconds * C, physics.RangeMeters(t), 0.01);
            // ... which differs from the geometric range by the motion during the flight (< 100 m).
            Assert.Equal(seen.RangeMeters, physics.RangeMeters(t), 100.0);
            Assert.Equal(seen.ElevationDeg, physics.ElevationDeg(t), 1e-4);
            // Its rate (1 ms central difference) is the library's range rate but for the light path's own change,
            // of order v * range rate / c (0.2 m/s); the simulator's Doppler comes from the arrival times anyway.
            Assert.Equal(seen.RangeRateMetersPerSecond, physics.RangeRateMetersPerSecond(t), 0.5);
        }
    }

    [Fact]
    public void A_slots_arrival_matches_the_libraries_light_time_counted_from_the_emission()
    {
        // Clocks ideal, so tagger ps = true ps since the start; the simulator solves t_a = t_e + range(t_a) / c on its
        // spline, the library from the emission side on SGP4 states: two routes to one number.
        var config = PassFile.Parse($$"""
            { "orbit": {{OrbitJson}}, "clocks": { "ground": { "offsetSeconds": 0, "rateErrorPpm": 0, "driftPpbPerSecond": 0 },
              "satellite": { "rateErrorPpm": 0, "relativisticRatePpb": 0 } } }
            """);
        var physics = new PassPhysics(config);
        var start = physics.Tle!.StartUtc;

        foreach (var slot in new long[] { 0, 12_345_678_901, 25_000_000_000 })
        {
            var emissionSeconds = slot / physics.PulseRateHz;
            var arrivalPs = (emissionSeconds + Truth.LightTimeFromEmissionSeconds(start, emissionSeconds)) * 1e12;
            Assert.Equal(arrivalPs, physics.IdealArrivalGroundPs(slot), 10.0);
        }
    }

    [Fact]
    public void A_start_time_and_duration_place_the_pass_and_a_duration_alone_centres_it_on_culmination()
    {
        var started = new PassPhysics(PassFile.Parse($$"""
            { "durationSeconds": 30, "orbit": { "tle": ["{{Line1}}", "{{Line2}}"], "stationLatitudeDeg": 40.3958,
              "stationLongitudeDeg": 117.5783, "stationAltitudeM": 900, "startUtc": "2024-06-28T13:00:00Z" } }
            """));
        Assert.Equal(new DateTime(2024, 6, 28, 13, 0, 0, DateTimeKind.Utc), started.Tle!.StartUtc);
        Assert.Equal(30, started.DurationSeconds);
        Assert.Equal(Truth.Observe(started.Tle.StartUtc).ElevationDeg, started.ElevationDeg(0), 1e-4);

        var centred = new PassPhysics(PassFile.Parse($$"""{ "durationSeconds": 10, "orbit": {{OrbitJson}} }"""));
        var pass = new PassFinder(Truth, 20).Find(Truth.Propagator.Elements.EpochUtc, Truth.Propagator.Elements.EpochUtc.AddDays(3))[0];
        Assert.Equal(pass.CulminationUtc.AddSeconds(-5), centred.Tle!.StartUtc);
    }

    [Theory]
    [InlineData("""{ "orbit": { "tle": ["only one line"] } }""", "$.orbit.tle", "needs the two lines")]
    [InlineData("""{ "orbit": { "tle": ["1 99999U 24001A   24180.50000000  .00001000  00000-0  50000-4 0  9993", "2 99999  97.4000 200.0000 0010000  90.0000 270.0000 15.20000000 10007"] } }""",
        "$.orbit.tle[0]", "line 1, column 69: checksum")]
    [InlineData("""{ "orbit": { "tle": ["NAME", "1 99999U 24001A   24180.50000000  .00001000  00000-0  50000-4 0  9992", "2 99999  97.4000 200.0000 001x000  90.0000 270.0000 15.20000000 10007"] } }""",
        "$.orbit.tle[2]", "line 2, column")]
    [InlineData("""{ "orbit": { "tle": [], "stationLatitudeDeg": 95 } }""", "$.orbit.tle", "has 0")]
    public void A_bad_orbit_section_names_the_field(string json, string path, string problem)
    {
        var e = Assert.Throws<PassFileException>(() => PassFile.Parse(json));

        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_station_the_satellite_never_clears_is_refused_naming_the_orbit()
    {
        // Within 3 days this orbit never climbs above 89 deg over the station.
        var e = Assert.Throws<PassFileException>(() => new PassPhysics(PassFile.Parse(
            $$"""{ "orbit": {{OrbitJson}}, "geometry": { "minElevationDeg": 89, "maxElevationDeg": 90 } }""")));

        Assert.Equal("$.orbit", e.JsonPath);
        Assert.Contains("does not rise above 89 deg", e.Message);
    }
}
