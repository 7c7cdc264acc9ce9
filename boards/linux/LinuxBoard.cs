using System.Device.Gpio;
using System.Device.Spi;
using System.IO.Ports;
using GroundStation.Boards.Esp32;
using GroundStation.Firmware.App;
using GroundStation.Hal;

namespace GroundStation.Boards.Linux;

/// <summary>
/// Builds <see cref="BoardResources"/> on a Linux single-board computer with the same GPIO/SPI/serial adapters and
/// config store as the ESP32 boards. Checks that every device node exists first, so a missing spidev or tty is one
/// clear message instead of an exception from deep inside a driver.
/// </summary>
public static class LinuxBoard
{
    /// <summary>Device nodes this map needs that are missing (empty when the hardware is present).</summary>
    public static IReadOnlyList<string> MissingDevices(LinuxPinMap map)
    {
        var needed = new[] { $"/dev/gpiochip{map.GpioChip}", map.Tagger.DevicePath, map.Dac.DevicePath, map.Adc.DevicePath, map.SerialDevice };
        return needed.Where(path => !File.Exists(path)).ToArray();
    }

    public static BoardResources Build(LinuxPinMap map, WatchdogBiteHandler watchdogBite)
    {
        var board = new BoardResources(map.BoardName);
        var faults = board.Faults;
        var pins = map.GpioAssignments();
        PinMapValidator.RejectDuplicatesAndNegatives(map.BoardName, pins, faults);
        foreach (var pin in pins.Where(p => LinuxPinMap.KernelOwnedPins.Contains(p.Pin)))
        {
            PinMapValidator.Reject(map.BoardName, pin, "belongs to the kernel's SPI or UART driver", faults);
        }

        map.Wiring.Validate(map.BoardName, faults);
        board.Wiring = map.Wiring;
        var gpio = new GpioController();
        for (int i = 0; i < BoardResources.DetectorCount; i++)
        {
            board.DetectorGates[i] = new GpioDigitalOutput(gpio, map.DetectorGates[i], $"detector {i} gate", false, faults);
        }

        if (map.Shutter >= 0)
        {
            board.Shutter = new GpioDigitalOutput(gpio, map.Shutter, "shutter", false, faults);
        }

        var clock = new StopwatchClock();
        board.Clock = clock;
        board.Tagger = OpenSpi("tagger", map.Tagger, BoardChips.TaggerBus(map.Wiring.Tagger), map.SpiMaxClockHz, faults);
        board.Dac = OpenSpi("dac", map.Dac, BoardChips.DacBus, map.SpiMaxClockHz, faults);
        board.Adc = OpenSpi("adc", map.Adc, BoardChips.AdcBus, map.SpiMaxClockHz, faults);
        board.TaggerInterrupt = new GpioDigitalInput(gpio, map.TaggerInterrupt, "tagger IRQ", InputPull.Up, clock, faults);
        for (int i = 0; i < BoardResources.DetectorCount; i++)
        {
            board.DetectorFaults[i] = new GpioDigitalInput(gpio, map.DetectorFaults[i], $"detector {i} fault", InputPull.None, clock, faults);
        }

        board.HostSerial = new SerialPortAdapter(new SerialPort(map.SerialDevice, map.BaudRate), "host UART", faults);
        Directory.CreateDirectory(map.StateDirectory);
        var slots = new FileStorageSlots(Path.Combine(map.StateDirectory, "gsconfig.a"), Path.Combine(map.StateDirectory, "gsconfig.b"));
        board.ConfigStore = new SlottedConfigStore(slots, 4096, "config", faults);
        board.Watchdog = new SoftwareWatchdog(clock, watchdogBite, Path.Combine(map.StateDirectory, "gswdt.flag"), faults);
        board.StatusLed = new GpioStatusLed(gpio, map.Led, activeHigh: true, faults);
        board.Random = new CryptoRandomSource();
        board.Buffers = BufferBudget.Large();
        board.Validate();
        return board;
    }

    /// <summary>The spidev settings of one chip: its driver's mode, its driver's clock capped by the board's limit.</summary>
    public static SpiConnectionSettings ConnectionSettings(SpidevNode node, SpiBusSettings bus, int boardLimitHz) =>
        new(node.Bus, node.ChipSelect)
        {
            ClockFrequency = bus.ClockHzOn(boardLimitHz),
            Mode = Esp32BoardBuilder.ToSpiMode(bus.Mode),
            DataBitLength = 8,
        };

    private static ISpiDevice OpenSpi(string name, SpidevNode node, SpiBusSettings bus, int boardLimitHz, HalFaultCounters faults)
    {
        var settings = ConnectionSettings(node, bus, boardLimitHz);
        try
        {
            return new SpiDeviceAdapter(name, SpiDevice.Create(settings), faults);
        }
        catch (Exception e)
        {
            throw faults.Raise(HalFault.SpiTransferFailed, name, $"cannot open {node.DevicePath}: {e.Message}");
        }
    }
}

/// <summary>Microseconds from the high-resolution Stopwatch (sub-microsecond on Linux).</summary>
public sealed class StopwatchClock : IMonotonicClock
{
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    public long NowMicroseconds => (long)System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalMicroseconds;

    public int ResolutionMicroseconds => 1;
}

/// <summary>The kernel's CSPRNG (getrandom), the Linux counterpart of the ESP32 hardware RNG.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public uint NextUInt32() => BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
}
