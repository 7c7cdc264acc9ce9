using System.Device.Spi;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Everything an ESP32 board wires, as GPIO numbers and bus settings. Each board fills one in its PinMap.cs (the
    /// single source of truth for its pins, mirrored in its README table); <see cref="Esp32BoardBuilder"/> validates it
    /// and opens the hardware. -1 means "not fitted" where a line is optional (the shutter).
    /// </summary>
    public sealed class Esp32PinMap
    {
        public Esp32PinMap()
        {
            DetectorGates = new int[BoardResources.DetectorCount];
            DetectorFaults = new int[BoardResources.DetectorCount];
            Shutter = -1;

            // The chips' SPI settings are the same on every board (a board file may still override them).
            // GPIO-matrix SPI on the ESP32 is limited to ~26 MHz full duplex: 20 MHz for the tagger, SPI mode 1.
            TaggerClockHz = 20000000;
            TaggerSpiMode = SpiMode.Mode1;

            // MCP4922: modes 0,0/1,1 up to 20 MHz, run at 10 MHz; MCP3208: 1 MHz, its limit at 2.7 V
            // (datasheet facts in firmware/Drivers/Mcp49xx and Mcp320x README.md).
            DacClockHz = 10000000;
            DacSpiMode = SpiMode.Mode0;
            AdcClockHz = 1000000;
            AdcSpiMode = SpiMode.Mode0;

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

        public int TaggerChipSelect { get; set; }

        public int TaggerClockHz { get; set; }

        public SpiMode TaggerSpiMode { get; set; }

        public int DacChipSelect { get; set; }

        public int DacClockHz { get; set; }

        public SpiMode DacSpiMode { get; set; }

        public int AdcChipSelect { get; set; }

        public int AdcClockHz { get; set; }

        public SpiMode AdcSpiMode { get; set; }

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
