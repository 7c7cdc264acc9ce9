using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.Spcm;

public class SpcmControllerTests
{
    private const long Ms = SpcmFixture.OneMillisecondPs;
    private readonly Bench _bench = new();

    private static void Feed(SpcmController controller, int channel, params long[] times)
    {
        controller.OnDetections(times, Enumerable.Repeat((byte)channel, times.Length).ToArray(), 0, times.Length);
    }

    private static long[] Spread(long start, long span, int count)
        => Enumerable.Range(0, count).Select(i => start + span * i / count).ToArray();

    [Fact]
    public void The_detection_that_exceeds_the_limit_cuts_gate_and_enable_and_latches()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus, maxCountsPerWindow: 100);
        Feed(f.Controller, 2, Spread(0, Ms / 2, 100));
        Assert.True(f.IsOn(2));

        Feed(f.Controller, 2, 6 * Ms / 10);

        Assert.False(f.Gates[2].IsHigh);
        Assert.False(f.Enables[2].IsHigh);
        Assert.Equal(SpcmFault.OverLight, f.Controller.LatchedFault(2));
        Assert.Equal((2, SpcmFault.OverLight, 6 * Ms / 10, 0L), f.Faults.Single());
        Assert.True(f.IsOn(0) && f.IsOn(1) && f.IsOn(3));
    }

    [Fact]
    public void Counts_older_than_the_window_do_not_accumulate()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus, maxCountsPerWindow: 100);

        Feed(f.Controller, 0, Spread(0, Ms / 2, 100));
        Feed(f.Controller, 0, Spread(2 * Ms, Ms / 2, 100));

        Assert.True(f.IsOn(0));
        Assert.Equal(100, f.Controller.CountsInWindow(0));
    }

    [Fact]
    public void A_latched_channel_stays_off_until_the_operator_clears_it()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus, maxCountsPerWindow: 10);
        Feed(f.Controller, 1, Spread(0, Ms / 10, 11));

        Assert.False(f.Controller.SetChannelOn(1, true));
        Feed(f.Controller, 1, 5 * Ms); // quiet again: still latched
        Assert.False(f.IsOn(1));

        Assert.True(f.Controller.ClearFault(1));
        Assert.True(f.IsOn(1));
        Assert.Equal(SpcmFault.None, f.Controller.LatchedFault(1));
        Assert.Equal(1, f.Controller.FaultCount(1));
    }

    [Fact]
    public void Module_fault_line_latches_and_cannot_be_cleared_while_asserted()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus);
        _bench.Clock.AdvanceTo(1234);

        f.FaultPins[3].SetLevel(false);

        Assert.False(f.IsOn(3));
        Assert.Equal((3, SpcmFault.ModuleFault, 0L, 1234L), f.Faults.Single());
        Assert.False(f.Controller.ClearFault(3));
        f.FaultPins[3].SetLevel(true);
        Assert.True(f.Controller.ClearFault(3));
        Assert.True(f.IsOn(3));
    }

    [Fact]
    public void Beacon_channel_is_not_a_detector_and_is_ignored()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus, maxCountsPerWindow: 1);

        Feed(f.Controller, 4, 1, 2, 3, 4);

        Assert.Empty(f.Faults);
    }

    [Fact]
    public void Dark_counts_are_counted_with_the_shutter_closed_over_the_set_duration()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus);
        f.Controller.StartDarkCount(2_000_000);
        Assert.True(f.Shutter.IsHigh);

        Feed(f.Controller, 0, Spread(0, 2000 * Ms, 600));
        Feed(f.Controller, 2, Spread(0, 2000 * Ms, 50));
        _bench.Clock.AdvanceTo(1_999_999);
        Assert.False(f.Controller.PollDarkCount());
        _bench.Clock.AdvanceTo(2_000_000);
        Assert.True(f.Controller.PollDarkCount());

        Assert.Equal(300, f.Controller.DarkCountsPerSecond(0));
        Assert.Equal(25, f.Controller.DarkCountsPerSecond(2));
        Assert.Equal(0, f.Controller.DarkCountsPerSecond(1));
        Assert.False(f.Shutter.IsHigh);
    }

    [Theory]
    // true = m / (1 - m tau): 1e6 cps, 22 ns -> 1e6 / 0.978 = 1 022 494.9
    [InlineData(1_000_000, 22, 1_022_494)]
    // 25 kcps, 50 ns -> 25000 / 0.99875 = 25 031.3
    [InlineData(25_000, 50, 25_031)]
    [InlineData(0, 22, 0)]
    // m tau = 1.1: saturated
    [InlineData(50_000_000, 22, DeadTimeCorrection.Saturated)]
    public void Dead_time_correction_matches_hand_computed_values(long measured, int deadTimeNs, long expected)
    {
        Assert.Equal(expected, DeadTimeCorrection.CorrectedRateHz(measured, deadTimeNs));
    }

    [Fact]
    public void Rates_in_the_window_are_reported_raw_and_dead_time_corrected()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus);
        Feed(f.Controller, 0, Spread(0, Ms, 1000)); // 1000 in a 1 ms window = 1 Mcps

        Assert.Equal(1_000_000, f.Controller.MeasuredRateHz(0));
        Assert.Equal(1_022_494, f.Controller.CorrectedRateHz(0));
    }

    [Fact]
    public void Bias_is_set_through_the_dac_and_read_back_with_temperature_through_the_adc()
    {
        var f = new SpcmFixture(_bench.Clock, _bench.Bus);

        f.Controller.SetBiasMillivolts(3, 1200);

        // (1200 * 4096 + 1250) / 2500 = 1966 on DAC 1, output B
        Assert.Equal(1966, f.DacModels[1].Code(1));
        f.AdcModel.SetInputMillivolts(3, 120);   // monitor divider 10:1 -> code 196 -> 119 mV -> 1190 mV
        f.AdcModel.SetInputMillivolts(7, 750);   // 500 mV + 10 mV/degC: code 1228 -> 749 mV -> 24.9 degC
        Assert.Equal(1190, f.Controller.ReadBiasMillivolts(3));
        Assert.Equal(24_900, f.Controller.ReadTemperatureMilliCelsius(3));
    }
}
