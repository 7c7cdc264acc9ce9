using System.Device.Gpio;
using System.Device.Spi;
using System.IO.Ports;
using GroundStation.Firmware.App;
using GroundStation.Hal;
#if NANOFRAMEWORK_1_0
using nanoFramework.Hardware.Esp32;
#endif

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// Turns an <see cref="Esp32PinMap"/> into the <see cref="BoardResources"/> the firmware runs on: validates the map
    /// (nothing is touched if it is unsafe), routes SPI and UART signals through the GPIO matrix, drives every detector
    /// gate low first (the safe state), then opens the buses (each chip in the SPI mode and at the clock its driver
    /// declares, capped by the board's limit), the store, the watchdog and the rest.
    /// </summary>
    public static class Esp32BoardBuilder
    {
        public static BoardResources Build(Esp32PinMap map, BufferBudget buffers, WatchdogBiteHandler watchdogBite)
        {
            BoardResources board = new BoardResources(map.BoardName);
            HalFaultCounters faults = board.Faults;
            Esp32PinRules.Validate(map.BoardName, map.ToAssignments(), map.HasPsram, faults);
            if (map.Wiring == null)
            {
                throw faults.Raise(HalFault.PinMapInvalid, map.BoardName, "the board definition names no wiring (tagger, detector channels)");
            }

            map.Wiring.Validate(map.BoardName, faults);
            board.Wiring = map.Wiring;

            GpioController gpio = new GpioController();
            for (int i = 0; i < BoardResources.DetectorCount; i++)
            {
                board.DetectorGates[i] = new GpioDigitalOutput(gpio, map.DetectorGates[i], "detector " + i + " gate", false, faults);
            }

            if (map.Shutter >= 0)
            {
                board.Shutter = new GpioDigitalOutput(gpio, map.Shutter, "shutter", false, faults);
            }

#if NANOFRAMEWORK_1_0
            RouteSignals(map);
#endif
            Esp32Clock clock = new Esp32Clock();
            board.Clock = clock;
            board.Tagger = OpenSpi(map, "tagger", map.TaggerChipSelect, BoardChips.TaggerBus(map.Wiring.Tagger), faults);
            board.Dac = OpenSpi(map, "dac", map.DacChipSelect, BoardChips.DacBus, faults);
            board.Adc = OpenSpi(map, "adc", map.AdcChipSelect, BoardChips.AdcBus, faults);

            // GPIO34-39 have no internal pulls; the board fits the resistors the detector modules need.
            board.TaggerInterrupt = new GpioDigitalInput(gpio, map.TaggerInterrupt, "tagger IRQ", InputPull.None, clock, faults);
            for (int i = 0; i < BoardResources.DetectorCount; i++)
            {
                board.DetectorFaults[i] = new GpioDigitalInput(gpio, map.DetectorFaults[i], "detector " + i + " fault", InputPull.None, clock, faults);
            }

            board.HostSerial = new SerialPortAdapter(new SerialPort(map.UartPortName, map.BaudRate), "host UART", faults);
            board.ConfigStore = new SlottedConfigStore(new FileStorageSlots(map.ConfigSlotPathA, map.ConfigSlotPathB), map.ConfigCapacityBytes, "config", faults);
            board.Watchdog = new SoftwareWatchdog(clock, watchdogBite, map.WatchdogMarkerPath, faults);
            board.StatusLed = new GpioStatusLed(gpio, map.Led, map.LedActiveHigh, faults);
            board.Random = new SystemRandomSource();
            board.Buffers = buffers;
            board.Validate();
            return board;
        }

        /// <summary>The connection settings of one chip select: the driver's mode, its clock capped by the board's limit.</summary>
        public static SpiConnectionSettings ConnectionSettings(Esp32PinMap map, int chipSelect, SpiBusSettings bus)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(map.SpiBusId, chipSelect);
            settings.ClockFrequency = bus.ClockHzOn(map.SpiMaxClockHz);
            settings.Mode = ToSpiMode(bus.Mode);
            settings.DataBitLength = 8;
            return settings;
        }

        /// <summary>SPI mode number (CPOL * 2 + CPHA) as System.Device.Spi's enum.</summary>
        public static SpiMode ToSpiMode(int mode)
        {
            switch (mode)
            {
                case 0: return SpiMode.Mode0;
                case 1: return SpiMode.Mode1;
                case 2: return SpiMode.Mode2;
                default: return SpiMode.Mode3;
            }
        }

        private static ISpiDevice OpenSpi(Esp32PinMap map, string name, int chipSelect, SpiBusSettings bus, HalFaultCounters faults)
        {
            SpiConnectionSettings settings = ConnectionSettings(map, chipSelect, bus);
            try
            {
                return new SpiDeviceAdapter(name, SpiDevice.Create(settings), faults);
            }
            catch (System.Exception e)
            {
                throw faults.Raise(HalFault.SpiTransferFailed, name, "cannot open SPI bus " + map.SpiBusId + " CS GPIO" + chipSelect + ": " + e.Message);
            }
        }

#if NANOFRAMEWORK_1_0
        // SPI and UART signals go through the ESP32 GPIO matrix; they must be routed before the device is opened
        // (COM2/COM3 have no default pins at all).
        private static void RouteSignals(Esp32PinMap map)
        {
            if (map.SpiBusId == 1)
            {
                Configuration.SetPinFunction(map.SpiClock, DeviceFunction.SPI1_CLOCK);
                Configuration.SetPinFunction(map.SpiMosi, DeviceFunction.SPI1_MOSI);
                Configuration.SetPinFunction(map.SpiMiso, DeviceFunction.SPI1_MISO);
            }
            else
            {
                Configuration.SetPinFunction(map.SpiClock, DeviceFunction.SPI2_CLOCK);
                Configuration.SetPinFunction(map.SpiMosi, DeviceFunction.SPI2_MOSI);
                Configuration.SetPinFunction(map.SpiMiso, DeviceFunction.SPI2_MISO);
            }

            if (map.UartPortName == "COM3")
            {
                Configuration.SetPinFunction(map.UartTx, DeviceFunction.COM3_TX);
                Configuration.SetPinFunction(map.UartRx, DeviceFunction.COM3_RX);
            }
            else
            {
                Configuration.SetPinFunction(map.UartTx, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(map.UartRx, DeviceFunction.COM2_RX);
            }
        }
#endif
    }
}
