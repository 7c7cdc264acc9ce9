using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Firmware.Drivers.Mcp320x;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Hal;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The chips a board definition names, as drivers: the tagger it chose (FIFO tagger, TDC-GPX2 or AS6500) and the
    /// detector front end its wiring describes. Board adapters ask here for each chip's bus settings, which the
    /// drivers own, so a board never writes an SPI mode of its own.
    /// </summary>
    public static class BoardChips
    {
        /// <summary>Bit n enables FIFO-tagger input n: detectors H, V, D, A on 0..3 and the beacon on 4.</summary>
        public const int FifoTaggerInputs = 0x1F;

        /// <summary>The bus settings of the tagger a board carries (from its driver).</summary>
        public static SpiBusSettings TaggerBus(TaggerKind tagger)
        {
            return tagger == TaggerKind.FifoTagger ? FifoTimeTagger.BusSettings : Gpx2TimeTagger.BusSettings;
        }

        /// <summary>The bias DAC's bus settings (MCP4922 driver).</summary>
        public static SpiBusSettings DacBus
        {
            get { return Mcp4922.BusSettings; }
        }

        /// <summary>The monitor ADC's bus settings (MCP3208 driver).</summary>
        public static SpiBusSettings AdcBus
        {
            get { return Mcp3208.BusSettings; }
        }

        /// <summary>The driver of the tagger the board's wiring names, on the board's tagger bus and interrupt line.</summary>
        public static ITimeTagger CreateTagger(BoardResources board)
        {
            BoardWiring wiring = board.Wiring;
            if (wiring.Tagger == TaggerKind.FifoTagger)
            {
                return new FifoTimeTagger(board.Tagger, board.TaggerInterrupt, FifoTaggerInputs, 1);
            }

            return new Gpx2TimeTagger(board.Tagger, board.TaggerInterrupt, board.Clock, Gpx2SettingsFor(wiring));
        }

        /// <summary>TDC-GPX2 / AS6500 settings from the wiring: the part, its REFCLK (1 ps LSB) and the stop channels.</summary>
        public static Gpx2Settings Gpx2SettingsFor(BoardWiring wiring)
        {
            Gpx2Settings settings = new Gpx2Settings();
            settings.Part = wiring.Tagger == TaggerKind.As6500 ? Gpx2Part.As6500 : Gpx2Part.TdcGpx2;
            settings.ReferenceClockPeriodPicoseconds = wiring.TaggerReferenceClockPeriodPicoseconds;

            // REFCLK_DIVISIONS = period in ps gives a 1 ps stop LSB (5 MHz: 200 000).
            settings.RefclkDivisions = (int)wiring.TaggerReferenceClockPeriodPicoseconds;
            settings.LogicalChannelOfStop = wiring.TaggerStopChannels;
            return settings;
        }

        /// <summary>
        /// The detector channels as wired: gate and fault line per detector from the board, bias DAC output, bias
        /// monitor and temperature inputs, divider and sensor from the wiring. Limits are set by the configuration.
        /// </summary>
        public static SpcmChannel[] CreateDetectorChannels(BoardResources board)
        {
            SpcmChannel[] channels = new SpcmChannel[BoardResources.DetectorCount];
            for (int i = 0; i < channels.Length; i++)
            {
                IDigitalOutput gate = board.DetectorGates[i];
                DetectorWiring wired = board.Wiring.Detectors[i];
                SpcmChannel channel = new SpcmChannel(gate, gate, board.DetectorFaults[i]);
                channel.DacIndex = wired.DacOutput < 0 ? -1 : 0;
                channel.DacChannel = wired.DacOutput < 0 ? 0 : wired.DacOutput;
                channel.BiasAdcChannel = wired.BiasAdcChannel;
                channel.BiasMonitorNumerator = wired.BiasMonitorNumerator;
                channel.BiasMonitorDenominator = wired.BiasMonitorDenominator;
                channel.TemperatureAdcChannel = wired.TemperatureAdcChannel;
                channel.TemperatureOffsetMillivolts = wired.TemperatureOffsetMillivolts;
                channel.TemperatureMicrovoltsPerDegree = wired.TemperatureMicrovoltsPerDegree;
                channels[i] = channel;
            }

            return channels;
        }

        /// <summary>The board's bias DAC (an MCP4922: two outputs) and monitor ADC (an MCP3208), with the wiring's references.</summary>
        public static Mcp4922[] CreateBiasDacs(BoardResources board)
        {
            return new Mcp4922[] { new Mcp4922(board.Dac, BoardWiring.DacOutputs, board.Wiring.DacReferenceMillivolts) };
        }

        public static Mcp3208 CreateMonitorAdc(BoardResources board)
        {
            return new Mcp3208(board.Adc, board.Wiring.AdcReferenceMillivolts);
        }
    }
}
