using GroundStation.Firmware.Timing;
using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// What the C engine refuses: every setting TimingConfig.Validate rejects is rejected with the same one-line message;
/// a valid setting beyond the core's compile-time capacity is refused with its own message (the managed engine
/// takes it); bad arguments throw before the C sees them; a disposed engine throws.
/// </summary>
public class TimingGuardTests
{
    public static TheoryData<string> BadSettings() => new(BadConfigs.Keys);

    private static readonly Dictionary<string, Action<TimingConfig>> BadConfigs = new()
    {
        ["PulseRateHz"] = c => c.PulseRateHz = 999,
        ["BeaconPeriodSlots"] = c => c.BeaconPeriodSlots = 1,
        ["period over 1 s"] = c => { c.PulseRateHz = 1000; c.BeaconPeriodSlots = 2000; },
        ["FrameLengthBeacons"] = c => c.FrameLengthBeacons = 4097,
        ["OmittedFramePositions null"] = c => c.OmittedFramePositions = null!,
        ["OmittedFramePositions position"] = c => c.OmittedFramePositions = [0, 100],
        ["OmittedFramePositions length"] = c => { c.FrameLengthBeacons = 2; c.OmittedFramePositions = [0, 1]; },
        ["DetectorChannelCount"] = c => c.DetectorChannelCount = 0,
        ["BeaconChannel"] = c => c.BeaconChannel = 3,
        ["CoincidenceWindowPs"] = c => c.CoincidenceWindowPs = 0,
        ["MaxRateOffsetPpm"] = c => c.MaxRateOffsetPpm = 2001,
        ["BeaconGatePs"] = c => c.BeaconGatePs = 1_000_001,
        ["BeaconGateMinPs"] = c => c.BeaconGateMinPs = 2001,
        ["LossAfterMissedBeacons"] = c => c.LossAfterMissedBeacons = 1,
        ["HoldoverMaxMs"] = c => c.HoldoverMaxMs = -1,
        ["HoldoverConfirmBeacons"] = c => c.HoldoverConfirmBeacons = 33,
        ["HoldoverDriftPpb"] = c => c.HoldoverDriftPpb = 100_001,
        ["HoldoverRateChangePpbPerSecond"] = c => c.HoldoverRateChangePpbPerSecond = -1,
        ["LoopTimeConstantLog2Ps"] = c => c.LoopTimeConstantLog2Ps = 45,
        ["SkewHistogramBins"] = c => c.SkewHistogramBins = 7,
        ["SkewCentroidHalfWidthBins"] = c => c.SkewCentroidHalfWidthBins = 128,
        ["VoteHistory"] = c => c.VoteHistory = 1,
        ["VoteMaxPeriods"] = c => c.VoteMaxPeriods = 7,
        ["pair spacing"] = c => { c.VoteMaxPeriods = 4000; c.MaxRateOffsetPpm = 100; },
        ["VotePeakMin"] = c => c.VotePeakMin = 1,
        ["FoldBins"] = c => c.FoldBins = 4097,
        ["FoldPeakMin"] = c => c.FoldPeakMin = 1,
        ["MarkerMargin"] = c => c.MarkerMargin = 0,
        ["FoldTimeoutMs"] = c => c.FoldTimeoutMs = 9,
        ["model span"] = c => { c.PulseRateHz = 100_000_000_000; c.BeaconPeriodSlots = 10_000_000; c.LossAfterMissedBeacons = 1_000_000; },
        ["AcquireTimeoutMs"] = c => c.AcquireTimeoutMs = 99,
        ["StalePredictionMaxMs"] = c => c.StalePredictionMaxMs = 600_001,
    };

    [NativeTheory]
    [MemberData(nameof(BadSettings))]
    public void A_setting_the_managed_engine_rejects_is_rejected_with_the_same_message(string setting)
    {
        var config = new TimingConfig();
        BadConfigs[setting](config);
        var managed = Assert.Throws<ArgumentException>(() => new TimingEngine(config));
        var native = Assert.Throws<ArgumentException>(() => new NativeTimingEngine(config));
        Assert.StartsWith("timing setting out of range: ", managed.Message);
        Assert.Equal(managed.Message, native.Message);
    }

    [NativeTheory]
    [InlineData("DetectorChannelCount")]
    [InlineData("SkewHistogramBins")]
    [InlineData("FoldBins")]
    [InlineData("FrameLengthBeacons")]
    [InlineData("VoteHistory")]
    [InlineData("MaxRateOffsetPpm")]
    [InlineData("OmittedFramePositions")]
    public void A_valid_setting_beyond_the_native_capacity_is_refused_by_name(string setting)
    {
        var config = new TimingConfig();
        switch (setting)
        {
            case "DetectorChannelCount": config.DetectorChannelCount = 9; config.BeaconChannel = 9; break;
            case "SkewHistogramBins": config.SkewHistogramBins = 512; break;
            case "FoldBins": config.FoldBins = 512; break;
            case "FrameLengthBeacons": config.FrameLengthBeacons = 257; break;
            case "VoteHistory": config.VoteHistory = 65; break;
            case "MaxRateOffsetPpm": config.MaxRateOffsetPpm = 301; break;
            default: config.OmittedFramePositions = Enumerable.Range(0, 17).ToArray(); break;
        }

        _ = new TimingEngine(config); // valid for the managed engine
        var e = Assert.Throws<ArgumentException>(() => new NativeTimingEngine(config));
        Assert.Equal("timing setting beyond the native core's capacity: " + setting + " (capacity)", e.Message);
    }

    [NativeFact]
    public void The_largest_configuration_within_capacity_is_accepted()
    {
        var config = new TimingConfig
        {
            DetectorChannelCount = 8, BeaconChannel = 8, SkewHistogramBins = 256, FoldBins = 256, FrameLengthBeacons = 256,
            VoteHistory = 64, MaxRateOffsetPpm = 300, OmittedFramePositions = Enumerable.Range(0, 16).ToArray(),
            VoteMaxPeriods = 1000,
        };
        using var twin = new TimingTwin(config);
        Assert.Equal(TimingState.Searching, twin.Native.State);
    }

    [NativeFact]
    public void Bad_arguments_throw_before_the_native_call()
    {
        using var engine = new NativeTimingEngine(new TimingConfig());
        var t = new long[4];
        var c = new byte[4];
        var slots = new long[4];
        var ch = new byte[4];
        Assert.Throws<IndexOutOfRangeException>(() => engine.ProcessBatch(t, c, 2, 3, slots, ch, null, 0));
        Assert.Throws<IndexOutOfRangeException>(() => engine.ProcessBatch(t, new byte[2], 0, 4, slots, ch, null, 0));
        Assert.Throws<IndexOutOfRangeException>(() => engine.ProcessBatch(t, c, 0, 4, slots, new byte[3], null, 0));
        Assert.Throws<IndexOutOfRangeException>(() => engine.ProcessBatch(t, c, 0, 4, slots, ch, new int[3], 0));
        Assert.Throws<IndexOutOfRangeException>(() => engine.ProcessBatch(t, c, 0, 4, slots, ch, null, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.SetCoincidenceWindowPs(0));
        Assert.Throws<IndexOutOfRangeException>(() => engine.GetSkewTablePs(new int[3]));
        Assert.Throws<IndexOutOfRangeException>(() => engine.SkewCalibrationCount(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeTimingArithmetic.MulShift(1, 1, 65));
        Assert.Equal(0, engine.Counters.DetectionsSeen); // nothing reached the engine
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.State);
    }
}
