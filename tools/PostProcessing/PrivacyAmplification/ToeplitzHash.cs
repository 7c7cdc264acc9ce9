using System.Numerics;
using System.Security.Cryptography;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.PrivacyAmplification;

/// <summary>Alice's privacy-amplification message: the Toeplitz seed (n + m - 1 bits, packed) and the output length m.</summary>
public sealed record ToeplitzSeed(ulong[] SeedWords, int SeedBits, int InputBits, int OutputBits);

/// <summary>
/// Privacy amplification with a random Toeplitz matrix T (m x n, T[i, j] = s[i - j + n - 1] for a seed s of
/// n + m - 1 bits), a two-universal family (Carter and Wegman 1979; Krawczyk 1994), so the leftover hash lemma
/// applies. y = T x (mod 2) is the window c[n-1 .. n+m-2] of the convolution c = s * x, computed exactly over the
/// integers by an NTT modulo 2^64 - 2^32 + 1 (each c[k] &lt;= n &lt; p, so nothing wraps) and reduced mod 2:
/// O((n + m) log(n + m)). A cyclic convolution of N >= n + m - 1 points suffices: wrapped terms land below n - 1.
/// </summary>
public static class ToeplitzHash
{
    /// <summary>Fills a buffer with random bytes.</summary>
    public delegate void SpanAction(Span<byte> bytes);

    /// <summary>Alice's side: a fresh seed from a cryptographic generator for n input and m output bits.</summary>
    public static ToeplitzSeed CreateSeed(int inputBits, int outputBits) => CreateSeed(inputBits, outputBits, RandomNumberGenerator.Fill);

    /// <summary>A seed whose bytes come from <paramref name="fill"/> (a simulated pass's seeded generator, so it repeats).</summary>
    public static ToeplitzSeed CreateSeed(int inputBits, int outputBits, SpanAction fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        CheckSizes(inputBits, outputBits);
        int seedBits = inputBits + outputBits - 1;
        var bytes = new byte[BitString.WordCount(seedBits) * 8];
        fill(bytes);
        var words = new ulong[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, words, 0, bytes.Length);
        return new ToeplitzSeed(BitString.FromWords(words, seedBits).Words.ToArray(), seedBits, inputBits, outputBits);
    }

    /// <summary>The m output bits T x.</summary>
    public static BitString Apply(BitString key, ToeplitzSeed seed)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(seed);
        CheckSizes(seed.InputBits, seed.OutputBits);
        int n = key.Length, m = seed.OutputBits;
        if (n != seed.InputBits || seed.SeedBits != n + m - 1 || seed.SeedWords.Length < BitString.WordCount(seed.SeedBits))
        {
            throw new ArgumentException($"The seed is for {seed.InputBits} -> {seed.OutputBits} bits ({seed.SeedBits} seed bits); the key has {n}.");
        }

        int points = (int)BitOperations.RoundUpToPowerOf2((uint)(n + m - 1));
        points = Math.Max(points, 2);
        var ntt = new NumberTheoreticTransform(points);
        var a = Spread(key.Words, n, points);
        var b = Spread(seed.SeedWords, seed.SeedBits, points);
        ntt.Forward(a);
        ntt.Forward(b);
        for (int i = 0; i < points; i++)
        {
            a[i] = Goldilocks.Multiply(a[i], b[i]);
        }

        ntt.Inverse(a);
        var output = new ulong[BitString.WordCount(m)];
        for (int i = 0; i < m; i++)
        {
            output[i >> 6] |= (a[(i + n - 1) & (points - 1)] & 1) << i;
        }

        return BitString.FromWords(output, m);
    }

    private static ulong[] Spread(ReadOnlySpan<ulong> words, int bits, int points)
    {
        var a = new ulong[points];
        for (int i = 0; i < bits; i++)
        {
            a[i] = (words[i >> 6] >> i) & 1;
        }

        return a;
    }

    private static void CheckSizes(int inputBits, int outputBits)
    {
        if (inputBits < 1 || outputBits < 1 || outputBits > inputBits || (long)inputBits + outputBits - 1 > 1 << 30)
        {
            throw new ArgumentException($"Toeplitz hashing takes 1 <= m <= n and n + m - 1 <= 2^30 bits, not n = {inputBits}, m = {outputBits}.");
        }
    }
}
