using GroundStation.Simulator.Randomness;

namespace GroundStation.Simulator.Channel;

/// <summary>
/// A binary symmetric channel for post-processing workloads: uniformly random key words, and a copy in which each
/// bit is flipped independently with probability p (the QBER). Words are packed LSB first, 64 bits each; the bits
/// past the count stay zero. Flips are drawn as geometric gaps, so the cost follows the number of errors.
/// </summary>
public static class BinarySymmetricChannel
{
    /// <summary><paramref name="bits"/> uniformly random bits.</summary>
    public static ulong[] RandomWords(int bits, Xoshiro256 rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        var words = new ulong[(bits + 63) / 64];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = rng.NextUInt64();
        }

        if ((bits & 63) != 0)
        {
            words[^1] &= (1UL << (bits & 63)) - 1;
        }

        return words;
    }

    /// <summary>Flips each of the first <paramref name="bits"/> bits with probability <paramref name="p"/>, in place;
    /// returns how many were flipped.</summary>
    public static int Flip(ulong[] words, int bits, double p, Xoshiro256 rng)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"A flip probability is in [0, 1], not {p}.");
        }

        if ((long)words.Length * 64 < bits)
        {
            throw new ArgumentException($"{words.Length} words hold fewer than {bits} bits.", nameof(words));
        }

        if (p == 0)
        {
            return 0;
        }

        int flips = 0;
        long i = rng.NextGeometricFailures(p);
        while (i < bits)
        {
            words[i >> 6] ^= 1UL << (int)(i & 63);
            flips++;
            i += 1 + rng.NextGeometricFailures(p);
        }

        return flips;
    }
}
