using GroundStation.Hal;

namespace GroundStation.Tests.Hal;

/// <summary>A board definition's wiring is checked at start-up: a wiring that cannot exist is refused naming what is wrong.</summary>
public class BoardWiringTests
{
    [Fact]
    public void The_bench_front_end_biases_pairs_from_one_dac_and_monitors_each_detector_on_its_own_adc_inputs()
    {
        var wiring = BoardWiring.BenchFrontEnd(TaggerKind.TdcGpx2);

        wiring.Validate("bench", new HalFaultCounters());
        Assert.Equal(TaggerKind.TdcGpx2, wiring.Tagger);
        Assert.Equal(new[] { 0, 0, 1, 1 }, wiring.Detectors.Select(d => d.DacOutput));
        Assert.Equal(new[] { 0, 1, 2, 3 }, wiring.Detectors.Select(d => d.BiasAdcChannel));
        Assert.Equal(new[] { 4, 5, 6, 7 }, wiring.Detectors.Select(d => d.TemperatureAdcChannel));
        Assert.Equal(new byte[] { 0, 1, 2, 4 }, wiring.TaggerStopChannels); // H, V, D and the beacon on STOP1..4
    }

    [Theory]
    [InlineData("adc-twice", "board wiring rejected: ADC input 1 is wired to more than one monitor")]
    [InlineData("no-such-dac", "board wiring rejected: detector 3: DAC output 2 does not exist")]
    [InlineData("no-such-adc", "board wiring rejected: detector 2: ADC input 8 does not exist")]
    [InlineData("stop-twice", "board wiring rejected: STOP1 and STOP3 both carry channel 0")]
    [InlineData("stop-channel", "board wiring rejected: STOP2 carries channel 7, not one of 0..4")]
    public void An_impossible_wiring_is_refused_at_start_up(string fault, string message)
    {
        var wiring = BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger);
        switch (fault)
        {
            case "adc-twice": wiring.Detectors[0].TemperatureAdcChannel = 1; break;
            case "no-such-dac": wiring.Detectors[2].DacOutput = 2; break;
            case "no-such-adc": wiring.Detectors[1].BiasAdcChannel = 8; break;
            case "stop-twice": wiring.TaggerStopChannels = [0, 1, 0, 4]; break;
            case "stop-channel": wiring.TaggerStopChannels = [0, 7, 2, 4]; break;
        }

        var faults = new HalFaultCounters();
        var e = Assert.Throws<HalException>(() => wiring.Validate("bench", faults));

        Assert.Equal(HalFault.PinMapInvalid, e.Fault);
        Assert.Equal("bench: " + message, e.Message);
        Assert.Equal(1, faults.Get(HalFault.PinMapInvalid));
    }

    [Fact]
    public void A_board_without_a_wiring_does_not_start()
    {
        var board = new GroundStation.Hal.Fakes.FakeBoard().Resources;
        board.Wiring = null!;

        var e = Assert.Throws<HalException>(board.Validate);

        Assert.Contains("Wiring is not wired on this board", e.Message);
    }
}
