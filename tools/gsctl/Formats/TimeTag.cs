namespace GroundStation.Gsctl.Formats;

/// <summary>What a time-tag record stands for.</summary>
internal enum TimeTagKind
{
    /// <summary>A click on detector input <see cref="TimeTag.Channel"/> (0-based).</summary>
    Detection,

    /// <summary>An event on a PicoQuant sync input (HydraHarp/MultiHarp T2 special record, channel 0).</summary>
    Sync,

    /// <summary>An external marker; <see cref="TimeTag.Channel"/> holds the marker bits (1..15).</summary>
    Marker,

    /// <summary>A qcrypto roll-over/dummy event (bit 4 of a timestamp7 word, or an empty detector pattern).</summary>
    Dummy,

    /// <summary>
    /// A HydraHarp-family T2 special record whose channel code (16-62, in <see cref="TimeTag.Channel"/>) PicoQuant's
    /// record specification leaves undefined (it defines 0 sync, 1-15 marker bits, 63 overflow). PicoQuant's own
    /// readers skip such records; gsctl keeps them so a PTU-to-PTU conversion copies them unchanged.
    /// </summary>
    UndefinedSpecial,
}

/// <summary>
/// One time-tagged event in the common form every format converts through. Picoseconds are fine enough that
/// a round trip through a coarser format (1/256 ns, 4 ps, 125 ps) is exact: rounding to 1 ps and back lands on
/// the same tick. A signed 64-bit count of picoseconds spans 106 days.
/// </summary>
internal readonly record struct TimeTag(long TimePicoseconds, int Channel, TimeTagKind Kind = TimeTagKind.Detection);
