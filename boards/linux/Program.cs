using GroundStation.Firmware.App;
using GroundStation.Hal;

namespace GroundStation.Boards.Linux;

internal static class Program
{
    private static int Main(string[] args)
    {
        var map = new LinuxPinMap();
        if (args.Contains("--help") || args.Contains("-h"))
        {
            PrintHelp(map);
            return 0;
        }

        if (args.Length > 0)
        {
            Console.Error.WriteLine($"unknown argument '{args[0]}' (try --help)");
            return 64;
        }

        var missing = LinuxBoard.MissingDevices(map);
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"{map.BoardName}: hardware not present: {string.Join(", ", missing)}");
            Console.Error.WriteLine("Enable SPI0/SPI1 and the UART (raspi-config or config.txt overlays) and wire the board as in --help.");
            return 2;
        }

        BoardResources board;
        try
        {
            board = LinuxBoard.Build(map, () => Environment.FailFast("software watchdog expired"));
        }
        catch (HalException e)
        {
            Console.Error.WriteLine($"board start-up failed ({e.Fault}): {e.Message}");
            return 3;
        }

        new FirmwareApp(board).Run();
        return 0;
    }

    private static void PrintHelp(LinuxPinMap map)
    {
        Console.WriteLine("gs-linuxboard: the ground-station firmware on a Linux single-board computer (bench alternative to the ESP32).");
        Console.WriteLine("Usage: gs-linuxboard [--help]");
        Console.WriteLine();
        Console.WriteLine($"GPIO lines on /dev/gpiochip{map.GpioChip} (BCM numbers on a Raspberry Pi):");
        foreach (var pin in map.GpioAssignments())
        {
            Console.WriteLine($"  GPIO{pin.Pin,-3} {pin.Name}");
        }

        Console.WriteLine("SPI (kernel spidev, chip selects driven by the kernel; mode and clock from each chip's driver):");
        PrintSpi("tagger", map.Tagger, BoardChips.TaggerBus(map.Wiring.Tagger), map.SpiMaxClockHz, map.Wiring.Tagger.ToString());
        PrintSpi("DAC", map.Dac, BoardChips.DacBus, map.SpiMaxClockHz, "MCP4922");
        PrintSpi("ADC", map.Adc, BoardChips.AdcBus, map.SpiMaxClockHz, "MCP3208");
        Console.WriteLine($"Host UART: {map.SerialDevice} at {map.BaudRate} Bd");
        Console.WriteLine($"Config store and watchdog marker: {map.StateDirectory}");
        Console.WriteLine("Exit codes: 0 ok, 2 hardware not present, 3 start-up fault, 64 bad arguments.");
    }

    private static void PrintSpi(string role, SpidevNode node, SpiBusSettings bus, int boardLimitHz, string chip) =>
        Console.WriteLine($"  {role,-6} {node.DevicePath} {chip}: {bus.ClockHzOn(boardLimitHz)} Hz, {SpiBusSettings.DescribeMode(bus.Mode)}");
}
