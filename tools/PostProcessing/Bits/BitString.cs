using System.Numerics;

namespace GroundStation.PostProcessing.Bits;

/// <summary>
/// A mutable string of key bits packed 64 per <see cref="ulong"/> word, bit i in word i/64 at position i%64 (LSB
/// first). The bits beyond <see cref="Length"/> in the last word are always zero, so word-wise parities and
/// comparisons need no masking. Key material: ToString never shows the bits.
/// </summary>
public sealed class BitString : IEquatable<BitString>
{
    private readonly ulong[] _words;

    /// <summary>All-zero string of <paramref name="length"/> bits.</summary>
    public BitString(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _words = new ulong[WordCount(length)];
    }

    private BitString(ulong[] words, int length)
    {
        _words = words;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The packed words (read-only view; the tail bits are zero).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>Words needed for <paramref name="bits"/> bits.</summary>
    public static int WordCount(long bits) => (int)((bits + 63) >> 6);

    /// <summary>A copy of <paramref name="length"/> bits from <paramref name="words"/>; bits past the length are dropped.</summary>
    public static BitString FromWords(ReadOnlySpan<ulong> words, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (words.Length < WordCount(length))
        {
            throw new ArgumentException($"{words.Length} words hold fewer than {length} bits.", nameof(words));
        }

        var copy = words[..WordCount(length)].ToArray();
        ClearTail(copy, length);
        return new BitString(copy, length);
    }

    /// <summary>From one byte (0 or 1) per bit: for tests and small inputs.</summary>
    public static BitString FromBits(ReadOnlySpan<byte> bits)
    {
        var s = new BitString(bits.Length);
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i] > 1)
            {
                throw new ArgumentException($"Bit {i} is {bits[i]}, not 0 or 1.", nameof(bits));
            }

            s._words[i >> 6] |= (ulong)bits[i] << i;
        }

        return s;
    }

    public int this[int index]
    {
        get
        {
            CheckIndex(index);
            return (int)(_words[index >> 6] >> index) & 1;
        }
        set
        {
            CheckIndex(index);
            ulong mask = 1UL << index;
            _words[index >> 6] = value switch
            {
                0 => _words[index >> 6] & ~mask,
                1 => _words[index >> 6] | mask,
                _ => throw new ArgumentOutOfRangeException(nameof(value), "A bit is 0 or 1."),
            };
        }
    }

    public void Flip(int index)
    {
        CheckIndex(index);
        _words[index >> 6] ^= 1UL << index;
    }

    /// <summary>Parity (0 or 1) of the bits [start, start + count).</summary>
    public int Parity(int start, int count)
    {
        if (start < 0 || count < 0 || start > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Range [{start}, {start}+{count}) is outside {Length} bits.");
        }

        return RangeParity(_words, start, count);
    }

    /// <summary>Parity of bits [start, start + count) of packed <paramref name="words"/> (no bounds check beyond the array's).</summary>
    public static int RangeParity(ReadOnlySpan<ulong> words, int start, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        int end = start + count;
        int first = start >> 6, last = (end - 1) >> 6;
        ulong headMask = ~0UL << start;
        ulong tailMask = ~0UL >> (63 - ((end - 1) & 63));
        if (first == last)
        {
            return BitOperations.PopCount(words[first] & headMask & tailMask) & 1;
        }

        ulong acc = (words[first] & headMask) ^ (words[last] & tailMask);
        for (int w = first + 1; w < last; w++)
        {
            acc ^= words[w];
        }

        return BitOperations.PopCount(acc) & 1;
    }

    /// <summary>Number of positions where the two equally long strings differ.</summary>
    public int CountDifferences(BitString other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Length != Length)
        {
            throw new ArgumentException($"Bit strings differ in length ({Length} and {other.Length}).", nameof(other));
        }

        int n = 0;
        for (int i = 0; i < _words.Length; i++)
        {
            n += BitOperations.PopCount(_words[i] ^ other._words[i]);
        }

        return n;
    }

    /// <summary>Bits [start, start + count) as a new string.</summary>
    public BitString Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Range [{start}, {start}+{count}) is outside {Length} bits.");
        }

        var result = new BitString(count);
        CopyBits(_words, start, result._words, 0, count);
        return result;
    }

    /// <summary>The strings one after the other.</summary>
    public static BitString Concat(IReadOnlyList<BitString> parts)
    {
        long total = 0;
        foreach (var p in parts)
        {
            total += p.Length;
        }

        if (total > int.MaxValue)
        {
            throw new ArgumentException("The concatenation is longer than 2^31 - 1 bits.", nameof(parts));
        }

        var result = new BitString((int)total);
        int at = 0;
        foreach (var p in parts)
        {
            CopyBits(p._words, 0, result._words, at, p.Length);
            at += p.Length;
        }

        return result;
    }

    public BitString Clone() => new((ulong[])_words.Clone(), Length);

    /// <summary>Copies <paramref name="count"/> bits from <paramref name="source"/> at bit <paramref name="from"/> into
    /// <paramref name="target"/> at bit <paramref name="to"/> (word-wise; the target's other bits are kept).</summary>
    public static void CopyBits(ReadOnlySpan<ulong> source, int from, Span<ulong> target, int to, int count)
    {
        int done = 0;
        while (done < count)
        {
            int s = from + done, t = to + done;
            int chunk = Math.Min(count - done, Math.Min(64 - (s & 63), 64 - (t & 63)));
            ulong bits = source[s >> 6] >> (s & 63);
            ulong mask = chunk == 64 ? ~0UL : (1UL << chunk) - 1;
            target[t >> 6] = (target[t >> 6] & ~(mask << (t & 63))) | ((bits & mask) << (t & 63));
            done += chunk;
        }
    }

    public bool Equals(BitString? other) =>
        other is not null && other.Length == Length && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => Equals(obj as BitString);

    public override int GetHashCode() => Length;

    public override string ToString() => $"BitString({Length} bits, contents redacted)";

    private static void ClearTail(ulong[] words, int length)
    {
        if ((length & 63) != 0)
        {
            words[^1] &= (1UL << (length & 63)) - 1;
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Bit {index} is outside {Length} bits.");
        }
    }
}
