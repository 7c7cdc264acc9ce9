namespace GroundStation.Gsctl.Pass;

/// <summary>The satellite's slot numbering, as its operator gives it: slot 0 leaves at <see cref="EpochUtc"/>,
/// slot n at EpochUtc + n / <see cref="PulseRateHz"/> (satellite clock).</summary>
internal sealed record SlotClock(DateTime EpochUtc, decimal PulseRateHz)
{
    /// <summary>The first slot leaving at or after <paramref name="utc"/> (never negative).</summary>
    public long FirstSlotAtOrAfter(DateTime utc)
    {
        var seconds = (decimal)(utc - EpochUtc).Ticks / TimeSpan.TicksPerSecond;
        return Math.Max(0, (long)Math.Ceiling(seconds * PulseRateHz));
    }

    /// <summary>Seconds from the slot epoch to slot <paramref name="slot"/>'s emission, exact in decimal.</summary>
    public decimal SecondsToSlot(long slot) => slot / PulseRateHz;
}
