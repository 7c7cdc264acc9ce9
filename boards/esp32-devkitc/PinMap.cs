using GroundStation.Boards.Esp32;

namespace GroundStation.Boards.Esp32DevKitC
{
    /// <summary>
    /// The ESP32-DevKitC (ESP32-WROOM-32, no PSRAM) wiring: the one place these pin numbers are written.
    /// README.md mirrors this as a table; keep both in step.
    /// </summary>
    public static class PinMap
    {
        public const string BoardName = "esp32-devkitc";

        public static Esp32PinMap Create()
        {
            Esp32PinMap map = new Esp32PinMap();
            map.BoardName = BoardName;
            map.HasPsram = false;

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
