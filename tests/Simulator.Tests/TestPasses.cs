using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;

namespace GroundStation.Tests.Simulator;

/// <summary>Small, fully controlled passes whose statistics have closed forms.</summary>
static class TestPasses
{
    public const double C = 299_792_458.0;

    /// <summary>Constant loss and range, no noise, no fading, ideal clocks, ideal tagger, no dead time.</summary>
    public static PassConfig Quiet(double lossDb, double seconds, double rangeKm = 1000) => new()
    {
        DurationSeconds = seconds,
        Link = new LinkConfig
        {
            LossProfile = [[0, lossDb]],
            RangeProfile = [[0, rangeKm]],
            ScintillationIndex = 0,
        },
        Receiver = new ReceiverConfig
        {
            DarkCountsPerSecond = 0,
            BackgroundCountsPerSecond = 0,
            MisalignmentErrorRate = 0,
            JitterPsFwhm = 0,
            DeadTimeNs = 0,
            AfterpulseProbability = 0,
        },
        Source = new SourceConfig { StatePreparationErrorRate = 0 },
        Beacon = new BeaconConfig { DetectionProbability = 0, BackgroundCountsPerSecond = 0, JitterPsFwhm = 0 },
        Clocks = new ClocksConfig
        {
            Ground = new GroundClockConfig { OffsetSeconds = 0, RateErrorPpm = 0, DriftPpbPerSecond = 0 },
            Satellite = new SatelliteClockConfig { RateErrorPpm = 0, DriftPpbPerSecond = 0, RelativisticRatePpb = 0 },
        },
        Tagger = new TaggerConfig { ResolutionPs = 1, ChannelSkewPs = [0, 0, 0, 0, 0] },
    };

    /// <summary>Runs the pass, checks ground-time order, returns every event.</summary>
    public static List<TaggerEvent> RunAll(PassSimulator sim)
    {
        var events = new List<TaggerEvent>();
        long previous = long.MinValue;
        foreach (var batch in sim.Batches())
            foreach (var e in batch.Events)
            {
                if (e.TimePs < previous) Assert.Fail($"event at {e.TimePs} ps after {previous} ps");
                previous = e.TimePs;
                events.Add(e);
            }
        return events;
    }

    /// <summary>Asserts |actual - expected| within k standard deviations of a Poisson/binomial count.</summary>
    public static void WithinSigmas(double expected, double actual, double sigma, double k = 5)
        => Assert.True(Math.Abs(actual - expected) <= k * sigma,
            $"expected {expected:G6} +- {k} x {sigma:G4}, got {actual:G6}");
}
