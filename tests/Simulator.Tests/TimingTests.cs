using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Physics;

namespace GroundStation.Tests.Simulator;

public class TimingTests
{
    const double SlotPs = 10_000;

    [Fact]
    public void Arrival_time_is_emission_plus_range_over_c()
    {
        double rangeKm = 1234.5;
        var sim = new PassSimulator(TestPasses.Quiet(25, 0.05, rangeKm), seed: 1);
        var events = TestPasses.RunAll(sim);
        Assert.NotEmpty(events);
        double delayPs = rangeKm * 1000 / TestPasses.C * 1e12;  // 4,117,857.6 ps
        foreach (var e in events)
        {
            double ideal = e.Slot * SlotPs + delayPs;
            Assert.InRange(e.TimePs, Math.Floor(ideal) - 1, Math.Floor(ideal) + 1);
        }
    }

    [Theory]
    [InlineData(-6500.0)]
    [InlineData(7000.0)]
    public void Doppler_scales_ground_arrival_spacing_by_one_over_one_minus_range_rate_over_c(double rangeRate)
    {
        // Range grows linearly: light emitted at t_e arrives at t_a = t_e + (r0 + v t_a) / c, so dt_a/dt_e = 1 / (1 - v/c).
        var quiet = TestPasses.Quiet(25, 2.0);
        var config = quiet with { Link = quiet.Link with { RangeProfile = [[0, 1000], [10, 1000 + rangeRate * 10 / 1000]] } };
        var sim = new PassSimulator(config, seed: 2);
        var events = TestPasses.RunAll(sim);

        double slope = FitSlope(events.Select(e => (double)e.Slot).ToArray(), events.Select(e => (double)e.TimePs).ToArray());
        double expected = SlotPs / (1 - rangeRate / TestPasses.C);
        Assert.Equal(expected / SlotPs - 1, slope / SlotPs - 1, 1e-10);  // 2.2e-5 of Doppler, to 1e-10
        Assert.Equal(expected / SlotPs * 1e6 - 1e6, sim.Physics.ApparentRateErrorPpm(1.0), 1e-4);
    }

    [Fact]
    public void Ground_and_satellite_clock_errors_enter_the_timestamps()
    {
        var quiet = TestPasses.Quiet(25, 0.5, rangeKm: 800);
        var config = quiet with
        {
            Clocks = new ClocksConfig
            {
                Ground = new GroundClockConfig { OffsetSeconds = 0.25, RateErrorPpm = 30, DriftPpbPerSecond = 0 },
                Satellite = new SatelliteClockConfig { RateErrorPpm = -12, DriftPpbPerSecond = 0, RelativisticRatePpb = -0.3 },
            },
        };
        var sim = new PassSimulator(config, seed: 3);
        var events = TestPasses.RunAll(sim);
        Assert.NotEmpty(events);
        double delay = 800e3 / TestPasses.C;
        double satRate = -12e-6 - 0.3e-9;
        foreach (var e in events)
        {
            double emission = e.Slot * 1e-8 / (1 + satRate);
            double groundPs = (0.25 + (1 + 30e-6) * (emission + delay)) * 1e12;
            Assert.InRange(e.TimePs, Math.Floor(groundPs) - 1, Math.Floor(groundPs) + 1);
        }
    }

    [Fact]
    public void Relativistic_rate_at_500_km_is_about_minus_0_27_ppb()
    {
        // GM/c^2 (1/Re - 3/(2R)): +0.05 ppb gravitational, -0.32 ppb velocity.
        Assert.Equal(-0.272e-9, OrbitGeometry.RelativisticRate(500), 0.005e-9);
        var physics = new PassPhysics(new PassConfig());
        Assert.Equal(OrbitGeometry.RelativisticRate(500), physics.Clocks.RelativisticRate);
    }

    [Fact]
    public void Channel_skew_and_resolution_shape_each_timestamp()
    {
        var quiet = TestPasses.Quiet(22, 0.05);
        var config = quiet with { Tagger = new TaggerConfig { ResolutionPs = 25, ChannelSkewPs = [0, 300, -200, 1000, 0] } };
        var sim = new PassSimulator(config, seed: 4);
        var events = TestPasses.RunAll(sim);
        foreach (var e in events)
        {
            Assert.Equal(0, e.TimePs % 25);
            double ideal = sim.Physics.IdealArrivalGroundPs(e.Slot) + config.Tagger.ChannelSkewPs[e.Channel];
            Assert.Equal(Math.Floor(ideal / 25) * 25, e.TimePs);
        }
    }

    [Fact]
    public void Default_pass_doppler_stays_within_the_leo_budget()
    {
        // DOMAIN.md: +-23 ppm at 500 km, rate change up to 0.36 ppm/s; clocks add 2 + 1 ppm here.
        var physics = new PassPhysics(new PassConfig());
        double maxRate = 0, maxChange = 0;
        for (double t = 0.5; t < physics.DurationSeconds - 0.5; t += 1)
        {
            maxRate = Math.Max(maxRate, Math.Abs(physics.ApparentRateErrorPpm(t)));
            maxChange = Math.Max(maxChange, Math.Abs(physics.ApparentRateErrorPpm(t + 0.5) - physics.ApparentRateErrorPpm(t - 0.5)));
        }
        Assert.InRange(maxRate, 18, 27);
        Assert.InRange(maxChange, 0.15, 0.4);
    }

    static double FitSlope(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
