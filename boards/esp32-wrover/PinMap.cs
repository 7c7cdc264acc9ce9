using GroundStation.Boards.Esp32;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32Wrover
{
    /// <summary>
    /// The ESP32-DevKitC-VE (ESP32-WROVER-E, 4 MB PSRAM) board definition: the one place these pin numbers, its tagger
    /// and its detector wiring are written. Same as the WROOM board except the UART, because GPIO16/17 belong to the
    /// PSRAM. README.md mirrors this table.
    /// </summary>
    public static class PinMap
    {
        public const string BoardName = "esp32-wrover";

        public static Esp32PinMap Create()
        {
            Esp32PinMap map = new Esp32PinMap();
            map.BoardName = BoardName;
            map.HasPsram = true;

            // The FPGA FIFO tagger and the bench's detector front end (as on the DevKitC).
            map.Wiring = BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger);

            map.SpiBusId = 1;
            map.SpiClock = 18;
            map.SpiMosi = 23;
            map.SpiMiso = 19;

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

            map.Shutter = 12;

            // GPIO16/17 are the PSRAM's on WROVER: the host UART moves to 22/21.
            map.UartTx = 22;
            map.UartRx = 21;

            map.Led = 2;
            return map;
        }
    }
}
