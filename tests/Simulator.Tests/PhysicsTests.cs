using GroundStation.Simulator.Config;
using GroundStation.Simulator.Physics;
using GroundStation.Simulator.Source;

namespace GroundStation.Tests.Simulator;

public class PhysicsTests
{
    [Fact]
    public void Geometry_pass_rises_and_sets_at_min_elevation_and_culminates_at_max()
    {
        var g = new GeometryConfig { AltitudeKm = 500, MaxElevationDeg = 70, MinElevationDeg = 20 };
        var orbit = new OrbitGeometry(g, durationSeconds: null);
        double d = orbit.RiseToSetSeconds;
        Assert.Equal(20, orbit.ElevationDeg(0), 0.01);
        Assert.Equal(20, orbit.ElevationDeg(d), 0.01);
        double peak = Enumerable.Range(0, 1001).Max(i => orbit.ElevationDeg(d * i / 1000));
        Assert.Equal(70, peak, 0.5);  // Earth rotation moves the culmination slightly
        // Slant range at elevation e: sqrt(R^2 - Re^2 cos^2 e) - Re sin e.
        double re = 6371e3, r = re + 500e3, e20 = 20 * Math.PI / 180;
        double range20 = Math.Sqrt(r * r - re * re * Math.Cos(e20) * Math.Cos(e20)) - re * Math.Sin(e20);
        Assert.Equal(range20, orbit.RangeMeters(0), 10.0);
        // Orbital speed of a circular 500 km orbit: sqrt(GM / r) = sqrt(3.986e14 / 6.871e6) = 7.6166 km/s.
        Assert.Equal(7616.6, orbit.OrbitalSpeedMetersPerSecond, 0.5);
    }

    [Fact]
    public void Overhead_pass_range_rate_reaches_nearly_the_orbital_speed_projection()
    {
        var orbit = new OrbitGeometry(new GeometryConfig { MaxElevationDeg = 89.9, MinElevationDeg = 10 }, null);
        double rate = (orbit.RangeMeters(1.0005) - orbit.RangeMeters(0.9995)) / 1e-3;
        // At low elevation the line of sight is almost along the track: |range rate| ~ v cos(elevation) * Re/r-ish.
        Assert.InRange(-rate, 6500, 7500);
    }

    [Fact]
    public void Geometric_collection_loss_grows_20_db_per_decade_of_range_in_the_far_field()
    {
        var g = new GeometryConfig();
        var budget = new GeometricLinkBudget(g, new OrbitGeometry(g, null));
        Assert.Equal(20, budget.CollectionLossDb(10_000e3) - budget.CollectionLossDb(1_000e3), 0.05);
        // 1 m aperture, 12 urad full divergence at 1000 km: w = 6 m, fraction = 1 - exp(-2 * 0.25 / 36.0225).
        Assert.Equal(-10 * Math.Log10(1 - Math.Exp(-0.5 / (0.15 * 0.15 + 36))), budget.CollectionLossDb(1_000e3), 1e-9);
    }

    [Fact]
    public void Range_profile_spline_passes_through_its_points_and_keeps_a_straight_line_straight()
    {
        var spline = new RangeProfile([[0, 1200], [50, 800], [100, 600], [150, 800], [200, 1200]]);
        Assert.Equal(800e3, spline.RangeMeters(50), 1e-6);
        Assert.Equal(600e3, spline.RangeMeters(100), 1e-6);
        var line = new RangeProfile([[0, 1000], [10, 1050], [20, 1100]]);
        Assert.Equal(1025e3, line.RangeMeters(5), 1e-6);
        Assert.Equal(1125e3, line.RangeMeters(25), 1e-6);  // extrapolated with the end slope
    }

    [Fact]
    public void Loss_profile_interpolates_linearly_and_holds_its_ends()
    {
        var p = new LinearProfile([[10, 30], [20, 40]]);
        Assert.Equal(30, p.LossDb(0));
        Assert.Equal(35, p.LossDb(15), 1e-12);
        Assert.Equal(40, p.LossDb(99));
    }

    [Fact]
    public void Satellite_record_follows_the_source_probabilities_and_answers_only_inside_the_pass()
    {
        var source = new SourceConfig { ZBasisProbability = 0.7, StatePreparationErrorRate = 0.1 };
        var record = new SatelliteRecord(source, seed: 3, slotCount: 1_000_000);
        var classes = new long[3];
        long z = 0, ones = 0, prepErrors = 0;
        for (long n = 0; n < 1_000_000; n++)
        {
            Assert.True(record.TryGetSent(n, out var p));
            classes[p.IntensityClass]++;
            if (p.Basis == 0) z++;
            ones += p.Bit;
            if (p.PreparationError) prepErrors++;
        }
        double sigma(double q) => Math.Sqrt(q * (1 - q) * 1e6);
        TestPasses.WithinSigmas(500_000, classes[0], sigma(0.5));
        TestPasses.WithinSigmas(250_000, classes[1], sigma(0.25));
        TestPasses.WithinSigmas(250_000, classes[2], sigma(0.25));
        TestPasses.WithinSigmas(700_000, z, sigma(0.7));
        TestPasses.WithinSigmas(500_000, ones, sigma(0.5));
        TestPasses.WithinSigmas(100_000, prepErrors, sigma(0.1));
        Assert.False(record.TryGetSent(-1, out _));
        Assert.False(record.TryGetSent(1_000_000, out _));
        Assert.True(record.TryGetSent(123, out var a));
        Assert.True(new SatelliteRecord(source, 3, 1_000_000).TryGetSent(123, out var b));
        Assert.Equal(a, b);
    }
}
