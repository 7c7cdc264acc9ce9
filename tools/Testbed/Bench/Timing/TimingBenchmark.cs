using GroundStation.Firmware.Timing;

namespace GroundStation.Testbed.Bench.Timing;

/// <summary>Figures of one `gsctl bench timing` run.</summary>
public sealed class TimingBenchFigures
{
    public double DetectionsPerSecond { get; set; }
    /// <summary>Steady state: the quietest eighth of the run (see <see cref="AllocationByEighths"/>).</summary>
    public double AllocatedBytesPerDetection { get; set; }

    /// <summary>Everything booked to the measuring thread over the run, runtime one-offs included.</summary>
    public long AllocatedBytesWholeRun { get; set; }
    public double LockTimeSeconds { get; set; }
    public double AddedRmsTimingErrorPs { get; set; }
    public double MaxTimingErrorPs { get; set; }
    public double SlotMisassignmentRate { get; set; }
    public double ReacquireTimeSeconds { get; set; }
    public double HoldoverRelockSeconds { get; set; }
    public double LossDetectedAfterSeconds { get; set; }
    public long AssignedInOutageAfterLoss { get; set; }
    public double SkewCalibrationMaxErrorPs { get; set; }
    public double SignalAssignedFraction { get; set; }
    public double BackgroundAcceptedFraction { get; set; }
    public long Detections { get; set; }
    public long BeaconsAccepted { get; set; }
    public double PassSeconds { get; set; }
}

/// <summary>
/// `gsctl bench timing`: a LEO pass (Doppler +-23 ppm, 0.4 ppm/s overhead, ~3 ms of delay change, oscillator
/// offset with a relativistic 0.3 ppb), 5 % beacon detection with background, jittered detections with channel
/// skews, a long beacon fade (loss, re-acquisition helped by the old model) and a short one (holdover re-lock).
/// The skew table is calibrated during the first seconds of lock; timing errors count after that.
/// </summary>
public sealed class TimingBenchmark : IBenchmark
{
    public string Name => "timing";

    public string Description =>
        "Timing engine on a synthetic LEO pass with known truth: throughput, allocations, lock and re-acquisition " +
        "times, added timing error and slot misassignment.";

    public BenchReport Run(BenchOptions options)
    {
        var f = TimingBench.Run(options.Seed, options.Quick, options.Progress);
        return new BenchReport(Name)
            .Add("detectionsPerSecond", Math.Round(f.DetectionsPerSecond), "/s")
            .Add("allocatedBytesPerDetection", f.AllocatedBytesPerDetection, "B")
            .Add("allocatedBytesWholeRun", f.AllocatedBytesWholeRun, "B")
            .Add("lockTimeSeconds", f.LockTimeSeconds, "s")
            .Add("addedRmsTimingErrorPs", f.AddedRmsTimingErrorPs, "ps")
            .Add("maxTimingErrorPs", f.MaxTimingErrorPs, "ps")
            .Add("slotMisassignmentRate", f.SlotMisassignmentRate)
            .Add("reacquireTimeSeconds", f.ReacquireTimeSeconds, "s")
            .Add("holdoverRelockSeconds", f.HoldoverRelockSeconds, "s")
            .Add("lossDetectedAfterSeconds", f.LossDetectedAfterSeconds, "s")
            .Add("assignedInOutageAfterLoss", f.AssignedInOutageAfterLoss)
            .Add("skewCalibrationMaxErrorPs", f.SkewCalibrationMaxErrorPs, "ps")
            .Add("signalAssignedFraction", f.SignalAssignedFraction)
            .Add("backgroundAcceptedFraction", f.BackgroundAcceptedFraction)
            .Add("detections", f.Detections)
            .Add("beaconsAccepted", f.BeaconsAccepted)
            .Add("passSeconds", f.PassSeconds, "s");
    }
}

/// <summary>The timing benchmark's workload and scoring (public so tests run the quick variant).</summary>
public static class TimingBench
{
    private const double LongFadeSeconds = 3;
    private const double ShortFadeSeconds = 0.3;

    public static TimingScenario Scenario(int seed, bool quick) => new()
    {
        Seed = seed,
        DurationSeconds = quick ? 16 : 300,
        PassZenithSeconds = quick ? 8 : 150,
        PassMaxDopplerPpm = 23,
        PassMaxRateChangePpmPerSecond = 0.4,
        ClockOffsetPpm = 35.0003,
        DetectionRateHz = quick ? 10_000 : 30_000,
        DetectionJitterPs = 100,
        BeaconJitterPs = 50,
        BeaconBackgroundHz = 2000,
        DetectorBackgroundHz = 500,
        ChannelSkewPs = [150, -230, 410, -80],
        Outages = [(quick ? 6 : 100, LongFadeSeconds), (quick ? 12 : 200, ShortFadeSeconds)],
        OutageBlocksSignal = false,
    };

    public static TimingBenchFigures Run(int seed, bool quick, Action<string>? progress = null)
    {
        var scenario = Scenario(seed, quick);
        var calibrationSeconds = quick ? 2.0 : 5.0;
        var runner = new TimingTruthRunner(scenario, new TimingConfig(), measureThroughput: true)
        {
            MeasureErrors = false,
        };

        // The host knows the pass to a millisecond: enough with the frame marker to fix the absolute index.
        runner.ForBothEngines(e => e.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, 1_000_000_000));

        var calibrationStart = double.NaN;
        var skewError = double.NaN;
        var outageStart = scenario.GroundTimeAtPs(scenario.Outages[0].StartSeconds);
        var outageEnd = scenario.GroundTimeAtPs(scenario.Outages[0].StartSeconds + LongFadeSeconds);
        var shortEnd = scenario.GroundTimeAtPs(scenario.Outages[1].StartSeconds + ShortFadeSeconds);
        long assignedInOutageAfterLoss = 0;
        var lossAt = long.MinValue;
        runner.OnEvent = o =>
        {
            if (o.Assigned && o.TimePs >= outageStart && o.TimePs < outageEnd && lossAt != long.MinValue && o.TimePs > lossAt)
            {
                assignedInOutageAfterLoss++;
            }
        };

        var lastProgress = 0.0;
        runner.AfterBatch = (r, seconds) =>
        {
            var engine = r.Engine;
            if (lossAt == long.MinValue && engine.LastLossGroundPs >= outageStart)
            {
                lossAt = engine.LastLossGroundPs;
            }

            if (double.IsNaN(calibrationStart) && engine.State == TimingState.Locked)
            {
                calibrationStart = seconds;
                r.ForBothEngines(e => e.StartSkewCalibration());
            }
            else if (!double.IsNaN(calibrationStart) && double.IsNaN(skewError) && seconds >= calibrationStart + calibrationSeconds)
            {
                r.ForBothEngines(e => e.ApplySkewCalibration(200));
                var table = new int[scenario.ChannelSkewPs.Length];
                engine.GetSkewTablePs(table);
                skewError = table.Select((s, c) => Math.Abs(s - scenario.ChannelSkewPs[c])).Max();
                r.MeasureErrors = true;
            }

            if (seconds - lastProgress >= (quick ? 4 : 30))
            {
                lastProgress = seconds;
                progress?.Invoke($"timing: {seconds:0} s of {scenario.DurationSeconds:0} s, state {engine.State}");
            }
        };

        var stats = runner.Run();
        var transitions = stats.Transitions;
        var firstLock = transitions.FirstOrDefault(x => x.State == TimingState.Locked);
        var relock = transitions.FirstOrDefault(x => x.State == TimingState.Locked && x.GroundPs >= outageEnd);
        var shortRelock = transitions.FirstOrDefault(x => x.State == TimingState.Locked && x.GroundPs >= shortEnd);
        return new TimingBenchFigures
        {
            DetectionsPerSecond = stats.ThroughputDetections / stats.ThroughputSeconds,
            AllocatedBytesPerDetection = stats.Allocation.SteadyStateBytesPerWork,
            AllocatedBytesWholeRun = stats.Allocation.TotalBytes,
            LockTimeSeconds = firstLock == default ? double.NaN : (firstLock.GroundPs - scenario.GroundStartPs) / 1e12,
            AddedRmsTimingErrorPs = stats.RmsAddedErrorPs,
            MaxTimingErrorPs = stats.MaxAbsErrorPs,
            SlotMisassignmentRate = stats.MisassignmentRate,
            ReacquireTimeSeconds = relock == default ? double.NaN : (relock.GroundPs - outageEnd) / 1e12,
            HoldoverRelockSeconds = shortRelock == default ? double.NaN : (shortRelock.GroundPs - shortEnd) / 1e12,
            LossDetectedAfterSeconds = lossAt == long.MinValue ? double.NaN : (lossAt - outageStart) / 1e12,
            AssignedInOutageAfterLoss = assignedInOutageAfterLoss,
            SkewCalibrationMaxErrorPs = skewError,
            SignalAssignedFraction = stats.SignalAssigned / (double)Math.Max(1, stats.SignalSeen),
            BackgroundAcceptedFraction = stats.BackgroundAssigned / (double)Math.Max(1, stats.BackgroundSeen),
            Detections = stats.SignalSeen + stats.BackgroundSeen,
            BeaconsAccepted = runner.Engine.Counters.BeaconsAccepted,
            PassSeconds = scenario.DurationSeconds,
        };
    }
}
