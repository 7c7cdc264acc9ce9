using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>
/// An immutable string of key bits packed 8 per byte (LSB first). Key material: ToString never shows the bits,
/// and there is no implicit conversion; reading them takes an explicit <see cref="CopyPacked"/> or indexer call.
/// Equality compares contents (so tests can compare both sides without printing them).
/// </summary>
public sealed class SiftedBits : IEquatable<SiftedBits>
{
    private readonly byte[] _packed;

    public SiftedBits(byte[] packed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (packed.Length < SiftWire.BitBytes(count))
        {
            throw new ArgumentException("Too few bytes for the bit count.", nameof(packed));
        }

        _packed = new byte[SiftWire.BitBytes(count)];
        Array.Copy(packed, _packed, _packed.Length);
        Count = count;
        if ((count & 7) != 0)
        {
            _packed[^1] &= (byte)((1 << (count & 7)) - 1);
        }
    }

    public static SiftedBits Empty { get; } = new([], 0);

    public static SiftedBits FromBits(IReadOnlyList<byte> bits)
    {
        var packed = new byte[SiftWire.BitBytes(bits.Count)];
        for (var i = 0; i < bits.Count; i++)
        {
            SiftWire.SetBit(packed, 0, i, bits[i]);
        }

        return new SiftedBits(packed, bits.Count);
    }

    public int Count { get; }

    public int this[int index] => (uint)index < (uint)Count
        ? SiftWire.GetBit(_packed, 0, index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public byte[] CopyPacked() => (byte[])_packed.Clone();

    /// <summary>Positions where two equally long strings differ (for QBER checks in tests and simulations).</summary>
    public int CountDifferences(SiftedBits other)
    {
        if (other.Count != Count)
        {
            throw new ArgumentException("Bit strings differ in length.", nameof(other));
        }

        var n = 0;
        for (var i = 0; i < _packed.Length; i++)
        {
            n += System.Numerics.BitOperations.PopCount((uint)(_packed[i] ^ other._packed[i]));
        }

        return n;
    }

    public bool Equals(SiftedBits? other) => other is not null && other.Count == Count && _packed.AsSpan().SequenceEqual(other._packed);

    public override bool Equals(object? obj) => Equals(obj as SiftedBits);

    public override int GetHashCode() => Count;

    public override string ToString() => $"SiftedBits({Count} bits, contents redacted)";
}
