using System.Globalization;

namespace GroundStation.Gsctl.Formats;

/// <summary>
/// How far real time-tag files step back in time. readevents3/7 add per-detector skews after the card's time
/// ordering, so timestamp7 captures step back by up to about 100 µs (97 µs in s-fifteen-instruments/fpfind's
/// sample capture tests/data/timestamp7_c14_rollover.Aa1fX.ts); PicoQuant's markers come slightly out of order by
/// design (PicoQuant's PTU demos). Ten times that bound separates skew from a damaged or misread file.
/// </summary>
internal static class TimeOrder
{
    public const long MaxSkewPicoseconds = 1_000_000_000;

    /// <summary>A duration for messages, in the largest unit of s, ms, µs, ns that keeps it at 1 or more.</summary>
    public static string Describe(long picoseconds)
    {
        var (scale, unit) = Math.Abs(picoseconds) switch
        {
            >= 1_000_000_000_000 => (1e12, "s"),
            >= 1_000_000_000 => (1e9, "ms"),
            >= 1_000_000 => (1e6, "µs"),
            >= 1_000 => (1e3, "ns"),
            _ => (1.0, "ps"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{picoseconds / scale:0.###} {unit}");
    }
}
