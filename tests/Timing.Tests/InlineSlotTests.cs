using GroundStation.Firmware.Timing;
using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Tests.Timing;

/// <summary>
/// ProcessBatch evaluates the clock model inline for most detections (README "Per-event path"). Every assigned
/// detection must carry exactly the slot and residual that ClockModel.NearestSlot gives for its skew-corrected time,
/// on the fast case (100 MHz, |G| below 2^31) and where the rate change sends it through the model (10 GHz).
/// </summary>
public class InlineSlotTests
{
    [Theory]
    [InlineData(100_000_000L, 10_000, 3)]
    [InlineData(10_000_000_000L, 1_000_000, 4)]
    public void Assigned_slots_and_residuals_equal_the_models_own(long pulseRateHz, int beaconPeriodSlots, int seed)
    {
        int[] skew = [150, -230, 410, -80];
        var scenario = new TimingScenario
        {
            PulseRateHz = pulseRateHz, BeaconPeriodSlots = beaconPeriodSlots, DurationSeconds = 2.5, Seed = seed,
            PassMaxDopplerPpm = 20, PassZenithSeconds = 1, ChannelSkewPs = skew,
        };
        var config = new TimingConfig { PulseRateHz = pulseRateHz, BeaconPeriodSlots = beaconPeriodSlots };
        var runner = new TimingTruthRunner(scenario, config);
        runner.Engine.SetCoarsePrediction(scenario.GroundStartPs, scenario.StartSlot, 1_000_000_000);
        runner.Engine.SetSkewTablePs(skew);
        var compared = 0;
        var slowCases = 0;
        runner.OnEvent = o =>
        {
            if (!o.Assigned)
            {
                return;
            }

            var model = runner.Engine.Model;
            var slot = model.NearestSlot(o.TimePs - skew[o.Channel], out var residual);
            Assert.Equal(slot, o.Slot);
            Assert.Equal((int)(((residual >> 8) * runner.Engine.SlotWidthPsQ16) >> 32), o.ResidualPs);
            compared++;
            var u = o.TimePs - skew[o.Channel] - model.AnchorGroundPs;
            if (u < 0 || u >= 1L << 32 || Math.Abs(model.RateChangePer2p40Ps) > 1L << 31)
            {
                slowCases++;
            }
        };
        runner.Run();

        Assert.True(compared > 10_000, $"{compared} assigned");
        if (pulseRateHz > 1_000_000_000)
        {
            Assert.True(slowCases > compared / 2, $"{slowCases} of {compared} outside the inline case");
        }
    }
}
