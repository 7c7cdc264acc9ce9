using GroundStation.Firmware.App;
using GroundStation.Firmware.App.Config;
using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Memory;
using GroundStation.Protocol;

namespace GroundStation.Tests.App;

/// <summary>
/// CONF:IMP (and CONF:DEF) put a configuration into effect on the running firmware: every live field at once, shown
/// by its effect (coincidence window and over-light limit on a locked pass, bias on the ADC read-back, link timeout
/// on a silent host), and the reply names the fields that wait for a restart, which do take effect after
/// CONF:SAVE and a restart.
/// </summary>
public sealed class LiveConfigurationTests
{
    [Fact]
    public void The_coincidence_window_changes_at_once()
    {
        var (rig, source) = LockedOnAPass();

        // Detector 1's skew moved by 700 ps: its detections land 700 ps off the slot centre, outside the 500 ps window.
        Assert.Equal("OK", rig.Console(ImportLine(rig, c => c.SkewPs[0] = 700)));
        long dropped = DroppedOutsideWindowOver(rig, source, 200_000);
        Assert.True(dropped > 100, $"{dropped} detections dropped outside the window");

        // A window of 800 ps takes them back, from the next detection on.
        Assert.Equal("OK", rig.Console(ImportLine(rig, c => c.CoincidenceWindowPs = 800)));
        Assert.Equal(0, DroppedOutsideWindowOver(rig, source, 200_000));
    }

    [Fact]
    public void The_over_light_limit_changes_at_once()
    {
        var (rig, source) = LockedOnAPass();
        Assert.False(rig.App.Safety.Holds(SafeStateReason.OverLight));

        // 20 kcounts/s over four detectors is 5 kcounts/s each: above a 1 kcounts/s limit.
        Assert.Equal("OK", rig.Console(ImportLine(rig, c => c.OverLightLimitCountsPerSecond[2] = 1000)));
        rig.Run(100_000, () => source.FeedUntil(rig.Clock.NowMicroseconds * 1_000_000));

        Assert.True(rig.App.Safety.Holds(SafeStateReason.OverLight));
        Assert.False(rig.Board.DetectorGates[2].IsHigh);
    }

    [Fact]
    public void The_link_loss_timeout_changes_at_once()
    {
        var rig = new FirmwareRig();
        var host = new RigHost(rig);
        host.Connect();
        Assert.Equal((0, "OK"), host.Execute("DET:GATE 2,ON"));
        Assert.Equal((0, "OK"), host.Execute(ImportLine(rig, c => c.LinkLossTimeoutMs = 1000)));

        host.Listening = false;
        rig.Run(1_600_000); // the last keepalive is at most 0.5 s old: lost well before the default 10 s

        Assert.True(rig.App.Safety.Holds(SafeStateReason.LinkLost));
        Assert.Contains("no frame from the host for 1000 ms", rig.Console("SYST:FAUL?"));
    }

    [Fact]
    public void Receiver_map_qber_threshold_and_bias_change_at_once()
    {
        var rig = new FirmwareRig();

        var reply = rig.Console(ImportLine(rig, c =>
        {
            c.ReceiverMap = [1, 0, 3, 2];
            c.QberAlarmThresholdPpm = 80_000;
            c.BiasMillivolts[3] = 1500;
        }));

        Assert.Equal("OK", reply);
        var map = rig.App.SiftingSettings.Receiver;
        Assert.Equal(new[] { 1, 0, 3, 2 }, Enumerable.Range(0, 4).Select(ch => map.RoleOf((byte)ch)));
        Assert.Equal(80_000, rig.App.SiftingSettings.QberAlarmThresholdPpm);

        // Detector 4 is on DAC output B, monitored by ADC input 3: 1500 mV set, 1499 mV read (3.3 V / 4096 steps).
        Assert.Equal(1500, rig.Dac.OutputMillivolts(1));
        Assert.Equal("1499", rig.Console("DET:BIAS? 4"));
    }

    [Fact]
    public void Fields_that_shape_the_clock_model_are_named_in_the_reply_and_take_effect_after_save_and_restart()
    {
        var rig = new FirmwareRig();

        var reply = rig.Console(ImportLine(rig, c =>
        {
            c.PulseRateHz = 200_000_000;
            c.FrameLengthBeacons = 50;
            c.CoincidenceWindowPs = 300;
        }));

        Assert.Equal("OK; at restart: PulseRateHz,FrameLengthBeacons (CONF:SAVE, then restart)", reply);
        Assert.Equal(10_000L << 16, rig.App.Timing.SlotWidthPsQ16); // still 100 MHz
        Assert.Equal("OK", rig.Console("CONF:SAVE"));

        var record = new byte[DeviceConfigCodec.Length];
        int length = rig.Board.Store.Read(record);
        var restarted = new FirmwareRig(beforeBoot: r => r.Board.Store.Replace(record, length));
        Assert.Equal(5_000L << 16, restarted.App.Timing.SlotWidthPsQ16); // 200 MHz: 5 ns slots
        Assert.Equal(300, restarted.App.Configuration.Current.CoincidenceWindowPs);
    }

    [Fact]
    public void Factory_defaults_answer_like_an_import()
    {
        var rig = new FirmwareRig(beforeBoot: r =>
        {
            var record = new byte[DeviceConfigCodec.Length];
            DeviceConfigCodec.Write(new DeviceConfig { BeaconPeriodSlots = 20_000 }, record);
            r.Board.Store.Replace(record, record.Length);
        });

        Assert.Equal("OK; at restart: BeaconPeriodSlots (CONF:SAVE, then restart)", rig.Console("CONF:DEF"));
        Assert.Equal("OK", rig.Console(ImportLine(rig, c => c.BeaconPeriodSlots = 20_000)));
    }

    /// <summary>A CONF:IMP line for the rig's current configuration with <paramref name="change"/> applied.</summary>
    internal static string ImportLine(FirmwareRig rig, Action<DeviceConfig> change)
    {
        var record = new byte[DeviceConfigCodec.Length];
        int length = rig.App.Configuration.Export(record);
        var config = DeviceConfigCodec.TryRead(record, length, out var error) ?? throw new InvalidOperationException(error);
        change(config);
        length = DeviceConfigCodec.Write(config, record);
        return "CONF:IMP " + Hex.Encode(record, 0, length);
    }

    /// <summary>A rig whose firmware locked on a steady pass (100 MHz, beacon and frame marker, 20 kcounts/s) with every detector on.</summary>
    private static (FirmwareRig Rig, SteadyPassSource Source) LockedOnAPass()
    {
        var rig = new FirmwareRig();
        var source = new SteadyPassSource(rig.Tagger, 3, startGroundPs: 50_000_000_000);
        Assert.Equal("OK", rig.Console($"TIM:PRED {source.StartGroundPs},{source.StartSlot},1000000"));
        for (int detector = 1; detector <= 4; detector++)
        {
            Assert.Equal("OK", rig.Console($"DET:GATE {detector},ON"));
        }

        rig.Run(3_000_000, () =>
        {
            source.FeedUntil(rig.Clock.NowMicroseconds * 1_000_000);
            rig.DrainHost();
        });
        Assert.Equal(TimingState.Locked, rig.App.Timing.State);
        return (rig, source);
    }

    private static long DroppedOutsideWindowOver(FirmwareRig rig, SteadyPassSource source, long microseconds)
    {
        long before = rig.App.Timing.Counters.DroppedOutsideWindow;
        rig.Run(microseconds, () =>
        {
            source.FeedUntil(rig.Clock.NowMicroseconds * 1_000_000);
            rig.DrainHost();
        });
        Assert.Equal(TimingState.Locked, rig.App.Timing.State);
        return rig.App.Timing.Counters.DroppedOutsideWindow - before;
    }
}
