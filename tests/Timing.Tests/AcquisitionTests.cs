using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Tests.Timing;

public class AcquisitionTests
{
    private const long OneMillisecondPs = 1_000_000_000;

    [Theory]
    [InlineData(100.0, 11)]
    [InlineData(-100.0, 12)]
    [InlineData(0.0003, 13)] // relativistic-sized offset only
    public void Locks_at_5_percent_beacon_detection_with_background_and_assigns_true_slots(double ppm, int seed)
    {
        var scenario = new TimingScenario
        {
            ClockOffsetPpm = ppm, DurationSeconds = 3, Seed = seed, DetectionRateHz = 5000,
            BeaconDetectionProbability = 0.05, BeaconBackgroundHz = 2000,
        };
        var runner = new TimingTruthRunner(scenario, new TimingConfig());
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        var stats = runner.Run();

        var lockPs = stats.Transitions.First(x => x.State == TimingState.Locked).GroundPs;
        Assert.InRange((lockPs - scenario.GroundStartPs) / 1e12, 0.05, 2.0);
        Assert.True(runner.Engine.IndexResolved);
        Assert.Equal(TimingState.Locked, runner.Engine.State);
        Assert.Equal(0, stats.SignalMisassigned);
        Assert.True(stats.SignalAssigned > 0.9 * 5000 * (3 - 2.0));
        Assert.InRange(runner.Engine.RateOffsetPpb, (long)(ppm * 1000) - 5, (long)(ppm * 1000) + 5);
        Assert.True(stats.RmsAddedErrorPs < 40, $"rms {stats.RmsAddedErrorPs:F1} ps");
    }

    [Fact]
    public void Without_prediction_slots_are_frame_relative_until_a_prediction_renumbers_them()
    {
        var scenario = new TimingScenario { ClockOffsetPpm = 60, DurationSeconds = 4, Seed = 21, DetectionRateHz = 5000 };
        var runner = new TimingTruthRunner(scenario, new TimingConfig());
        const long frameSlots = 100L * 10_000;
        var offsets = new HashSet<long>();
        var afterPrediction = 0;
        var predicted = false;
        runner.OnEvent = o =>
        {
            if (!o.Assigned || o.TruthSlot < 0)
            {
                return;
            }

            if (predicted)
            {
                Assert.Equal(o.TruthSlot, o.Slot);
                afterPrediction++;
            }
            else
            {
                offsets.Add(o.Slot - o.TruthSlot);
            }
        };
        runner.AfterBatch = (r, seconds) =>
        {
            if (!predicted && seconds >= 3)
            {
                Assert.False(r.Engine.IndexResolved);

                // A prediction given long before (10 s earlier, +-1 ms) still fixes the frame.
                var at = scenario.GroundStartPs - 10_000_000_000_000;
                r.Engine.SetCoarsePrediction(at, scenario.SlotAt(at) + 12_345, OneMillisecondPs);
                Assert.True(r.Engine.IndexResolved);
                predicted = true;
            }
        };
        runner.Run();

        var offset = Assert.Single(offsets);
        Assert.Equal(0, offset % frameSlots);
        Assert.Equal(1, runner.Engine.Counters.IndexResolutions);
        Assert.True(afterPrediction > 1000);
    }

    [Fact]
    public void Without_marker_a_prediction_within_half_a_beacon_period_locks_without_waiting_for_frames()
    {
        var scenario = new TimingScenario
        {
            ClockOffsetPpm = -42, DurationSeconds = 1.5, Seed = 31, DetectionRateHz = 5000, OmittedFramePositions = [],
        };
        var config = new TimingConfig { OmittedFramePositions = [] };
        var runner = new TimingTruthRunner(scenario, config);
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, 20_000_000); // +-20 us
        var stats = runner.Run();

        var lockPs = stats.Transitions.First(x => x.State == TimingState.Locked).GroundPs;
        Assert.True((lockPs - scenario.GroundStartPs) / 1e12 < 0.6);
        Assert.True(runner.Engine.IndexResolved);
        Assert.Equal(0, stats.SignalMisassigned);
        Assert.True(stats.SignalAssigned > 1000);
    }

    [Fact]
    public void Deep_space_delay_of_minutes_is_only_a_bigger_prediction()
    {
        // Eight light-minutes of delay, a year of slots since the epoch, 80 ppm, tagger running for a day.
        var scenario = new TimingScenario
        {
            StartSlot = 3_155_760_000_000_000, GroundStartPs = 86_400_000_000_000_000 + 480_000_000_000_000,
            ClockOffsetPpm = 80, DurationSeconds = 3, Seed = 41, DetectionRateHz = 5000,
        };
        var runner = new TimingTruthRunner(scenario, new TimingConfig());
        var at = scenario.GroundStartPs - 60_000_000_000_000; // ephemeris prediction for a minute before the pass
        runner.Engine.SetCoarsePrediction(at, scenario.SlotAt(at), OneMillisecondPs);
        var stats = runner.Run();

        Assert.Equal(TimingState.Locked, runner.Engine.State);
        Assert.True(runner.Engine.IndexResolved);
        Assert.Equal(0, stats.SignalMisassigned);
        Assert.True(stats.SignalAssigned > 5000);
    }

    [Fact]
    public void Nothing_assumes_100_MHz_a_1_GHz_source_locks_and_assigns()
    {
        var scenario = new TimingScenario
        {
            PulseRateHz = 1_000_000_000, BeaconPeriodSlots = 100_000, ClockOffsetPpm = -77, DurationSeconds = 3,
            Seed = 51, DetectionRateHz = 5000, DetectionJitterPs = 40, BeaconJitterPs = 30,
        };
        var config = new TimingConfig { PulseRateHz = 1_000_000_000, BeaconPeriodSlots = 100_000, CoincidenceWindowPs = 200 };
        var runner = new TimingTruthRunner(scenario, config);
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        var stats = runner.Run();

        Assert.Equal(TimingState.Locked, runner.Engine.State);
        Assert.Equal(0, stats.SignalMisassigned);
        Assert.True(stats.SignalAssigned > 3000);
        Assert.True(stats.RmsAddedErrorPs < 25, $"rms {stats.RmsAddedErrorPs:F1} ps");
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimingEngine(new TimingConfig { BeaconChannel = 2 }));
        Assert.Contains("BeaconChannel", error.Message);
        Assert.Throws<ArgumentException>(() => new TimingEngine(new TimingConfig { OmittedFramePositions = [100] }));
    }
}
