using GroundStation.Simulator;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;

namespace GroundStation.Tests.Simulator;

public class DetectionStatisticsTests
{
    [Theory]
    [InlineData(20.0, 0.5)]
    [InlineData(30.0, 2.0)]
    [InlineData(40.0, 10.0)]
    public void Detected_slots_follow_the_weak_coherent_pulse_formula(double lossDb, double seconds)
    {
        var config = TestPasses.Quiet(lossDb, seconds);
        var sim = new PassSimulator(config, seed: 11);
        TestPasses.RunAll(sim);

        // Each pulse of class c gives at least one click with probability 1 - exp(-mu_c * eta), eta = 10^(-dB/10) * eff.
        double eta = Math.Pow(10, -lossDb / 10) * config.Receiver.DetectorEfficiency;
        double perPulse = 0;
        for (int c = 0; c < 3; c++)
            perPulse += config.Source.IntensityProbabilities[c] * -double.ExpM1(-config.Source.Intensities[c] * eta);
        double expected = sim.Physics.SlotCount * perPulse;
        TestPasses.WithinSigmas(expected, sim.Truth.SignalSlotsDetected, Math.Sqrt(expected));
    }

    [Fact]
    public void Intensity_classes_of_detections_are_weighted_by_probability_and_mean_photon_number()
    {
        var config = TestPasses.Quiet(25, 1.0);
        var sim = new PassSimulator(config, seed: 5);
        TestPasses.RunAll(sim);

        double eta = Math.Pow(10, -2.5) * config.Receiver.DetectorEfficiency;
        double signal = 0.5 * -double.ExpM1(-0.8 * eta), decoy = 0.25 * -double.ExpM1(-0.1 * eta);
        double expectedDecoyFraction = decoy / (signal + decoy);
        var perClass = sim.Truth.SignalClicksPerClass;
        Assert.Equal(0, perClass[2]);  // vacuum pulses never click
        double total = perClass[0] + perClass[1];
        TestPasses.WithinSigmas(expectedDecoyFraction, perClass[1] / total,
            Math.Sqrt(expectedDecoyFraction * (1 - expectedDecoyFraction) / total));
    }

    [Fact]
    public void Dark_counts_arrive_at_the_configured_rate_on_each_detector()
    {
        var config = TestPasses.Quiet(300, 10.0) with
        {
            Receiver = TestPasses.Quiet(300, 10).Receiver with { DarkCountsPerSecond = 1000 },
        };
        var events = TestPasses.RunAll(new PassSimulator(config, seed: 3));

        Assert.All(events, e => Assert.Equal(EventOrigin.DarkCount, e.Origin));
        for (int ch = 0; ch < 4; ch++)
        {
            long count = events.Count(e => e.Channel == ch);
            TestPasses.WithinSigmas(10_000, count, Math.Sqrt(10_000));
        }
    }

    [Fact]
    public void Dead_time_limits_the_count_rate_like_a_non_paralysable_detector()
    {
        double rate = 1e6, deadNs = 1000;
        var quiet = TestPasses.Quiet(300, 0.2);
        var config = quiet with { Receiver = quiet.Receiver with { DarkCountsPerSecond = rate, DeadTimeNs = deadNs } };
        var sim = new PassSimulator(config, seed: 8);
        var events = TestPasses.RunAll(sim);

        double expectedPerChannel = 0.2 * rate / (1 + rate * deadNs * 1e-9);  // m = n / (1 + n tau)
        long ch0 = events.Count(e => e.Channel == 0);
        TestPasses.WithinSigmas(expectedPerChannel, ch0, Math.Sqrt(expectedPerChannel));
        var times = events.Where(e => e.Channel == 0).Select(e => e.TimePs).ToArray();
        for (int i = 1; i < times.Length; i++) Assert.True(times[i] - times[i - 1] >= 1_000_000);
    }

    [Fact]
    public void Afterpulses_follow_a_fraction_of_clicks()
    {
        var quiet = TestPasses.Quiet(300, 5);
        var config = quiet with { Receiver = quiet.Receiver with { DarkCountsPerSecond = 2000, AfterpulseProbability = 0.05 } };
        var sim = new PassSimulator(config, seed: 21);
        TestPasses.RunAll(sim);

        // Every click (afterpulses included) afterpulses with p, so afterpulses / dark counts = p / (1 - p).
        double expected = sim.Truth.DarkCounts * 0.05 / 0.95;
        TestPasses.WithinSigmas(expected, sim.Truth.Afterpulses, Math.Sqrt(expected));
    }

    [Theory]
    [InlineData(0.03, 0.0)]
    [InlineData(0.01, 0.02)]
    public void Signal_qber_comes_from_misalignment_and_preparation_error(double misalignment, double preparation)
    {
        var quiet = TestPasses.Quiet(20, 1.0);
        var config = quiet with
        {
            Receiver = quiet.Receiver with { MisalignmentErrorRate = misalignment },
            Source = quiet.Source with { StatePreparationErrorRate = preparation },
        };
        var sim = new PassSimulator(config, seed: 99);
        var events = TestPasses.RunAll(sim);

        double expected = misalignment * (1 - preparation) + preparation * (1 - misalignment);
        long n = sim.Truth.BasisMatchedSignalClicks;
        TestPasses.WithinSigmas(expected, sim.Truth.SignalQber, Math.Sqrt(expected * (1 - expected) / n));

        // The same figure recomputed from the events and the satellite record, as gsctl would.
        long matched = 0, errors = 0;
        foreach (var e in events)
        {
            Assert.True(sim.Satellite.TryGetSent(e.Slot, out var sent));
            if (Channels.BasisOf(e.Channel) != sent.Basis) continue;
            matched++;
            if (Channels.BitOf(e.Channel) != sent.Bit) errors++;
        }
        Assert.Equal(sim.Truth.BasisMatchedSignalClicks, matched);
        Assert.Equal(sim.Truth.BasisMatchedSignalErrors, errors);
    }

    [Fact]
    public void Receiver_basis_split_ratio_sets_the_share_of_z_clicks()
    {
        var quiet = TestPasses.Quiet(22, 1.0);
        var config = quiet with { Receiver = quiet.Receiver with { ZBasisSplitRatio = 0.8 } };
        var events = TestPasses.RunAll(new PassSimulator(config, seed: 4));
        double z = events.Count(e => e.Channel <= 1) / (double)events.Count;
        TestPasses.WithinSigmas(0.8, z, Math.Sqrt(0.16 / events.Count));
    }

    [Fact]
    public void Detector_jitter_has_the_configured_fwhm()
    {
        var quiet = TestPasses.Quiet(22, 0.5);
        var config = quiet with { Receiver = quiet.Receiver with { JitterPsFwhm = 350 } };
        var sim = new PassSimulator(config, seed: 6);
        var events = TestPasses.RunAll(sim);

        var residuals = events.Select(e => e.TimePs - sim.Physics.IdealArrivalGroundPs(e.Slot)).ToArray();
        double mean = residuals.Average();
        double sigma = Math.Sqrt(residuals.Select(r => (r - mean) * (r - mean)).Average());
        // 1 ps flooring adds a -0.5 ps bias and 1/12 ps^2 of variance: negligible against 148.6 ps.
        Assert.InRange(sigma, 350 / 2.35482 * 0.99, 350 / 2.35482 * 1.01);
        Assert.InRange(mean, -2, 1);
    }
}
