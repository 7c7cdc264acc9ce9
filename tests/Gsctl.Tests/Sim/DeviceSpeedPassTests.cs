using System.Globalization;
using GroundStation.Gsctl.Commands;
using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// The simulation board's device-speed model (gs-simboard --device-speed, boards/sim/README.md "Device speed"):
/// on the stock image's estimated speed (511 IL-op-equivalents x 440 ns = 224.84 us per tagger event, ~4,450
/// events/s) a pass above that limit overflows the tagger FIFO and the firmware sheds the load safely; a pass below
/// it loses nothing. Short, dim passes (35-42 dB, a 5 % beacon) keep the event rates near the stock limit.
/// </summary>
public sealed class DeviceSpeedPassTests
{
    private const double StockSecondsPerEvent = 511 * 440e-9;

    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(90);

    [Fact]
    public void Above_the_stock_limit_the_FIFO_overflows_counted_in_telemetry_the_key_still_agrees_and_no_fault_is_raised()
    {
        // ~8,800 events/s for 4 s (signal, 1,400 background+dark, 530 beacon): about twice the stock image's limit.
        var run = RunPass(lossDb: 35, backgroundPerSecond: 300, "esp32-stock");

        // The FIFO model lost events (ground truth), and the firmware counted every one of them, in its telemetry
        // record and in SIM:STAT? (the run summary's tagger overflow).
        Assert.True(run.TaggerLost > 1000, $"the FIFO lost only {run.TaggerLost} events");
        Assert.Equal(run.TaggerLost, run.TelemetryTaggerOverflowed);
        Assert.Equal(run.TaggerLost, run.Outcome.Summary.Dropped!.TaggerOverflowRecords);
        Assert.True(run.Outcome.Firmware.Detections < run.Simulator.Truth.Detections, "nothing was shed");

        // No corrupted block: every delivered key bit has the satellite's basis and class, and its bit differs no
        // more often than the channel's errors explain (QBER alarm threshold 11 %).
        var key = run.Outcome.GroundKey;
        Assert.True(key.Count > 500, $"only {key.Count} key bits");
        Assert.Equal(0, run.Outcome.Comparison.BasisMismatches + run.Outcome.Comparison.NoRecord);
        Assert.All(key, bit =>
        {
            Assert.True(run.Simulator.Satellite.TryGetSent(bit.Slot, out var sent));
            Assert.Equal(sent.Basis, bit.Basis);
            Assert.Equal(sent.IntensityClass, bit.IntensityClass);
        });
        Assert.InRange((double)run.Outcome.Comparison.BitErrors / key.Count, 0, 0.11);

        // Gates safe: shedding load is not a fault. No fault reason (they latch until an operator clears them) gated
        // the detectors off: after the host's own DET:GATE OFF only AwaitingEnable (1) holds; SimulatedPass read
        // SYST:FAUL? before that, and a reason then would be a "safe state" alarm. (A QBER alarm on a block's
        // 1/8 sample is the sifter's small-sample behaviour, not a fault: tests/Interpreter/README.md.)
        Assert.Equal(1, int.Parse(run.FaultReasons.Split(',')[0], CultureInfo.InvariantCulture));
        Assert.DoesNotContain(run.Outcome.Summary.Alarms, a => a.StartsWith("safe state", StringComparison.Ordinal));
    }

    [Fact]
    public void Below_the_stock_limit_nothing_is_lost_and_the_board_was_busy_for_each_record_read()
    {
        // ~3,300 events/s (signal, 1,400 background+dark, 530 beacon): 75 % of the stock image's limit.
        var run = RunPass(lossDb: 42, backgroundPerSecond: 300, "esp32-stock");

        Assert.Equal(0, run.TaggerLost);
        Assert.Equal(0, run.TelemetryTaggerOverflowed);
        Assert.Equal(run.Simulator.Truth.Detections, run.Outcome.Firmware.Detections);
        Assert.True(run.Outcome.GroundKey.Count > 200, $"only {run.Outcome.GroundKey.Count} key bits");
        // Every offered event was read once (time marks: one per 2^46 ps, none in 4 s) at 224.84 us each.
        Assert.Equal(run.EventsOffered * StockSecondsPerEvent, run.DeviceBusySeconds, 0.002);
        Assert.Equal("esp32-stock", run.DeviceSpeed);
    }

    [Fact]
    public void The_stock_image_has_no_native_core_so_asking_for_both_is_refused_with_exit_2()
    {
        using var temp = new TempDirectory();
        var output = temp.File("run");

        var result = GsctlProcess.Run("sim", "--out", output, "--device-speed", "esp32-stock", "--core", "native");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--device-speed esp32-stock cannot run the native core", result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_unknown_device_speed_is_refused_with_exit_2()
    {
        using var temp = new TempDirectory();
        var output = temp.File("run");

        var result = GsctlProcess.Run("sim", "--out", output, "--device-speed", "esp32-turbo");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("esp32-turbo", result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    private sealed record SpeedRun(PassSimulator Simulator, PassOutcome Outcome, long TelemetryTaggerOverflowed, long TaggerLost,
        long EventsOffered, double DeviceBusySeconds, string DeviceSpeed, string FaultReasons);

    private static SpeedRun RunPass(int lossDb, int backgroundPerSecond, string speed)
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, $$"""
            { "durationSeconds": 4, "link": { "lossProfile": [[0, {{lossDb}}]] },
              "receiver": { "backgroundCountsPerSecond": {{backgroundPerSecond}}, "darkCountsPerSecond": 50 },
              "beacon": { "detectionProbability": 0.05 } }
            """);
        var simulator = new PassSimulator(PassFile.Load(passFile), 1);
        using var connection = DeviceConnection.StartSimulation(DeviceConnection.DefaultBaud,
            ["--seed", "1", "--pass", passFile, "--device-speed", speed]);
        var pass = new SimulatedPass(connection.Client, simulator) { SkewCalibrationSeconds = 0 };
        var run = Task.Run(() => pass.Run());
        if (!run.Wait(Stalled))
        {
            Assert.Fail($"the pass stalled: {connection.Client.Execute("SIM:STAT?", TimeSpan.FromSeconds(5)).Text}");
        }

        var outcome = run.Result;
        var faults = connection.Client.Execute("SYST:FAUL?", TimeSpan.FromSeconds(5)).Text;
        var telemetry = PassTelemetry.NextRecord(connection);
        var status = connection.Client.Execute("SIM:STAT?", TimeSpan.FromSeconds(5)).Text.Split(',');
        var c = CultureInfo.InvariantCulture;
        return new SpeedRun(simulator, outcome, telemetry.TaggerOverflowed, long.Parse(status[14], c), long.Parse(status[6], c),
            double.Parse(status[13], c), status[12], faults);
    }
}
