using GroundStation.Hal;

namespace GroundStation.Boards.Linux;

/// <summary>
/// The Raspberry-Pi-class bench board definition: the one place its numbers, its tagger and its detector wiring are
/// written (README.md mirrors it). Each chip's SPI mode and fastest clock come from its driver.
/// GPIO numbers are the SoC's line offsets on <see cref="GpioChip"/> (BCM numbering on a Raspberry Pi).
/// SPI devices are Linux spidev nodes (/dev/spidevB.C): the kernel drives the chip selects. On a Raspberry Pi the
/// kernel owns SPI0 (GPIO7-11, dtparam=spi=on), SPI1 with one CS (GPIO18-21, dtoverlay=spi1-1cs) and the PL011 UART
/// (GPIO14/15), so <see cref="KernelOwnedPins"/> are refused as GPIO lines.
/// </summary>
public sealed record LinuxPinMap
{
    public string BoardName { get; init; } = "linux-bench";

    public int GpioChip { get; init; } = 0;

    public SpidevNode Tagger { get; init; } = new(0, 0);

    public SpidevNode Dac { get; init; } = new(0, 1);

    public SpidevNode Adc { get; init; } = new(1, 0);

    /// <summary>The fastest SCLK the bench's SPI wiring carries (jumper wires to the chip boards).</summary>
    public int SpiMaxClockHz { get; init; } = 20_000_000;

    /// <summary>The FPGA FIFO tagger and the bench's detector front end.</summary>
    public BoardWiring Wiring { get; init; } = BoardWiring.BenchFrontEnd(TaggerKind.FifoTagger);

    public int TaggerInterrupt { get; init; } = 25;

    public int[] DetectorGates { get; init; } = [5, 6, 13, 17];

    public int[] DetectorFaults { get; init; } = [12, 16, 22, 23];

    /// <summary>-1 when no shutter is fitted.</summary>
    public int Shutter { get; init; } = 27;

    public int Led { get; init; } = 24;

    public string SerialDevice { get; init; } = "/dev/ttyAMA0";

    public int BaudRate { get; init; } = 921600;

    public string StateDirectory { get; init; } = "/var/lib/groundstation";

    /// <summary>Pins the kernel's SPI0, SPI1 (one CS) and UART drivers own on a Raspberry Pi.</summary>
    public static readonly int[] KernelOwnedPins = [7, 8, 9, 10, 11, 14, 15, 18, 19, 20, 21];

    /// <summary>The GPIO lines this map drives or reads (spidev and UART pins are owned by the kernel).</summary>
    public PinAssignment[] GpioAssignments()
    {
        var pins = new List<PinAssignment> { new(TaggerInterrupt, "tagger IRQ", PinRole.ExternalInput) };
        for (int i = 0; i < BoardResources.DetectorCount; i++)
        {
            pins.Add(new(DetectorGates[i], $"detector {i} gate", PinRole.OutputIdleLow));
            pins.Add(new(DetectorFaults[i], $"detector {i} fault", PinRole.ExternalInput));
        }

        if (Shutter >= 0)
        {
            pins.Add(new(Shutter, "shutter", PinRole.OutputIdleLow));
        }

        pins.Add(new(Led, "status LED", PinRole.OutputIdleLow));
        return pins.ToArray();
    }
}

/// <summary>One spidev node (the chip's mode and clock come from its driver).</summary>
public sealed record SpidevNode(int Bus, int ChipSelect)
{
    public string DevicePath => $"/dev/spidev{Bus}.{ChipSelect}";
}
