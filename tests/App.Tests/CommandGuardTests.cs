using GroundStation.Firmware.App.Config;
using GroundStation.Testbed.Bench.Memory;

namespace GroundStation.Tests.App;

/// <summary>
/// Commands refuse what cannot work, with an SCPI error instead of an OK that does nothing: skew calibration without
/// beacon lock, a dark count with every detector gated off, and configuration records that cannot describe a receiver
/// or that the timing engine would refuse at the next start.
/// </summary>
public sealed class CommandGuardTests
{
    [Fact]
    public void Skew_calibration_without_beacon_lock_is_refused()
    {
        var rig = new FirmwareRig();

        var reply = rig.Console("CAL:SKEW:STAR");

        Assert.Equal("-221,\"Settings conflict; skew calibration needs beacon lock (TIM:STAT? state 2, now 0)\"", StartupFaultTests.ErrorFrom(reply));
        Assert.False(rig.App.Timing.SkewCalibrationRunning);
    }

    [Fact]
    public void Skew_calibration_with_beacon_lock_starts()
    {
        var rig = new FirmwareRig();
        var source = new SteadyPassSource(rig.Tagger, 5, startGroundPs: 50_000_000_000);
        rig.Console($"TIM:PRED {source.StartGroundPs},{source.StartSlot},1000000");
        rig.Run(3_000_000, () =>
        {
            source.FeedUntil(rig.Clock.NowMicroseconds * 1_000_000);
            rig.DrainHost();
        });

        Assert.Equal("OK", rig.Console("CAL:SKEW:STAR"));
        Assert.True(rig.App.Timing.SkewCalibrationRunning);
    }

    [Fact]
    public void A_dark_count_with_every_detector_gated_off_is_refused()
    {
        var rig = new FirmwareRig();

        var reply = rig.Console("CAL:DARK 1");

        Assert.StartsWith("-221,", StartupFaultTests.ErrorFrom(reply));
        Assert.Contains("every detector is gated off", reply);
        Assert.False(rig.App.Detectors.DarkCountRunning);
    }

    [Fact]
    public void A_dark_count_with_a_detector_on_counts_its_clicks()
    {
        var rig = new FirmwareRig();
        Assert.Equal("OK", rig.Console("DET:GATE 3,ON"));
        Assert.Equal("OK", rig.Console("CAL:DARK 1"));

        // 50 clicks on detector 3 within the second: 50 dark counts per second.
        rig.Tagger.Enqueue(Enumerable.Range(1, 50).Select(i => i * 10_000_000_000L).ToArray(), Enumerable.Repeat((byte)2, 50).ToArray());
        rig.Run(1_100_000);

        Assert.Equal("50", rig.Console("CAL:DARK? 3"));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0 }, "ReceiverMap[1]: role 0 is already taken")]
    [InlineData(new[] { 0, 1, 2, 2 }, "ReceiverMap[3]: role 2 is already taken")]
    public void A_receiver_map_without_each_role_once_is_refused_and_nothing_changes(int[] map, string problem)
    {
        var rig = new FirmwareRig();
        var config = new DeviceConfig { ReceiverMap = map };

        Assert.StartsWith(problem, config.Validate());
        var reply = rig.Console(LiveConfigurationTests.ImportLine(rig, c => c.ReceiverMap = map));

        Assert.StartsWith("-224,", StartupFaultTests.ErrorFrom(reply));
        Assert.Contains(problem, reply);
        Assert.Equal(new[] { 0, 1, 2, 3 }, rig.App.Configuration.Current.ReceiverMap);
    }

    [Theory]
    [InlineData(100_000_000, 1, "BeaconPeriodSlots")]                     // a beacon every slot: the engine needs at least 2
    [InlineData(10_000_000, 20_000_000, "BeaconPeriodSlots (period over 1 s)")] // 2 s between beacons at 10 MHz
    public void A_record_the_timing_engine_would_refuse_at_the_next_start_is_refused_now(long pulseRateHz, int beaconPeriodSlots, string field)
    {
        var config = new DeviceConfig { PulseRateHz = pulseRateHz, BeaconPeriodSlots = beaconPeriodSlots };

        Assert.Equal("timing setting out of range: " + field, config.Validate());
    }
}
