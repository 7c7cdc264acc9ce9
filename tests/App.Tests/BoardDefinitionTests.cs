using GroundStation.Hal;

namespace GroundStation.Tests.App;

/// <summary>
/// A board definition names its tagger and its detector wiring, and the firmware builds its drivers from it: the
/// TDC-GPX2 and AS6500 drivers run the firmware like the FIFO tagger does, and DET:BIAS / DET:BIAS? / DET:TEMP? use
/// the DAC output and ADC inputs the wiring gives each detector.
/// </summary>
public sealed class BoardDefinitionTests
{
    [Theory]
    [InlineData(TaggerKind.TdcGpx2, "TDC-GPX2")]
    [InlineData(TaggerKind.As6500, "AS6500")]
    public void A_board_naming_a_gpx2_family_tagger_runs_the_firmware_on_it(TaggerKind tagger, string name)
    {
        var rig = new FirmwareRig(wiring: BoardWiring.BenchFrontEnd(tagger));
        rig.Run(10_000);
        Assert.StartsWith($"tagger {name} (tagger) ok; adc ok;", rig.Console("SYST:STAR?"));
        Assert.Equal(0, rig.FaultBitsFromConsole() & ~(1 << 0)); // at most AwaitingEnable

        // STOP1..4 carry H, V, D and the beacon (the wiring's default); a hit on each reaches the pipeline.
        long now = rig.Clock.NowMicroseconds * 1_000_000;
        rig.Gpx2.AdvanceTo(now);
        for (int stop = 0; stop < 4; stop++)
        {
            rig.Gpx2.Hit(stop, now + 1_000_000 * (stop + 1));
        }

        rig.Run(5_000);

        Assert.Equal(new long[] { 1, 1, 1, 0, 1 }, rig.App.Pipeline.ChannelCounts[..5]);
        Assert.Equal(name, rig.App.Tagger.Name[..name.Length]);
    }

    [Fact]
    public void The_wiring_decides_which_dac_output_and_adc_inputs_serve_a_detector()
    {
        // Detector 1 moved to DAC output B, its bias monitor to ADC input 5 and its sensor to ADC input 6
        // (detector 2's monitor and detector 3's sensor are moved off those inputs).
        var wiring = BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger);
        wiring.Detectors[0] = new DetectorWiring(1, 5, 6);
        wiring.Detectors[1].TemperatureAdcChannel = -1;
        wiring.Detectors[2].TemperatureAdcChannel = 0;
        var rig = new FirmwareRig(wiring: wiring);

        Assert.Equal("OK", rig.Console("DET:BIAS 1,1200"));
        Assert.Equal(1200, rig.Dac.OutputMillivolts(1));
        Assert.Equal("1199", rig.Console("DET:BIAS? 1")); // 1200 mV on a 3.3 V / 4096 ADC: code 1489, 1199 mV
        Assert.Equal((5, true), rig.Adc.LastConversion);
        Assert.Equal("24.900", rig.Console("DET:TEMP? 1")); // 25 degC sensor: 750 mV reads as 749 mV
        Assert.Equal((6, true), rig.Adc.LastConversion);
        var refused = rig.Console("DET:TEMP? 2");
        Assert.StartsWith("ERROR -200,", refused);
        Assert.Contains("detector 2 has no temperature sensor on this board", refused);
    }

    [Fact]
    public void Bias_and_temperature_read_back_through_the_modelled_front_end()
    {
        var rig = new FirmwareRig();

        Assert.Equal(1000, rig.Dac.OutputMillivolts(0));   // the configured 1000 mV reaches the DAC at start-up
        Assert.Equal("999", rig.Console("DET:BIAS? 2"));   // and reads back as ADC code 1241: 999 mV
        Assert.Equal("OK", rig.Console("DET:BIAS 2,1500"));
        Assert.Equal("1499", rig.Console("DET:BIAS? 2"));  // 1500 mV: ADC code 1861, 1499 mV
        rig.Models.ModuleTemperatureMilliCelsius = -20_000;
        Assert.Equal("-20.100", rig.Console("DET:TEMP? 3")); // 300 mV: code 372, 299 mV; (299 - 500) mV / 10 mV/degC
    }
}
