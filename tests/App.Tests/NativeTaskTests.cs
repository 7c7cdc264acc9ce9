using GroundStation.Firmware.App;
using GroundStation.Firmware.App.NativeTask;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.NativeCore;
using GroundStation.Protocol;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.App;

/// <summary>
/// The custom ESP32 image's device path (firmware/App/NativeTask): the firmware on the fake board with a scripted
/// acquisition task behind the InternalCall surface. The task's results must reach the managed control plane (closed
/// batches the sifter and the link, a trip the latch, the gates and the safe state, counters the telemetry), and an
/// image without the native table must leave the managed pipeline in charge.
/// </summary>
public sealed class NativeTaskTests
{
    private static readonly NativeTaskWiring Wiring = new()
    {
        SpiHost = 1, SclkPin = 18, MosiPin = 23, MisoPin = 19, ChipSelectPin = 5, ReadyPin = -1, ClockHz = 20_000_000,
        GatePins = [25, 26, 27, 14],
    };

    [Fact]
    public void A_stock_image_throws_on_the_probe_and_the_managed_pipeline_reads_the_tagger()
    {
        var stock = new ScriptedNativeAcquisition { StockImage = true };
        var rig = new FirmwareRig(nativeTask: stock, taskWiring: Wiring);
        rig.Tagger.Enqueue([5_000_000_000L, 5_000_200_000L, 5_000_400_000L], [0, 0, 1]);
        rig.Run(5_000);

        Assert.Null(rig.App.NativeTask);
        Assert.Equal("managed", rig.App.AcquisitionCoreName);
        Assert.Equal(["threw"], stock.Calls); // one probe, nothing after it
        Assert.Equal(2, rig.App.Pipeline.ChannelCounts[0]);
        Assert.Equal(1, rig.App.Pipeline.ChannelCounts[1]);
    }

    [Fact]
    public void The_custom_image_gets_the_configuration_and_the_bus_after_the_self_test()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);

        Assert.Equal("native task", rig.App.AcquisitionCoreName);
        Assert.Equal(["Stop", "Configure", "Start"], task.Calls); // the probe, then configure, then the bus after the self-test
        var c = task.Configured!.Value;
        Assert.Equal(100_000_000L, c.PulseRateHz);

        // gs_timing_config's int32 run (gs_timing.h): period, frame length, 16 omitted positions, their count,
        // detector channels, coincidence window ... stale prediction, then the beacon channel: 43 ints.
        Assert.Equal(43, c.Timing.Length);
        Assert.Equal([10_000, 100, 0, 1, 3, 7], c.Timing[..6]);
        Assert.All(c.Timing[6..18], v => Assert.Equal(0, v));
        Assert.Equal(4, c.Timing[18]);   // omitted_count
        Assert.Equal(4, c.Timing[19]);   // detector_channel_count
        Assert.Equal(500, c.Timing[20]); // coincidence_window_ps
        Assert.Equal(36, c.Timing[29]);  // loop_time_constant_log2_ps
        Assert.Equal(60_000, c.Timing[41]); // stale_prediction_max_ms
        Assert.Equal(4, c.Timing[42]);   // beacon_channel

        // 2 Mcounts/s in the 1 ms window; the receiver map's roles (basis * 2 + bit) on channels 0..3, none elsewhere.
        Assert.Equal([2000, 2000, 2000, 2000], c.Limits);
        Assert.Equal(1_000_000_000L, c.WindowPs);
        for (int ch = 0; ch < 256; ch++)
        {
            Assert.Equal((byte)rig.App.SiftingSettings.Receiver.RoleOf((byte)ch), c.Roles[ch]);
        }

        Assert.Equal(0xFF, c.Roles[4]);
        Assert.Equal(rig.App.SiftingSettings.BatchCapacity, c.Capacity);
        Assert.Equal(rig.App.SiftingSettings.BatchCount, c.Count);
        Assert.Equal(rig.App.SiftingSettings.MaxPayloadBytes, c.Payload);

        var s = task.Started!.Value;
        Assert.Equal((1, 18, 23, 19, 5, -1, 20_000_000), (s.Host, s.Sclk, s.Mosi, s.Miso, s.Cs, s.Ready, s.ClockHz));
        Assert.Equal([25, 26, 27, 14], s.Gates);
    }

    [Fact]
    public void A_configuration_the_task_refuses_runs_the_managed_pipeline_and_says_why()
    {
        var task = new ScriptedNativeAcquisition { ConfigureStatus = -17 };
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        rig.Tagger.Enqueue([5_000_000_000L], [2]);
        rig.Run(5_000);

        Assert.Null(rig.App.NativeTask);
        Assert.Equal("managed", rig.App.AcquisitionCoreName);
        Assert.Contains("native acquisition task refused the configuration (status -17): managed core", rig.App.StartupReport);
        Assert.DoesNotContain("Start", task.Calls);
        Assert.Equal(1, rig.App.Pipeline.ChannelCounts[2]);
    }

    [Fact]
    public void Closed_batches_from_the_task_reach_the_sifter_ring_and_the_host_and_a_match_frees_them()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        var host = new RigHost(rig);
        host.Connect();

        task.QueueBatch(0, [1000, 1001, 1005], [0, 3, 1]);
        task.QueueBatch(1, [2000, 2002], [2, 1]);
        host.Run(20_000);

        var announces = host.Messages.Where(m => m.Type == MessageType.SiftAnnounce).ToList();
        Assert.Equal(2, announces.Count);
        var slots = new long[8];
        var bases = new byte[8];
        Assert.True(SiftAnnounceCodec.TryDecode(announces[0].Payload, 0, announces[0].Payload.Length, out uint n0, slots, bases, out int c0));
        Assert.Equal((0u, 3), (n0, c0));
        Assert.Equal([1000L, 1001, 1005], slots[..3]);
        Assert.Equal([(byte)0, 1, 0], bases[..3]); // basis = role >> 1
        Assert.True(SiftAnnounceCodec.TryDecode(announces[1].Payload, 0, announces[1].Payload.Length, out uint n1, slots, bases, out int c1));
        Assert.Equal((1u, 2), (n1, c1));
        Assert.Equal([2000L, 2002], slots[..2]);
        Assert.Equal([(byte)1, 0], bases[..2]);
        Assert.Equal(2, rig.App.Sifter.Counters.AnnouncementsSent);
        Assert.Equal(0, rig.App.Sifter.Counters.InternalErrors);
        Assert.Equal(2, rig.App.Sifter.BatchesAwaitingMatch);

        // The satellite side matches batch 0: the ring's tail moves and the task hears of it (back-pressure).
        var match = new byte[64];
        int length = SiftMatchCodec.Encode(match, 0, 0, [1, 1, 1], [0, 0, 0], 3);
        Assert.True(rig.App.Sifter.Receive(MessageType.SiftMatch, match, 0, length));
        Assert.Contains("SetOldestBatch 1", task.Calls);
        Assert.Equal(1, rig.App.Sifter.BatchesAwaitingMatch);
    }

    [Fact]
    public void A_trip_notice_latches_the_detector_gates_everything_off_and_DET_CLE_clears_the_task_latch()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        rig.Run(10_000);
        Assert.Equal("OK", rig.Console("DET:GATE 3,ON"));
        Assert.True(rig.Board.DetectorGates[2].IsHigh);

        task.Counters[NativeTaskAcquisition.CounterNewestTaggerPs] = 7_000_000_000L;
        task.Counters[NativeTaskAcquisition.CounterLatchedMask] = 1 << 2;
        task.QueueNotice(NativeTaskAcquisition.NoticeTrip, 2);
        rig.Run(2_000);

        Assert.Equal(SpcmFault.OverLight, rig.App.Detectors.LatchedFault(2));
        Assert.Equal(SpcmFault.None, rig.App.Detectors.LatchedFault(0));
        Assert.Equal(1, rig.App.Detectors.FaultCount(2)); // the notice and the latched mask are one trip
        Assert.Equal(7_000_000_000L, rig.App.Detectors.LastTripTaggerPicoseconds(2));
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal((int)SafeStateReason.OverLight, rig.FaultBitsFromConsole());
        Assert.Contains("detector 3 over-light", rig.Console("SYST:FAUL?"));
        Assert.Equal("1", rig.Console("DET:FAUL? 3"));

        Assert.Equal("OK", rig.Console("DET:CLE 3"));
        Assert.Contains("SetOverLight 2,2000,True", task.Calls);
        Assert.Equal(SpcmFault.None, rig.App.Detectors.LatchedFault(2));
        rig.Run(5_000);
        Assert.Equal(SpcmFault.None, rig.App.Detectors.LatchedFault(2)); // the task's latch went with it
        Assert.True(rig.Board.AllDetectorsGatedOff);
    }

    [Fact]
    public void A_trip_whose_notice_was_dropped_is_latched_from_the_task_latched_mask()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        rig.Run(2_000);
        task.QueueNotice(NativeTaskAcquisition.NoticeLost, 40);
        task.Counters[NativeTaskAcquisition.CounterLatchedMask] = 1 << 1;
        rig.Run(2_000);

        Assert.Equal(SpcmFault.OverLight, rig.App.Detectors.LatchedFault(1));
        Assert.Equal(40, rig.App.NativeTask!.NoticesLost);
        Assert.True(rig.App.Safety.Holds(SafeStateReason.OverLight));
    }

    [Fact]
    public void An_SPI_failure_notice_is_a_driver_fault_stops_the_task_and_SYST_REC_restarts_it()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        rig.Run(2_000);
        task.Calls.Clear();
        task.QueueNotice(NativeTaskAcquisition.NoticeSpiFailure, 0x107); // ESP_ERR_TIMEOUT
        rig.Run(2_000);

        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));
        Assert.Contains("SPI failure (esp_err_t 263)", rig.Console("SYST:FAUL?"));
        Assert.Equal(["Stop"], task.Calls.Where(c => c is "Stop" or "Start"));

        rig.Console("SYST:REC");
        Assert.False(rig.App.Safety.Holds(SafeStateReason.DriverFault));
        Assert.Equal("Start", task.Calls.Last(c => c is "Stop" or "Start"));
    }

    [Fact]
    public void The_task_counters_reach_telemetry_and_TIM_PRED_reaches_the_task()
    {
        var task = new ScriptedNativeAcquisition();
        var rig = new FirmwareRig(nativeTask: task, taskWiring: Wiring);
        rig.Run(2_000);
        long t0 = rig.Clock.NowMicroseconds;
        rig.App.Telemetry.Refresh(t0);

        long[] k = task.Counters;
        k[NativeTaskAcquisition.CounterChannel0 + 0] = 2500;
        k[NativeTaskAcquisition.CounterChannel0 + 3] = 400;
        k[NativeTaskAcquisition.CounterChannel0 + 4] = 1000; // the beacon channel
        k[NativeTaskAcquisition.CounterOverflowed] = 7;
        k[NativeTaskAcquisition.CounterMissed] = 3;
        k[NativeTaskAcquisition.CounterDelivered] = 3900;
        k[NativeTaskAcquisition.CounterTimingMode] = 2;
        k[NativeTaskAcquisition.CounterAssigned] = 1234;
        k[NativeTaskAcquisition.CounterDroppedUnlocked] = 55;
        rig.Run(1_000);
        rig.App.Telemetry.Refresh(t0 + 1_000_000);

        var r = rig.App.Telemetry.Latest;
        Assert.Equal([2500, 0, 0, 400], r.CountRateHz); // counts over the 1 s between the two refreshes
        Assert.Equal(1000, r.BeaconRateHz);
        Assert.Equal((7L, 3L), (r.TaggerOverflowed, r.TaggerMissed));
        Assert.Equal(3900, rig.App.Tagger.Counters.Delivered);
        Assert.Equal(2, r.TimingState); // Locked
        Assert.Equal((1234L, 55L), (r.Assigned, r.DroppedUnlocked));

        Assert.Equal("OK", rig.Console("TIM:PRED 5000000000,42,1000"));
        Assert.Contains("SetCoarsePrediction 5000000000,42,1000", task.Calls);
    }
}

/// <summary>
/// The same device path with the real portable C pipeline behind the InternalCall surface
/// (<see cref="PipelineTaskFake"/>): FIFO decode, over-light and announce in gs_pipeline, read from the tagger model
/// over its SPI frames as the ESP32 task does.
/// </summary>
public sealed class NativeTaskPipelineTests
{
    private static readonly NativeTaskWiring Wiring = new() { SpiHost = 1, ClockHz = 20_000_000, GatePins = [25, 26, 27, 14] };

    [Fact]
    public void Over_light_counted_in_the_C_pipeline_latches_the_detector_and_gates_everything_off()
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            return; // no C compiler on this machine: the build said so in one line (firmware/Native/README.md)
        }

        PipelineTaskFake? task = null;
        var rig = new FirmwareRig(beforeBoot: r => task = new PipelineTaskFake(r.Tagger), nativeTaskFactory: () => task!, taskWiring: Wiring);
        using var _ = task;
        rig.Run(10_000, task!.RunOnce);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
        Assert.Equal("OK", rig.Console("DET:GATE 3,ON"));

        // 3000 clicks within 0.9 us on detector 1: 2000 in the 1 ms window is the limit (the managed test's case).
        long t0 = rig.Clock.NowMicroseconds * 1_000_000;
        var times = Enumerable.Range(0, 3000).Select(i => t0 + (i * 300L)).ToArray();
        rig.Tagger.Enqueue(times, new byte[times.Length]);
        rig.Run(100_000, task.RunOnce);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(SpcmFault.OverLight, rig.App.Detectors.LatchedFault(0));
        Assert.Equal(SpcmFault.None, rig.App.Detectors.LatchedFault(2));
        Assert.True(rig.App.Safety.Holds(SafeStateReason.OverLight));
        Assert.Equal(3000, rig.App.Pipeline.ChannelCounts[0]);

        // The C path latched the 2001st click: its time is the trip time the controller reports.
        Assert.Equal(1, rig.App.Detectors.FaultCount(0));
        Assert.Equal("OK", rig.Console("DET:CLE 1"));
        Assert.Contains("SetOverLight 0,2000,True", task.Calls);
        Assert.Equal(0u, (uint)rig.App.NativeTask!.Counters[NativeTaskAcquisition.CounterLatchedMask]);
    }

    [Fact]
    public void Batches_filled_by_the_C_announce_path_reach_the_host_with_every_slot_and_basis()
    {
        if (!NativeCoreLibrary.IsAvailable)
        {
            return;
        }

        PipelineTaskFake? task = null;
        var rig = new FirmwareRig(beforeBoot: r => task = new PipelineTaskFake(r.Tagger), nativeTaskFactory: () => task!, taskWiring: Wiring);
        using var _ = task;
        var host = new RigHost(rig);
        host.Connect();

        // 300 single clicks on distinct slots (10 ns apart at 100 MHz: slot = time / 10 ns), detectors 0..3 in turn.
        int capacity = rig.App.SiftingSettings.BatchCapacity;
        long firstSlot = rig.Clock.NowMicroseconds * 100;
        var slots = Enumerable.Range(0, 300).Select(i => firstSlot + 3 * i + (i % 2)).ToArray();
        var channels = Enumerable.Range(0, 300).Select(i => (byte)(i % 4)).ToArray();
        rig.Tagger.Enqueue(slots.Select(s => s * 10_000 + 5_000).ToArray(), channels);
        rig.Run(50_000, () => { task!.RunOnce(); host.Session.Poll(); });

        var announces = host.Messages.Where(m => m.Type == MessageType.SiftAnnounce).ToList();
        Assert.Equal(300 / capacity, announces.Count); // full batches only: the task's filling batch stays with it
        var decoded = new long[capacity];
        var bases = new byte[capacity];
        for (int b = 0; b < announces.Count; b++)
        {
            Assert.True(SiftAnnounceCodec.TryDecode(announces[b].Payload, 0, announces[b].Payload.Length, out uint number, decoded, bases, out int count));
            Assert.Equal(((uint)b, capacity), (number, count));
            for (int i = 0; i < count; i++)
            {
                int k = b * capacity + i;
                Assert.Equal(slots[k], decoded[i]);
                Assert.Equal(rig.App.SiftingSettings.Receiver.RoleOf(channels[k]) >> 1, bases[i]);
            }
        }

        Assert.Equal(0, rig.App.Sifter.Counters.InternalErrors);
    }
}
