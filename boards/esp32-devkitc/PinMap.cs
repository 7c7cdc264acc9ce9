using GroundStation.Boards.Esp32;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32DevKitC
{
    /// <summary>
    /// The ESP32-DevKitC (ESP32-WROOM-32, no PSRAM) board definition: the one place these pin numbers, its tagger
    /// and its detector wiring are written. README.md mirrors this as a table; keep both in step.
    /// </summary>
    public static class PinMap
    {
        public const string BoardName = "esp32-devkitc";

        /// <summary>The DevKitC with the FPGA FIFO tagger, the default bench tagger.</summary>
        public static Esp32PinMap Create()
        {
            return Create(TaggerKind.FifoTagger);
        }

        /// <summary>
        /// The DevKitC with <paramref name="tagger"/> on the tagger chip select. The hardware-in-the-loop bench carries
        /// a TDC-GPX2 (5 MHz REFCLK; STOP1..4 = H, V, D and the beacon, the wiring's defaults; tests/OnDevice/README.md):
        /// build that image with <c>PinMap.Create(TaggerKind.TdcGpx2)</c> in Program.cs.
        /// </summary>
        public static Esp32PinMap Create(TaggerKind tagger)
        {
            Esp32PinMap map = new Esp32PinMap();
            map.BoardName = BoardName;
            map.HasPsram = false;

            // The bench's detector front end: MCP4922 output A biases detectors 1-2, output B 3-4; MCP3208 inputs
            // 0-3 monitor their bias, 4-7 their temperature.
            map.Wiring = BoardWiring.BenchFrontEnd(tagger);

            // SPI on the VSPI IO_MUX pins (18/19/23), routed to nanoFramework bus 1 through the GPIO matrix.
            map.SpiBusId = 1;
            map.SpiClock = 18;
            map.SpiMosi = 23;
            map.SpiMiso = 19;

            // Chip selects idle high with pull-ups, which is what strapping pins 5 and 15 need at reset.
            map.TaggerChipSelect = 5;
            map.DacChipSelect = 15;
            map.AdcChipSelect = 4;

            map.TaggerInterrupt = 34;

            map.DetectorGates[0] = 25;
            map.DetectorGates[1] = 26;
            map.DetectorGates[2] = 27;
            map.DetectorGates[3] = 33;
            map.DetectorFaults[0] = 35;
            map.DetectorFaults[1] = 36;
            map.DetectorFaults[2] = 39;
            map.DetectorFaults[3] = 32;

            // The shutter driver input is pulled down: that keeps strapping pin 12 (MTDI) low at reset, as required.
            map.Shutter = 12;

            map.UartTx = 17;
            map.UartRx = 16;

            map.Led = 2;
            return map;
        }
    }
}
