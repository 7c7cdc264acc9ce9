namespace GroundStation.PostProcessing.Cascade;

/// <summary>Packs (layout, start, length) of a parity range into one 64-bit key for the parity caches.</summary>
internal static class CascadeRange
{
    /// <summary>Frames stay below 2^29 bits (29-bit start and length fields).</summary>
    public const int MaxFrameBits = 1 << 29;

    /// <summary>Layouts fit the remaining 6 bits.</summary>
    public const int MaxLayouts = 64;

    public static ulong Key(int layout, int start, int length) =>
        ((ulong)(uint)layout << 58) | ((ulong)(uint)start << 29) | (uint)length;
}
