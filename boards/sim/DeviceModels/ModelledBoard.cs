using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Gpx2;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.App;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.DeviceModels;

/// <summary>
/// The simulation board's adapter: a <see cref="FakeBoard"/> carrying the chip models a board wiring names, each
/// attached with the bus settings of its driver (<see cref="BoardChips"/>, as an ESP32 or Linux board opens its
/// buses), so a model refuses a frame in a mode its datasheet does not allow. The analog front end follows the
/// wiring: each detector's bias monitor input of the ADC sees its DAC output through the monitor divider, and its
/// temperature input sees a linear sensor at <see cref="ModuleTemperatureMilliCelsius"/>. Healthy detector modules
/// hold their (active-low) fault lines high; the tagger's interrupt line follows a TDC-GPX2's INTERRUPT.
/// </summary>
public sealed class ModelledBoard
{
    /// <param name="fifoDepth">FIFO tagger only: the depth its FIFO_DEPTH register reports.</param>
    /// <param name="taggerOverride">A model to put on the tagger chip select instead of the wiring's (fault tests).</param>
    /// <param name="taggerAbsent">Nothing answers on the tagger chip select.</param>
    /// <param name="adcAbsent">Nothing answers on the ADC chip select.</param>
    public ModelledBoard(BoardWiring wiring, BufferBudget buffers, ulong seed, string name,
        int fifoDepth = 4096, ISpiDeviceModel? taggerOverride = null, bool taggerAbsent = false, bool adcAbsent = false)
    {
        Wiring = wiring;
        if (wiring.Tagger == TaggerKind.FifoTagger)
        {
            FifoTagger = new FifoTaggerModel(fifoDepth);
        }
        else
        {
            Gpx2 = new Gpx2Model(wiring.Tagger == TaggerKind.As6500 ? Gpx2Part.As6500 : Gpx2Part.TdcGpx2,
                wiring.TaggerReferenceClockPeriodPicoseconds);
        }

        Dac = new Mcp4922Model(wiring.DacReferenceMillivolts);
        Adc = new Mcp3208Model(wiring.AdcReferenceMillivolts);
        ISpiDeviceModel tagger = taggerOverride ?? (ISpiDeviceModel?)FifoTagger ?? Gpx2!;
        Fake = new FakeBoard(taggerAbsent ? null : tagger, Dac, adcAbsent ? null : Adc, buffers, seed, name, wiring,
            BoardChips.TaggerBus(wiring.Tagger), BoardChips.DacBus, BoardChips.AdcBus);

        foreach (var fault in Fake.DetectorFaults)
        {
            fault.SetLevel(true);
        }

        if (Gpx2 is not null)
        {
            // INTERRUPT is active low: high while no result waits.
            Fake.TaggerInterrupt.SetLevel(true);
            Gpx2.InterruptChanged += low => Fake.TaggerInterrupt.SetLevel(!low);
        }

        ConnectFrontEnd();
    }

    public BoardWiring Wiring { get; }

    public FakeBoard Fake { get; }

    /// <summary>The FIFO tagger model when the wiring names the FIFO tagger, else null.</summary>
    public FifoTaggerModel? FifoTagger { get; }

    /// <summary>The TDC-GPX2 / AS6500 model when the wiring names one, else null.</summary>
    public Gpx2Model? Gpx2 { get; }

    public Mcp4922Model Dac { get; }

    public Mcp3208Model Adc { get; }

    /// <summary>What every detector's temperature sensor measures (milli-degrees Celsius).</summary>
    public int ModuleTemperatureMilliCelsius { get; set; } = 25_000;

    private void ConnectFrontEnd()
    {
        foreach (var detector in Wiring.Detectors)
        {
            var d = detector;
            if (d.DacOutput >= 0 && d.BiasAdcChannel >= 0)
            {
                // The monitor divides the bias: ADC volts = bias x denominator / numerator.
                Adc.Connect(d.BiasAdcChannel, () => (int)((long)Dac.OutputMillivolts(d.DacOutput) * d.BiasMonitorDenominator / d.BiasMonitorNumerator));
            }

            if (d.TemperatureAdcChannel >= 0)
            {
                Adc.Connect(d.TemperatureAdcChannel,
                    () => d.TemperatureOffsetMillivolts + (int)((long)ModuleTemperatureMilliCelsius * d.TemperatureMicrovoltsPerDegree / 1_000_000));
            }
        }
    }
}
