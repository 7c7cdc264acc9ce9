using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Tests.Timing;

public class SkewAndWindowTests
{
    private const long OneMillisecondPs = 1_000_000_000;

    [Fact]
    public void Skew_calibration_recovers_injected_channel_delays_and_the_table_round_trips()
    {
        int[] truth = [150, -230, 1800, -4200]; // two of them far outside the +-500 ps window
        var scenario = new TimingScenario
        {
            ChannelSkewPs = truth, DurationSeconds = 4.5, Seed = 91, DetectionRateHz = 20_000, DetectorBackgroundHz = 2000,
        };
        var runner = new TimingTruthRunner(scenario, new TimingConfig());
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        var started = false;
        var applied = 0;
        runner.AfterBatch = (r, seconds) =>
        {
            if (!started && r.Engine.State == TimingState.Locked)
            {
                r.Engine.StartSkewCalibration();
                started = true;
            }
            else if (started && applied == 0 && r.Engine.SkewCalibrationCount(0) >= 15_000)
            {
                // ~2 s: many loop time constants, so the tracking noise common to all channels averages out.
                applied = r.Engine.ApplySkewCalibration(500);
            }
        };
        runner.Run();

        Assert.Equal(4, applied);
        var table = new int[4];
        runner.Engine.GetSkewTablePs(table);
        for (var c = 0; c < 4; c++)
        {
            Assert.InRange(table[c], truth[c] - 15, truth[c] + 15);
        }

        var other = new TimingEngine(new TimingConfig());
        other.SetSkewTablePs(table);
        var back = new int[4];
        other.GetSkewTablePs(back);
        Assert.Equal(table, back);
    }

    [Fact]
    public void Coincidence_window_drops_what_falls_outside_and_every_detection_is_accounted_for()
    {
        // 300 ps Gaussian jitter and a +-500 ps window: 2 * (1 - Phi(5/3)) = 9.56 % of the signal falls outside,
        // and (1 - 1000/10000) = 90 % of the uniformly spread background.
        var scenario = new TimingScenario
        {
            DetectionJitterPs = 300, DurationSeconds = 4, Seed = 101, DetectionRateHz = 20_000, DetectorBackgroundHz = 1000,
        };
        var runner = new TimingTruthRunner(scenario, new TimingConfig());
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        long signalLocked = 0;
        long signalAssigned = 0;
        long backgroundLocked = 0;
        long backgroundAssigned = 0;
        runner.OnEvent = o =>
        {
            if (o.Channel >= 4 || o.StateAfter != TimingState.Locked)
            {
                return;
            }

            if (o.TruthSlot >= 0)
            {
                signalLocked++;
                signalAssigned += o.Assigned ? 1 : 0;
            }
            else
            {
                backgroundLocked++;
                backgroundAssigned += o.Assigned ? 1 : 0;
            }
        };
        runner.Run();

        var signalOutside = 1 - (signalAssigned / (double)signalLocked);
        Assert.InRange(signalOutside, 0.0956 - 0.006, 0.0956 + 0.006);
        var backgroundOutside = 1 - (backgroundAssigned / (double)backgroundLocked);
        Assert.InRange(backgroundOutside, 0.90 - 0.01, 0.90 + 0.01);

        var c = runner.Engine.Counters;
        Assert.Equal(c.DetectionsSeen, c.Assigned + c.DroppedUnlocked + c.DroppedOutsideWindow + c.DroppedUnknownChannel
            + c.DroppedOutputFull);
        Assert.Equal(signalLocked + backgroundLocked - signalAssigned - backgroundAssigned, c.DroppedOutsideWindow);
    }

    [Fact]
    public void Unknown_channels_and_full_output_are_counted_and_a_batch_comes_out_ordered_by_slot()
    {
        var scenario = new TimingScenario
        {
            DurationSeconds = 2.5, Seed = 111, DetectionRateHz = 200_000, ChannelSkewPs = [0, 3000, -3000, 0],
        };
        var engine = new TimingEngine(new TimingConfig { CoincidenceWindowPs = 5000 });
        engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        var stream = new SyntheticTimingStream(scenario);
        var batch = new TimingBatch(1 << 16);
        var slots = new long[1 << 16];
        var channels = new byte[1 << 16];
        long checkedBatches = 0;
        while (stream.Next(batch, 0.01))
        {
            var n = engine.ProcessBatch(batch.TimestampsPs, batch.Channels, 0, batch.Count, slots, channels, null, 0);
            for (var i = 1; i < n; i++)
            {
                Assert.True(slots[i] >= slots[i - 1]);
            }

            checkedBatches += n > 100 ? 1 : 0;
        }

        Assert.True(checkedBatches > 10);
        var before = engine.Counters.DroppedUnknownChannel;
        var one = new long[1];
        var n2 = engine.ProcessBatch([batch.TimestampsPs[^1] + 1, batch.TimestampsPs[^1] + 2], [9, 0], 0, 2, one, new byte[1], null, 1);
        Assert.Equal(0, n2);
        Assert.Equal(before + 1, engine.Counters.DroppedUnknownChannel);
        Assert.True(engine.Counters.DroppedOutputFull + engine.Counters.DroppedOutsideWindow >= 1);
    }
}
