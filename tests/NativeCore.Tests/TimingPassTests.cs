using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The C timing engine against the managed one (the reference) on simulated passes with known truth: every call's
/// slots, channels, residuals, state and counters must be equal (TimingTwin). Each test also checks that the run
/// really went through the behaviour it is named after, so a scenario that stopped exercising it fails.
/// </summary>
public class TimingPassTests
{
    private const long OneMillisecondPs = 1_000_000_000;

    [NativeFact]
    public void The_default_bench_pass_with_both_fades_and_a_skew_calibration_is_identical()
    {
        // `gsctl bench timing --quick`: 16 s LEO pass, 3 s fade (loss, re-acquisition), 0.3 s fade (holdover re-lock).
        var scenario = TimingBench.Scenario(1, quick: true);
        using var twin = new TimingTwin(new TimingConfig());
        twin.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        var calibrationStart = double.NaN;
        var updated = -1;
        twin.Run(scenario, new Random(11), (t, seconds) =>
        {
            if (double.IsNaN(calibrationStart) && t.Managed.State == TimingState.Locked)
            {
                calibrationStart = seconds;
                t.StartSkewCalibration();
            }
            else if (updated < 0 && seconds >= calibrationStart + 2)
            {
                updated = t.ApplySkewCalibration(200);
            }
        });

        var c = twin.Managed.Counters;
        Assert.Equal(4, updated);
        Assert.True(c.Locks >= 3 && c.LossesOfLock >= 2, $"locks {c.Locks}, losses {c.LossesOfLock}");
        Assert.True(c.HoldoverRecoveries >= 1 && c.AcquisitionRestarts >= 1, $"recoveries {c.HoldoverRecoveries}, restarts {c.AcquisitionRestarts}");
        Assert.True(c.DroppedOutputFull > 0 && c.DroppedOutsideWindow > 0 && c.DroppedUnlocked > 0);
        Assert.True(twin.Written > 100_000, $"{twin.Written} written");
        Assert.Equal(TimingState.Locked, twin.Native.State);
    }

    [NativeFact]
    public void A_marker_only_lock_renumbered_by_a_later_prediction_is_identical()
    {
        var scenario = new TimingScenario
        {
            DurationSeconds = 5, PassZenithSeconds = 2, PassMaxDopplerPpm = 23, ClockOffsetPpm = 12, Seed = 5,
            DetectionRateHz = 8000,
        };
        using var twin = new TimingTwin(new TimingConfig());
        var predicted = false;
        twin.Run(scenario, new Random(12), (t, seconds) =>
        {
            if (!predicted && seconds >= 4 && t.Managed.State == TimingState.Locked)
            {
                predicted = true;
                Assert.False(t.Managed.IndexResolved);
                t.SetCoarsePrediction(scenario.GroundTimeAtPs(seconds), scenario.SlotAt(scenario.GroundTimeAtPs(seconds)), OneMillisecondPs);
            }
        });

        Assert.True(predicted, "never locked on the marker alone");
        Assert.Equal(1, twin.Managed.Counters.IndexResolutions);
        Assert.True(twin.Native.IndexResolved);
    }

    [NativeFact]
    public void A_Micius_like_pass_with_its_loss_profile_is_identical()
    {
        // 500 km orbit (Doppler +-25 ppm, 0.55 ppm/s at zenith), weak link: the channel loss follows the range, here
        // (r_zenith / r)^2 with the range of a compressed pass (1200 km at the edges, 500 km at zenith: 7.6 dB more
        // loss at the edges), applied to signal and beacon alike by thinning the generated stream; tracking drop-outs
        // of 80 ms and 0.7 s.
        var scenario = new TimingScenario
        {
            DurationSeconds = 12, PassZenithSeconds = 6, PassMaxDopplerPpm = 25, PassMaxRateChangePpmPerSecond = 0.55,
            ClockOffsetPpm = -8.0002, Seed = 23, DetectionRateHz = 6000, DetectorBackgroundHz = 300,
            BeaconDetectionProbability = 0.08, BeaconBackgroundHz = 1500, ChannelSkewPs = [60, -40, 90, -120],
            Outages = [(3.5, 0.08), (8, 0.7)], OutageBlocksSignal = true,
        };
        var keep = new Random(99);
        int Thin(TimingBatch b)
        {
            var n = 0;
            for (var i = 0; i < b.Count; i++)
            {
                if (b.TruthSlots[i] >= 0)
                {
                    var along = (scenario.SecondsSinceStart(b.TruthSlots[i]) - scenario.PassZenithSeconds)
                        / scenario.PassZenithSeconds * 1090; // km from the zenith point
                    if (keep.NextDouble() >= 500.0 * 500.0 / (500.0 * 500.0 + along * along))
                    {
                        continue;
                    }
                }

                b.TimestampsPs[n] = b.TimestampsPs[i];
                b.Channels[n] = b.Channels[i];
                b.TruthSlots[n] = b.TruthSlots[i];
                n++;
            }

            return n;
        }

        using var twin = new TimingTwin(new TimingConfig());
        twin.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        twin.Run(scenario, new Random(13), mutate: Thin);

        var c = twin.Managed.Counters;
        Assert.True(c.Locks >= 2 && c.LossesOfLock >= 1, $"locks {c.Locks}, losses {c.LossesOfLock}");
        Assert.True(twin.Written > 20_000, $"{twin.Written} written");
    }

    [NativeTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Beacon_background_in_the_widening_holdover_gate_is_judged_identically(int seed)
    {
        // tests/Timing.Tests TrackingTests' hardest holdover case: a 1.9 s fade under 12 kHz of beacon background.
        var scenario = new TimingScenario
        {
            DurationSeconds = 8, PassZenithSeconds = 4, PassMaxDopplerPpm = 23, ClockOffsetPpm = 35, Seed = seed,
            DetectionRateHz = 5000, BeaconBackgroundHz = 12_000, Outages = [(4, 1.9)], OutageBlocksSignal = false,
        };
        using var twin = new TimingTwin(new TimingConfig());
        twin.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, OneMillisecondPs);
        twin.Run(scenario, new Random(14 + seed));

        var c = twin.Managed.Counters;
        Assert.Equal(1, c.LossesOfLock);
        Assert.Equal(1, c.HoldoverRecoveries);
        Assert.True(c.BeaconsRejected > 10_000, $"{c.BeaconsRejected} rejected");
    }
}
