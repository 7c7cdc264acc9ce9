using System.Buffers.Binary;

namespace GroundStation.Gsctl.Formats;

/// <summary>The 32-bit T2 record layouts of PicoQuant's instruments, named by their TTTRRecType.</summary>
internal enum PtuT2Layout
{
    /// <summary>PicoHarp 300 (0x00010203): 4-bit channel over a 28-bit time; channel 0xF is special.</summary>
    PicoHarp = 0x00010203,

    /// <summary>HydraHarp v1 (0x00010204): special bit, 6-bit channel, 25-bit time; one wrap per overflow record.</summary>
    HydraHarpV1 = 0x00010204,

    /// <summary>HydraHarp v2 (0x01010204): as v1, but an overflow record carries its count of 2^25 wraps.</summary>
    HydraHarpV2 = 0x01010204,

    /// <summary>TimeHarp 260 N (0x00010205): HydraHarp v2 layout.</summary>
    TimeHarp260N = 0x00010205,

    /// <summary>TimeHarp 260 P (0x00010206): HydraHarp v2 layout.</summary>
    TimeHarp260P = 0x00010206,

    /// <summary>MultiHarp and later generic T2 (0x00010207): HydraHarp v2 layout.</summary>
    MultiHarp = 0x00010207,
}

/// <summary>Decoding and encoding of T2 records, and the wrap-around periods (in resolution ticks) of each layout.</summary>
internal static class PtuT2Format
{
    public const long PicoHarpWrap = 210698240;
    public const long HydraHarpV1Wrap = 33552000;
    public const long HydraHarpV2Wrap = 1L << 25;
    private const uint HydraTimeMask = 0x01FFFFFF;
    private const uint PicoTimeMask = 0x0FFFFFFF;
    private const int OverflowChannel = 0x3F;

    /// <summary>Marker records carry up to four marker bits (special channel codes 1-15).</summary>
    public const int MaxMarkerBits = 15;

    /// <summary>Special channel codes 16-62 have no meaning in PicoQuant's specification.</summary>
    public const int FirstUndefinedSpecialChannel = 16;

    public const int LastUndefinedSpecialChannel = 62;

    public static bool IsKnown(long recordType) => Enum.IsDefined(typeof(PtuT2Layout), (int)recordType);

    public static long Wrap(PtuT2Layout layout) => layout switch
    {
        PtuT2Layout.PicoHarp => PicoHarpWrap,
        PtuT2Layout.HydraHarpV1 => HydraHarpV1Wrap,
        _ => HydraHarpV2Wrap,
    };

    /// <summary>Highest detector channel (0-based) a layout can carry.</summary>
    public static int MaxChannel(PtuT2Layout layout) => layout == PtuT2Layout.PicoHarp ? 3 : 62;

    /// <summary>
    /// Decodes one record. Returns the number of wraps an overflow record adds (0 for event records), and the
    /// event's time within the current wrap, its channel and kind when it is an event.
    /// </summary>
    public static long Decode(uint record, PtuT2Layout layout, out uint timeInWrap, out int channel, out TimeTagKind kind,
        out bool isEvent)
    {
        if (layout == PtuT2Layout.PicoHarp)
        {
            channel = (int)(record >> 28);
            timeInWrap = record & PicoTimeMask;
            kind = TimeTagKind.Detection;
            isEvent = true;
            if (channel != 0xF)
            {
                return 0;
            }

            // Special record: the low 4 bits are marker bits, and all-zero marker bits mean an overflow.
            var markers = (int)(record & 0xF);
            if (markers == 0)
            {
                isEvent = false;
                return 1;
            }

            channel = markers;
            kind = TimeTagKind.Marker;
            return 0;
        }

        var special = record >> 31 != 0;
        channel = (int)(record >> 25) & 0x3F;
        timeInWrap = record & HydraTimeMask;
        kind = TimeTagKind.Detection;
        isEvent = true;
        if (!special)
        {
            return 0;
        }

        if (channel == OverflowChannel)
        {
            isEvent = false;
            // v2 overflow records carry their count; zero is an old-style single overflow.
            return layout == PtuT2Layout.HydraHarpV1 || timeInWrap == 0 ? 1 : timeInWrap;
        }

        kind = channel switch
        {
            0 => TimeTagKind.Sync,
            <= MaxMarkerBits => TimeTagKind.Marker,
            _ => TimeTagKind.UndefinedSpecial,
        };
        return 0;
    }

    public static uint EncodeEvent(PtuT2Layout layout, uint timeInWrap, int channel, TimeTagKind kind)
    {
        if (layout == PtuT2Layout.PicoHarp)
        {
            return kind == TimeTagKind.Marker
                ? 0xF0000000u | (timeInWrap & PicoTimeMask & ~0xFu) | (uint)(channel & 0xF)
                : (uint)channel << 28 | timeInWrap;
        }

        return kind switch
        {
            TimeTagKind.Sync => 0x80000000u | timeInWrap,
            TimeTagKind.Marker or TimeTagKind.UndefinedSpecial => 0x80000000u | (uint)channel << 25 | timeInWrap,
            _ => (uint)channel << 25 | timeInWrap,
        };
    }

    /// <summary>An overflow record that advances time by <paramref name="wraps"/> wraps (v2 layouts: up to 2^25-1; others: 1).</summary>
    public static uint EncodeOverflow(PtuT2Layout layout, uint wraps) => layout switch
    {
        PtuT2Layout.PicoHarp => 0xF0000000u,
        PtuT2Layout.HydraHarpV1 => 0xFE000000u,
        _ => 0xFE000000u | wraps,
    };

    public static uint MaxWrapsPerOverflow(PtuT2Layout layout) =>
        layout is PtuT2Layout.PicoHarp or PtuT2Layout.HydraHarpV1 ? 1u : HydraTimeMask;

    public static uint ReadRecord(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
