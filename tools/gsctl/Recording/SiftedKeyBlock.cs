namespace GroundStation.Gsctl.Recording;

/// <summary>Decoy-state BB84 intensity classes of the satellite's pulses (signal/decoy/vacuum).</summary>
internal enum IntensityClass : byte
{
    Signal = 0,
    Decoy = 1,
    Vacuum = 2,
}

/// <summary>
/// One numbered block of sifted key bits from the device, all from pulses of one intensity class. Bits are packed
/// most significant bit first; the unused low bits of the last byte are zero.
/// </summary>
internal sealed record SiftedKeyBlock(long BlockId, IntensityClass Intensity, int BitCount, byte[] Bits)
{
    public static int BytesFor(int bitCount) => (bitCount + 7) / 8;

    public bool Equals(SiftedKeyBlock? other) => other is not null && BlockId == other.BlockId &&
        Intensity == other.Intensity && BitCount == other.BitCount && Bits.AsSpan().SequenceEqual(other.Bits);

    public override int GetHashCode() => HashCode.Combine(BlockId, Intensity, BitCount);
}
