using System.Diagnostics;
using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench;

namespace GroundStation.Testbed.Bench.Timing;

/// <summary>What happened to one generated event, with its truth (for tests that check where things happened).</summary>
public readonly record struct TimedEventOutcome(
    double SecondsSinceStart, long TimePs, byte Channel, long TruthSlot, double TruthJitterPs,
    bool Assigned, long Slot, int ResidualPs, TimingState StateAfter);

/// <summary>Figures of a run against known truth.</summary>
public sealed class TimingTruthStats
{
    public long SignalSeen { get; internal set; }
    public long SignalAssigned { get; internal set; }
    public long SignalMisassigned { get; internal set; }
    public long BackgroundSeen { get; internal set; }
    public long BackgroundAssigned { get; internal set; }

    /// <summary>Correctly assigned signal detections whose timing error entered the RMS (while measuring).</summary>
    public long ErrorSamples { get; internal set; }
    public double SumSquaredErrorPs { get; internal set; }
    public double MaxAbsErrorPs { get; internal set; }
    public double RmsAddedErrorPs => ErrorSamples == 0 ? double.NaN : Math.Sqrt(SumSquaredErrorPs / ErrorSamples);
    public double MisassignmentRate => SignalAssigned == 0 ? double.NaN : SignalMisassigned / (double)SignalAssigned;

    /// <summary>(ground ps, new state) at every state change.</summary>
    public List<(long GroundPs, TimingState State)> Transitions { get; } = new();

    /// <summary>Throughput engine (whole batches): events fed, seconds inside ProcessBatch (bytes: <see cref="Allocation"/>).</summary>
    public long ThroughputEvents { get; internal set; }
    public long ThroughputDetections { get; internal set; }
    public double ThroughputSeconds { get; internal set; }

    /// <summary>Bytes booked to the thread around the throughput engine's batches, per eighth of the stream.</summary>
    public AllocationByEighths Allocation { get; } = new();
}

/// <summary>
/// Feeds a <see cref="SyntheticTimingStream"/> through a <see cref="TimingEngine"/> and scores every event against
/// the truth. The scoring engine gets one event per call, so each output maps to its input; an optional second
/// engine with the same settings gets the same events in whole batches and is timed (the engine is sequential,
/// so both evolve identically; only the batching differs).
/// </summary>
public sealed class TimingTruthRunner
{

    private readonly SyntheticTimingStream _stream;
    private readonly TimingEngine? _throughputEngine;
    private readonly long[] _slot = new long[1];
    private readonly byte[] _channel = new byte[1];
    private readonly int[] _residual = new int[1];

    public TimingTruthRunner(TimingScenario scenario, TimingConfig config, bool measureThroughput = false)
    {
        Scenario = scenario;
        _stream = new SyntheticTimingStream(scenario);
        Engine = new TimingEngine(config);
        if (measureThroughput)
        {
            _throughputEngine = new TimingEngine(config);
        }
    }

    public TimingScenario Scenario { get; }
    public TimingEngine Engine { get; }
    public TimingTruthStats Stats { get; } = new();

    /// <summary>When true, correctly assigned signal detections add to the timing-error RMS.</summary>
    public bool MeasureErrors { get; set; } = true;

    /// <summary>Called after each batch (about 1 ms of satellite time) with the satellite seconds generated so far.</summary>
    public Action<TimingTruthRunner, double>? AfterBatch { get; set; }

    /// <summary>Called for every event after the engine saw it.</summary>
    public Action<TimedEventOutcome>? OnEvent { get; set; }

    /// <summary>Runs to the end of the stream (or until the given satellite seconds).</summary>
    public TimingTruthStats Run(double untilSeconds = double.PositiveInfinity)
    {
        var batch = new TimingBatch(1 << 16);
        var outSlots = new long[batch.TimestampsPs.Length];
        var outChannels = new byte[batch.TimestampsPs.Length];
        var lastState = Engine.State;
        while (_stream.GeneratedSeconds < untilSeconds && _stream.Next(batch))
        {
            if (_throughputEngine != null)
            {
                RunThroughput(batch, outSlots, outChannels);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var t = batch.TimestampsPs[i];
                var ch = batch.Channels[i];
                var written = Engine.ProcessBatch(batch.TimestampsPs, batch.Channels, i, 1, _slot, _channel, _residual, 0);
                if (Engine.State != lastState)
                {
                    lastState = Engine.State;
                    Stats.Transitions.Add((t, lastState));
                }

                Score(batch, i, written == 1);
                OnEvent?.Invoke(new TimedEventOutcome(Scenario.SecondsSinceStart(Math.Max(batch.TruthSlots[i], 0)),
                    t, ch, batch.TruthSlots[i], batch.TruthJitterPs[i], written == 1,
                    written == 1 ? _slot[0] : -1, written == 1 ? _residual[0] : 0, lastState));
            }

            AfterBatch?.Invoke(this, _stream.GeneratedSeconds);
        }

        return Stats;
    }

    private void Score(TimingBatch batch, int i, bool assigned)
    {
        var ch = batch.Channels[i];
        if (ch == Scenario.BeaconChannel || ch >= Scenario.DetectorChannels)
        {
            return;
        }

        var truth = batch.TruthSlots[i];
        if (truth < 0)
        {
            Stats.BackgroundSeen++;
            if (assigned)
            {
                Stats.BackgroundAssigned++;
            }

            return;
        }

        Stats.SignalSeen++;
        if (!assigned)
        {
            return;
        }

        Stats.SignalAssigned++;
        if (_slot[0] != truth)
        {
            Stats.SignalMisassigned++;
            return;
        }

        if (MeasureErrors)
        {
            var error = _residual[0] - batch.TruthJitterPs[i];
            Stats.ErrorSamples++;
            Stats.SumSquaredErrorPs += error * error;
            Stats.MaxAbsErrorPs = Math.Max(Stats.MaxAbsErrorPs, Math.Abs(error));
        }
    }

    private void RunThroughput(TimingBatch batch, long[] outSlots, byte[] outChannels)
    {
        var engine = _throughputEngine!;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        engine.ProcessBatch(batch.TimestampsPs, batch.Channels, 0, batch.Count, outSlots, outChannels, null, 0);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Stats.ThroughputSeconds += elapsed.TotalSeconds;
        Stats.ThroughputEvents += batch.Count;
        var detections = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Channels[i] != Scenario.BeaconChannel)
            {
                detections++;
            }
        }

        Stats.ThroughputDetections += detections;
        Stats.Allocation.Add(_stream.GeneratedSeconds / Scenario.DurationSeconds, allocated, detections);
    }

    /// <summary>Applies the same host action to the throughput engine (skew table, predictions) to keep them in step.</summary>
    public void ForBothEngines(Action<TimingEngine> action)
    {
        action(Engine);
        if (_throughputEngine != null)
        {
            action(_throughputEngine);
        }
    }
}
