using GroundStation.Firmware.App;
using GroundStation.Firmware.App.Config;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Hal.Fakes;
using GroundStation.Protocol;

namespace GroundStation.Tests.App;

/// <summary>
/// Faults while the firmware runs: over-light on one detector, the host going silent, an SPI transfer failing.
/// Each must gate every detector off, say why (SYST:FAUL?), and stay that way until an operator recovers.
/// </summary>
public sealed class RunTimeFaultTests
{
    private const int AwaitingEnable = (int)SafeStateReason.AwaitingEnable;

    [Fact]
    public void Over_light_on_one_channel_cuts_every_gate_latches_and_needs_clear_then_enable()
    {
        var rig = new FirmwareRig();
        rig.Run(10_000);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
        Assert.Equal("OK", rig.Console("DET:GATE 3,ON"));
        Assert.True(rig.Board.DetectorGates[0].IsHigh);
        Assert.True(rig.Board.DetectorGates[2].IsHigh);

        // 3000 clicks within 0.9 us on detector 1: the limit is 2 Mcounts/s, i.e. 2000 in the 1 ms window.
        long t0 = rig.Clock.NowMicroseconds * 1_000_000;
        var times = Enumerable.Range(0, 3000).Select(i => t0 + (i * 300L)).ToArray();
        rig.Tagger.Enqueue(times, new byte[times.Length]);
        rig.Run(100_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal((int)SafeStateReason.OverLight, rig.FaultBitsFromConsole());
        Assert.Contains("detector 1 over-light", rig.Console("SYST:FAUL?"));
        Assert.Equal("1", rig.Console("DET:FAUL? 1"));
        Assert.Equal("0", rig.Console("DET:FAUL? 3"));

        // The firmware never re-enables on its own, and the operator cannot either while the latch holds.
        rig.Run(2_000_000);
        Assert.True(rig.Board.AllDetectorsGatedOff);
        var refused = StartupFaultTests.ErrorFrom(rig.Console("DET:GATE 1,ON"));
        Assert.StartsWith("-221,", refused);
        Assert.Contains("its fault is latched (DET:CLE)", refused);
        Assert.StartsWith("-221,", StartupFaultTests.ErrorFrom(rig.Console("DET:GATE 3,ON")));
        Assert.True(rig.Board.AllDetectorsGatedOff);

        // DET:CLE clears the latch; the channel stays off until it is explicitly enabled.
        Assert.Equal("OK", rig.Console("DET:CLE 1"));
        Assert.Equal(SpcmFault.None, rig.App.Detectors.LatchedFault(0));
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
        Assert.True(rig.Board.DetectorGates[0].IsHigh);
        Assert.False(rig.Board.DetectorGates[2].IsHigh);
        Assert.Equal(0, rig.FaultBitsFromConsole());
    }

    [Fact]
    public void Host_silent_for_the_configured_time_is_link_loss_with_detectors_off()
    {
        const int linkLossMs = 2000;
        var rig = new FirmwareRig(beforeBoot: r =>
        {
            var record = new byte[DeviceConfigCodec.Length];
            DeviceConfigCodec.Write(new DeviceConfig { LinkLossTimeoutMs = linkLossMs }, record);
            r.Board.Store.Replace(record, record.Length);
        });
        var host = new RigHost(rig);
        host.Connect();
        Assert.Equal(LinkMode.Binary, rig.App.Link.Mode);

        Assert.Equal((0, "OK"), host.Execute("DET:GATE 2,ON"));
        Assert.Equal((0, "OK"), host.Execute("DET:GATE 4,ON"));
        Assert.True(rig.Board.DetectorGates[1].IsHigh);
        host.Run(3_000_000);
        Assert.True(rig.Board.DetectorGates[1].IsHigh, "a listening host keeps the detectors on");

        // The host goes silent. Its last frame (a keepalive at most 0.5 s old) starts the link-loss clock.
        host.Listening = false;
        long silentFrom = rig.Clock.NowMicroseconds;
        rig.Run((linkLossMs * 1000L) - 600_000);
        Assert.True(rig.Board.DetectorGates[1].IsHigh, "not lost before the configured time");
        rig.Run(700_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.True(rig.App.Safety.Holds(SafeStateReason.LinkLost));
        Assert.Equal(LinkMode.Console, rig.App.Link.Mode);
        Assert.InRange(rig.App.Link.Channel.LastReceiveMicroseconds, silentFrom - 600_000, silentFrom);

        // The device is back on the console: the technician sees why, and recovery is explicit.
        rig.DrainHost();
        Assert.Equal((int)SafeStateReason.LinkLost, rig.FaultBitsFromConsole());
        Assert.Contains($"no frame from the host for {linkLossMs} ms", rig.Console("SYST:FAUL?"));
        Assert.StartsWith("-221,", StartupFaultTests.ErrorFrom(rig.Console("DET:GATE 2,ON")));
        Assert.Equal("recovered; detectors stay off until enabled", rig.Console("SYST:REC"));
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal("OK", rig.Console("DET:GATE 2,ON"));
    }

    [Fact]
    public void Link_loss_with_every_detector_off_is_not_a_fault()
    {
        var rig = new FirmwareRig();
        var host = new RigHost(rig);
        host.Connect();
        host.Listening = false;
        rig.Run(11_000_000);

        Assert.Equal(LinkMode.Console, rig.App.Link.Mode);
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
    }

    [Fact]
    public void Spi_failure_mid_run_is_a_driver_fault_and_starves_the_watchdog_until_recovered()
    {
        var rig = new FirmwareRig();
        rig.Run(10_000);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
        rig.Run(100_000);
        Assert.False(rig.Watchdog.HasExpired);

        var taggerSpi = (FakeSpiDevice)rig.Board.Resources.Tagger;
        taggerSpi.FailTransfers = true;
        rig.Run(10_000);
        long faultAt = rig.Clock.NowMicroseconds;
        int feedsAtFault = rig.Watchdog.Feeds.Count;

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal((int)SafeStateReason.DriverFault, rig.FaultBitsFromConsole());
        Assert.Contains("SPI transfer failed (injected)", rig.Console("SYST:FAUL?"));

        // The loop keeps serving the console, but no longer feeds the watchdog: the hardware resets the board.
        rig.Run(rig.Watchdog.TimeoutMilliseconds * 1000L);
        Assert.Equal(feedsAtFault, rig.Watchdog.Feeds.Count);
        Assert.True(rig.Watchdog.CheckExpiry());
        Assert.Equal(1, rig.Watchdog.BiteCount);
        Assert.True(rig.Watchdog.LastFeedMicroseconds <= faultAt);

        // An operator who recovers before the bite (the fault is gone) restores feeding; detectors stay off.
        taggerSpi.FailTransfers = false;
        Assert.Equal("recovered; detectors stay off until enabled", rig.Console("SYST:REC"));
        rig.Run(10_000);
        Assert.True(rig.Watchdog.Feeds.Count > feedsAtFault);
        Assert.False(rig.Watchdog.HasExpired);
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
    }

    [Fact]
    public void Recovery_while_the_spi_still_fails_reports_the_persisting_fault()
    {
        var rig = new FirmwareRig();
        rig.Run(10_000);
        var taggerSpi = (FakeSpiDevice)rig.Board.Resources.Tagger;
        taggerSpi.FailTransfers = true;
        rig.Run(10_000);

        Assert.StartsWith("driver fault persists: time tagger FAILED", rig.Console("SYST:REC"));
        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));
        Assert.True(rig.Board.AllDetectorsGatedOff);
    }

    [Fact]
    public void Detector_module_fault_line_is_a_detector_fault()
    {
        var rig = new FirmwareRig();
        Assert.Equal("OK", rig.Console("DET:GATE 4,ON"));
        rig.Board.DetectorFaults[3].SetLevel(false);
        rig.Run(5_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal((int)SafeStateReason.DetectorFault, rig.FaultBitsFromConsole());
        Assert.Equal("2", rig.Console("DET:FAUL? 4"));
        Assert.StartsWith("-200,", StartupFaultTests.ErrorFrom(rig.Console("DET:CLE 4")));

        rig.Board.DetectorFaults[3].SetLevel(true);
        Assert.Equal("OK", rig.Console("DET:CLE 4"));
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal("OK", rig.Console("DET:GATE 4,ON"));
    }
}
