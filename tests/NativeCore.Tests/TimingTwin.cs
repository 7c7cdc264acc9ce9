using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;
using GroundStation.NativeCore;
using Xunit.Sdk;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The managed <see cref="TimingEngine"/> (the reference) and the C engine behind <see cref="NativeTimingEngine"/>,
/// built from one configuration and fed the same calls. After every call the outputs (return value, every slot,
/// channel and residual written, and the untouched rest of the arrays) and the whole observable state (state,
/// every counter, the clock model, index, loss/lock times, prediction, skew table and histogram counts) must be
/// equal; the first difference fails with the call number and the field.
/// </summary>
internal sealed class TimingTwin : IDisposable
{
    private const long Sentinel = 0x5A5A5A5A5A5A5A5AL;

    private readonly int _detectors;
    private byte[] _managedChannels = new byte[64];
    private byte[] _nativeChannels = new byte[64];
    private int[] _managedResiduals = new int[64];
    private int[] _nativeResiduals = new int[64];
    private TimingState _lastState;

    public TimingTwin(TimingConfig config)
    {
        Managed = new TimingEngine(config);
        Native = new NativeTimingEngine(config);
        _detectors = config.DetectorChannelCount;
        _lastState = Managed.State;
    }

    public TimingEngine Managed { get; }
    public NativeTimingEngine Native { get; }

    /// <summary>Calls compared so far (ProcessBatch and control calls).</summary>
    public long Calls { get; private set; }

    /// <summary>Detections written (both engines; they are equal).</summary>
    public long Written { get; private set; }

    /// <summary>Every state change seen after a call, with the call number.</summary>
    public List<(long Call, TimingState State)> Transitions { get; } = new();

    /// <summary>One ProcessBatch on both engines, compared; returns the number written.</summary>
    public int Feed(long[] timestampsPs, byte[] channels, int offset, int count, int capacity, int outOffset, bool residuals)
    {
        Ensure(capacity);
        Fill(capacity);
        var ms = new long[capacity];
        var ns = new long[capacity];
        Array.Fill(ms, Sentinel);
        Array.Fill(ns, Sentinel);
        var managed = Managed.ProcessBatch(timestampsPs, channels, offset, count, ms, _managedChannels,
            residuals ? _managedResiduals : null, outOffset);
        var native = Native.ProcessBatch(timestampsPs, channels, offset, count, ns, _nativeChannels,
            residuals ? _nativeResiduals : null, outOffset);
        Calls++;
        Same("ProcessBatch return", managed, native);
        for (var i = 0; i < capacity; i++)
        {
            if (ms[i] != ns[i] || _managedChannels[i] != _nativeChannels[i] || _managedResiduals[i] != _nativeResiduals[i])
            {
                throw Difference($"output {i} (written {managed} at {outOffset})",
                    $"slot {ms[i]} ch {_managedChannels[i]} res {_managedResiduals[i]}",
                    $"slot {ns[i]} ch {_nativeChannels[i]} res {_nativeResiduals[i]}");
            }
        }

        Written += managed;
        AssertSameState();
        return managed;
    }

    /// <summary>
    /// Feeds timestampsPs[0..count) cut into random calls (1 event to all of them), at random output offsets, with
    /// now and then an output too small (DroppedOutputFull) and no residual array.
    /// </summary>
    public void FeedChopped(long[] timestampsPs, byte[] channels, int count, Random random)
    {
        var i = 0;
        while (i < count)
        {
            var n = random.Next(4) switch
            {
                0 => 1,
                1 => random.Next(1, 9),
                _ => count - i,
            };
            n = Math.Min(n, count - i);
            var outOffset = random.Next(8) == 0 ? random.Next(0, 5) : 0;
            var capacity = random.Next(16) == 0 ? outOffset + random.Next(0, 4) : outOffset + n;
            Feed(timestampsPs, channels, i, n, capacity, outOffset, random.Next(4) != 0);
            i += n;
        }
    }

    public void SetCoarsePrediction(long groundPs, long slot, long uncertaintyPs)
    {
        Managed.SetCoarsePrediction(groundPs, slot, uncertaintyPs);
        Native.SetCoarsePrediction(groundPs, slot, uncertaintyPs);
        Calls++;
        AssertSameState();
    }

    public void StartSkewCalibration()
    {
        Managed.StartSkewCalibration();
        Native.StartSkewCalibration();
        Calls++;
        AssertSameState();
    }

    public int ApplySkewCalibration(int minEntries)
    {
        var managed = Managed.ApplySkewCalibration(minEntries);
        var native = Native.ApplySkewCalibration(minEntries);
        Calls++;
        Same("ApplySkewCalibration", managed, native);
        AssertSameState();
        return managed;
    }

    public void SetSkewTablePs(int[] table)
    {
        Managed.SetSkewTablePs(table);
        Native.SetSkewTablePs(table);
        Calls++;
        AssertSameState();
    }

    public void SetCoincidenceWindowPs(int windowPs)
    {
        Managed.SetCoincidenceWindowPs(windowPs);
        Native.SetCoincidenceWindowPs(windowPs);
        Calls++;
        AssertSameState();
    }

    /// <summary>Compares everything the managed engine exposes with the native engine's copy.</summary>
    public void AssertSameState()
    {
        var m = Managed;
        var n = Native;
        Same("State", m.State, n.State);
        if (m.State != _lastState)
        {
            _lastState = m.State;
            Transitions.Add((Calls, _lastState));
        }

        var mc = Values(m.Counters);
        var nc = Values(n.Counters);
        for (var i = 0; i < mc.Length; i++)
        {
            Same("Counters." + CounterNames[i], mc[i], nc[i]);
        }

        var mm = m.Model;
        var nm = n.Model;
        Same("Model.AnchorGroundPs", mm.AnchorGroundPs, nm.AnchorGroundPs);
        Same("Model.AnchorSlot", mm.AnchorSlot, nm.AnchorSlot);
        Same("Model.AnchorFraction", mm.AnchorFraction, nm.AnchorFraction);
        Same("Model.SlotsPerPsQ64", mm.SlotsPerPsQ64, nm.SlotsPerPsQ64);
        Same("Model.RateChangePer2p40Ps", mm.RateChangePer2p40Ps, nm.RateChangePer2p40Ps);
        Same("IndexResolved", m.IndexResolved, n.IndexResolved);
        Same("LastLockGroundPs", m.LastLockGroundPs, n.LastLockGroundPs);
        Same("LastAcquisitionStartGroundPs", m.LastAcquisitionStartGroundPs, n.LastAcquisitionStartGroundPs);
        Same("LastLossGroundPs", m.LastLossGroundPs, n.LastLossGroundPs);
        Same("MeanAbsBeaconResidualPs", m.MeanAbsBeaconResidualPs, n.MeanAbsBeaconResidualPs);
        Same("HasCoarsePrediction", m.HasCoarsePrediction, n.HasCoarsePrediction);
        Same("CoarsePredictionSlot", m.CoarsePredictionSlot, n.CoarsePredictionSlot);
        Same("CoarsePredictionUncertaintyPs", m.CoarsePredictionUncertaintyPs, n.CoarsePredictionUncertaintyPs);
        Same("SkewCalibrationRunning", m.SkewCalibrationRunning, n.SkewCalibrationRunning);
        if (m.Model.SlotsPerPsQ64 >> 10 != -1)
        {
            // long.MinValue / -1 throws in C# (a diverged model only); the C answers instead (README "Timing").
            Same("RateOffsetPpb", m.RateOffsetPpb, n.RateOffsetPpb);
        }

        var mt = new int[_detectors];
        var nt = new int[_detectors];
        m.GetSkewTablePs(mt);
        n.GetSkewTablePs(nt);
        for (var c = 0; c < _detectors; c++)
        {
            Same($"skew[{c}]", mt[c], nt[c]);
            if (m.SkewCalibrationRunning)
            {
                Same($"SkewCalibrationCount({c})", m.SkewCalibrationCount(c), n.SkewCalibrationCount(c));
            }
        }
    }

    public void Dispose() => Native.Dispose();

    /// <summary>Runs a synthetic stream through both engines in random call sizes; afterBatch sees the seconds generated.</summary>
    public void Run(TimingScenario scenario, Random chopper, Action<TimingTwin, double>? afterBatch = null,
        Func<TimingBatch, int>? mutate = null)
    {
        var stream = new SyntheticTimingStream(scenario);
        var batch = new TimingBatch(1 << 16);
        while (stream.Next(batch, chopper.Next(3) == 0 ? 4e-3 : 1e-3))
        {
            var count = mutate == null ? batch.Count : mutate(batch);
            FeedChopped(batch.TimestampsPs, batch.Channels, count, chopper);
            afterBatch?.Invoke(this, stream.GeneratedSeconds);
        }
    }

    private static readonly string[] CounterNames =
    [
        "DetectionsSeen", "Assigned", "DroppedUnlocked", "DroppedOutsideWindow", "DroppedUnknownChannel",
        "DroppedOutputFull", "BeaconEvents", "BeaconsAccepted", "BeaconsRejected", "Locks", "LossesOfLock",
        "HoldoverRecoveries", "AcquisitionRestarts", "IndexResolutions",
    ];

    private static long[] Values(TimingCounters c) =>
    [
        c.DetectionsSeen, c.Assigned, c.DroppedUnlocked, c.DroppedOutsideWindow, c.DroppedUnknownChannel,
        c.DroppedOutputFull, c.BeaconEvents, c.BeaconsAccepted, c.BeaconsRejected, c.Locks, c.LossesOfLock,
        c.HoldoverRecoveries, c.AcquisitionRestarts, c.IndexResolutions,
    ];

    private void Same<T>(string what, T managed, T native)
    {
        if (!EqualityComparer<T>.Default.Equals(managed, native))
        {
            throw Difference(what, managed, native);
        }
    }

    private XunitException Difference(string what, object? managed, object? native) =>
        new($"native differs from managed after call {Calls}: {what}: managed {managed}, native {native}");

    private void Ensure(int capacity)
    {
        if (_managedChannels.Length < capacity)
        {
            var size = Math.Max(capacity, 2 * _managedChannels.Length);
            _managedChannels = new byte[size];
            _nativeChannels = new byte[size];
            _managedResiduals = new int[size];
            _nativeResiduals = new int[size];
        }
    }

    private void Fill(int capacity)
    {
        Array.Fill(_managedChannels, (byte)0xA5, 0, capacity);
        Array.Fill(_nativeChannels, (byte)0xA5, 0, capacity);
        Array.Fill(_managedResiduals, int.MinValue, 0, capacity);
        Array.Fill(_nativeResiduals, int.MinValue, 0, capacity);
    }
}
