namespace GroundStation.Hal.Fakes;

/// <summary>
/// What a chip's datasheet allows on its SPI bus: the modes it samples correctly in and the fastest clock. Chip
/// models declare these from their datasheet (never from the driver), and <see cref="FakeSpiBus"/> refuses every
/// transaction outside them with a <see cref="DatasheetViolationException"/>.
/// </summary>
public sealed record SpiChipLimits(string Chip, int[] Modes, int MaxClockHz)
{
    /// <summary>No chip (a floating MISO line): any bus settings.</summary>
    public static SpiChipLimits Any { get; } = new("no chip", [0, 1, 2, 3], int.MaxValue);

    /// <summary>Throws when a transaction with <paramref name="bus"/> is one the chip's datasheet does not allow.</summary>
    public void Check(string device, SpiBusSettings bus, int clockHz)
    {
        if (Array.IndexOf(Modes, bus.Mode) < 0)
        {
            throw new DatasheetViolationException(
                $"{device}: SPI {SpiBusSettings.DescribeMode(bus.Mode)} transaction, but the {Chip} works only in " +
                string.Join(" or ", Modes.Select(SpiBusSettings.DescribeMode)));
        }

        if (clockHz > MaxClockHz)
        {
            throw new DatasheetViolationException($"{device}: SCLK {clockHz} Hz, but the {Chip} accepts at most {MaxClockHz} Hz");
        }
    }
}
