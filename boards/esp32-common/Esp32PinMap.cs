using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Everything an ESP32 board wires: GPIO numbers, the bus's clock limit and the board definition's wiring (which
    /// tagger, which DAC/ADC channel per detector). Each board fills one in its PinMap.cs (the single source of truth
    /// for its pins, mirrored in its README table); <see cref="Esp32BoardBuilder"/> validates it and opens the
    /// hardware with each chip's SPI mode and clock from its driver. -1 means "not fitted" where a line is optional.
    /// </summary>
    public sealed class Esp32PinMap
    {
        public Esp32PinMap()
        {
            DetectorGates = new int[BoardResources.DetectorCount];
            DetectorFaults = new int[BoardResources.DetectorCount];
            Shutter = -1;

            // Each chip's SPI mode and fastest clock come from its driver; this is only the board's limit:
            // GPIO-matrix SPI on the ESP32 carries about 26 MHz full duplex, so no chip runs above 20 MHz.
            SpiMaxClockHz = 20000000;

            UartPortName = "COM2";
            BaudRate = 921600;
            LedActiveHigh = true;
            ConfigSlotPathA = "I:\\gsconfig.a";
            ConfigSlotPathB = "I:\\gsconfig.b";
            WatchdogMarkerPath = "I:\\gswdt.flag";
            ConfigCapacityBytes = 2048;
        }

        public string BoardName { get; set; }

        /// <summary>True on WROVER modules: GPIO16/17 belong to the PSRAM.</summary>
        public bool HasPsram { get; set; }

        /// <summary>nanoFramework SPI bus: 1 = "SPI1" (ESP-IDF SPI2_HOST/HSPI), 2 = "SPI2" (SPI3_HOST/VSPI).</summary>
        public int SpiBusId { get; set; }

        public int SpiClock { get; set; }

        public int SpiMosi { get; set; }

        public int SpiMiso { get; set; }

        /// <summary>The fastest SCLK this board's SPI wiring carries; a chip whose driver allows more runs at this.</summary>
        public int SpiMaxClockHz { get; set; }

        public int TaggerChipSelect { get; set; }

        public int DacChipSelect { get; set; }

        public int AdcChipSelect { get; set; }

        /// <summary>The board definition: which tagger sits on the tagger chip select, which DAC/ADC channel serves which detector.</summary>
        public BoardWiring Wiring { get; set; }

        public int TaggerInterrupt { get; set; }

        /// <summary>Per-detector enable/gate outputs (high = counting), pulled down on the board so detectors boot gated off.</summary>
        public int[] DetectorGates { get; }

        /// <summary>Per-detector fault inputs (high = fault), pulled up/down externally as the detector module needs.</summary>
        public int[] DetectorFaults { get; }

        public int Shutter { get; set; }

        /// <summary>"COM2" = UART1. COM1 (UART0, GPIO1/3) carries the nanoFramework debugger and must not be used.</summary>
        public string UartPortName { get; set; }

        public int UartTx { get; set; }

        public int UartRx { get; set; }

        public int BaudRate { get; set; }

        public int Led { get; set; }

        public bool LedActiveHigh { get; set; }

        public string ConfigSlotPathA { get; set; }

        public string ConfigSlotPathB { get; set; }

        public int ConfigCapacityBytes { get; set; }

        public string WatchdogMarkerPath { get; set; }

        /// <summary>Every pin with its signal name and role, for the validators and the README table.</summary>
        public PinAssignment[] ToAssignments()
        {
            int count = 10 + 2 * BoardResources.DetectorCount + (Shutter >= 0 ? 1 : 0);
            PinAssignment[] pins = new PinAssignment[count];
            int n = 0;
            pins[n++] = new PinAssignment(SpiClock, "SPI SCLK", PinRole.SpiOutput);
            pins[n++] = new PinAssignment(SpiMosi, "SPI MOSI", PinRole.SpiOutput);
            pins[n++] = new PinAssignment(SpiMiso, "SPI MISO", PinRole.SpiInput);
            pins[n++] = new PinAssignment(TaggerChipSelect, "tagger CS", PinRole.ChipSelect);
            pins[n++] = new PinAssignment(DacChipSelect, "DAC CS", PinRole.ChipSelect);
            pins[n++] = new PinAssignment(AdcChipSelect, "ADC CS", PinRole.ChipSelect);
            pins[n++] = new PinAssignment(TaggerInterrupt, "tagger IRQ", PinRole.ExternalInput);
            for (int i = 0; i < BoardResources.DetectorCount; i++)
            {
                pins[n++] = new PinAssignment(DetectorGates[i], "detector " + i + " gate", PinRole.OutputIdleLow);
                pins[n++] = new PinAssignment(DetectorFaults[i], "detector " + i + " fault", PinRole.ExternalInput);
            }

            if (Shutter >= 0)
            {
                pins[n++] = new PinAssignment(Shutter, "shutter", PinRole.OutputIdleLow);
            }

            pins[n++] = new PinAssignment(UartTx, UartPortName + " TX", PinRole.UartTx);
            pins[n++] = new PinAssignment(UartRx, UartPortName + " RX", PinRole.UartRx);
            pins[n++] = new PinAssignment(Led, "status LED", LedActiveHigh ? PinRole.OutputIdleLow : PinRole.OutputIdleHigh);
            return pins;
        }
    }
}
