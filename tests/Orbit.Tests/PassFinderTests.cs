using GroundStation.Orbit.Observation;
using GroundStation.Orbit.Passes;
using GroundStation.Orbit.Propagation;

namespace GroundStation.Tests.Orbit;

/// <summary>Pass finding over a day of a LEO orbit: mask crossings, culminations, grazing passes, clipped passes.</summary>
public sealed class PassFinderTests
{
    private static readonly SatelliteTracker Tracker = TestOrbits.LeoOverXinglong();
    private static readonly DateTime Start = TestOrbits.Leo.EpochUtc;
    private static readonly IReadOnlyList<SatellitePass> Day = new PassFinder(Tracker).Find(Start, Start.AddDays(1));

    [Fact]
    public void A_sun_synchronous_LEO_orbit_passes_a_mid_latitude_station_several_times_a_day()
    {
        // 15.2 revolutions a day, of which the station at 40 deg N sees roughly four to seven above the horizon.
        Assert.InRange(Day.Count, 4, 8);
        Assert.All(Day, p => Assert.InRange(p.Duration.TotalMinutes, 0.1, 12));
        Assert.All(Day.Zip(Day.Skip(1)), pair => Assert.True(pair.First.SetUtc < pair.Second.RiseUtc));
    }

    [Fact]
    public void Rise_and_set_sit_on_the_mask_and_the_culmination_is_the_highest_point()
    {
        foreach (var pass in Day)
        {
            Assert.Equal(0, Tracker.Observe(pass.RiseUtc).ElevationDeg, 0.01);
            Assert.Equal(0, Tracker.Observe(pass.SetUtc).ElevationDeg, 0.01);
            Assert.True(Tracker.Observe(pass.RiseUtc, -1).ElevationDeg < 0);
            Assert.True(Tracker.Observe(pass.SetUtc, 1).ElevationDeg < 0);

            // A 1 s scan never finds a point higher than the refined culmination.
            var scanned = Enumerable.Range(0, (int)pass.Duration.TotalSeconds).Max(s => Tracker.Observe(pass.RiseUtc, s).ElevationDeg);
            Assert.True(pass.MaxElevationDeg >= scanned - 1e-9, $"{pass.MaxElevationDeg} < scanned {scanned}");
            Assert.Equal(pass.MaxElevationDeg, Tracker.Observe(pass.CulminationUtc).ElevationDeg, 1e-12);
            Assert.True(pass.RiseUtc < pass.CulminationUtc && pass.CulminationUtc < pass.SetUtc);
        }
    }

    [Fact]
    public void A_higher_mask_shortens_every_pass_and_drops_the_low_ones()
    {
        var masked = new PassFinder(Tracker, minElevationDeg: 20).Find(Start, Start.AddDays(1));

        Assert.Equal(Day.Count(p => p.MaxElevationDeg >= 20), masked.Count);
        foreach (var pass in masked)
        {
            var full = Day.Single(p => p.RiseUtc < pass.RiseUtc && p.SetUtc > pass.SetUtc);
            Assert.Equal(20, Tracker.Observe(pass.RiseUtc).ElevationDeg, 0.01);
            Assert.Equal(full.MaxElevationDeg, pass.MaxElevationDeg, 1e-6);
        }
    }

    [Fact]
    public void A_grazing_pass_shorter_than_the_sampling_step_is_found()
    {
        var highest = Day.MaxBy(p => p.MaxElevationDeg)!;
        var finder = new PassFinder(Tracker, minElevationDeg: highest.MaxElevationDeg - 0.002);

        var passes = finder.Find(highest.RiseUtc, highest.SetUtc);

        var grazing = Assert.Single(passes);
        Assert.True(grazing.Duration < finder.SampleStep, $"{grazing.Duration} (step {finder.SampleStep})");
        Assert.Equal(highest.CulminationUtc, grazing.CulminationUtc, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_pass_under_way_at_the_window_edges_is_clipped_and_flagged()
    {
        var pass = Day[0];
        var middle = pass.CulminationUtc;

        var clipped = new PassFinder(Tracker).Find(middle, pass.SetUtc.AddMinutes(1));

        var first = clipped[0];
        Assert.True(first.RiseClipped);
        Assert.Equal(middle, first.RiseUtc);
        Assert.Equal(pass.SetUtc, first.SetUtc, TimeSpan.FromMilliseconds(2));
        Assert.False(first.SetClipped);
        Assert.True(new PassFinder(Tracker).Find(pass.RiseUtc.AddMinutes(-1), middle)[0].SetClipped);
    }

    [Fact]
    public void A_geostationary_satellite_in_view_is_one_pass_spanning_the_window()
    {
        var geo = new SatelliteTracker(new Sgp4Propagator(TestOrbits.Geo), TestOrbits.Xinglong);
        var window = new PassFinder(geo).Find(Start, Start.AddDays(1));

        // Drifting by well under a degree a day, it neither rises nor sets: one pass clipped at both ends.
        Assert.InRange(geo.Observe(Start).ElevationDeg, 5, 90);
        var pass = Assert.Single(window);
        Assert.True(pass.RiseClipped && pass.SetClipped);
        Assert.Equal(Start, pass.RiseUtc);
        Assert.Equal(Start.AddDays(1), pass.SetUtc);
    }

    [Fact]
    public void A_mask_outside_minus_5_to_90_degrees_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PassFinder(Tracker, minElevationDeg: 90));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PassFinder(Tracker, minElevationDeg: -10));
    }
}
