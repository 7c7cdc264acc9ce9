using System.Numerics;

namespace GroundStation.PostProcessing.PrivacyAmplification;

/// <summary>
/// In-place radix-2 number-theoretic transform over GF(2^64 - 2^32 + 1): the exact-integer counterpart of the FFT,
/// O(N log N) for N a power of two up to 2^32. Built for convolution, so no bit-reversal pass (a random-access sweep
/// over arrays far larger than the cache): <see cref="Forward"/> is decimation in frequency (Gentleman-Sande) and
/// leaves its output in bit-reversed order, which a pointwise product does not mind; <see cref="Inverse"/> is
/// decimation in time (Cooley-Tukey) from bit-reversed input back to natural order.
/// </summary>
internal sealed class NumberTheoreticTransform
{
    private readonly ulong[] _roots;
    private readonly ulong[] _inverseRoots;

    public NumberTheoreticTransform(int length)
    {
        if (length < 2 || !BitOperations.IsPow2(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A transform length is a power of two >= 2, not {length}.");
        }

        Length = length;
        ulong root = Goldilocks.Power(Goldilocks.Generator, (Goldilocks.P - 1) / (ulong)length);
        _roots = StageTwiddles(root, length);
        _inverseRoots = StageTwiddles(Goldilocks.Inverse(root), length);
    }

    /// <summary>2^14 points (128 KiB): a block and its twiddles stay in a core's L2 cache.</summary>
    private const int CacheBlock = 1 << 14;

    public int Length { get; }

    /// <summary>Forward transform; output in bit-reversed order.</summary>
    public void Forward(ulong[] a)
    {
        CheckLength(a);

        // Stages whose butterflies span more than a cache block stream over the whole array; the rest run block by
        // block while the block is in cache (the same butterflies in another order: each stage only pairs elements
        // within its own 2 half-sized groups).
        int block = Math.Min(Length, CacheBlock);
        for (int half = Length / 2; half >= block; half >>= 1)
        {
            ForwardStage(a, 0, Length, half);
        }

        for (int start = 0; start < Length; start += block)
        {
            for (int half = block / 2; half >= 1; half >>= 1)
            {
                ForwardStage(a, start, block, half);
            }
        }
    }

    private void ForwardStage(ulong[] a, int from, int count, int half)
    {
        var w = new ReadOnlySpan<ulong>(_roots, half, half);
        for (int start = from; start < from + count; start += 2 * half)
        {
            var lower = new Span<ulong>(a, start, half);
            var upper = new Span<ulong>(a, start + half, half);
            for (int j = 0; j < lower.Length; j++)
            {
                ulong u = lower[j], v = upper[j];
                lower[j] = Goldilocks.Add(u, v);
                upper[j] = Goldilocks.Multiply(Goldilocks.Subtract(u, v), w[j]);
            }
        }
    }

    /// <summary>Inverse transform of a bit-reversed spectrum (as <see cref="Forward"/> leaves it), including the 1/N
    /// factor; output in natural order.</summary>
    public void Inverse(ulong[] a)
    {
        CheckLength(a);
        Transform(a, _inverseRoots);
        ulong scale = Goldilocks.Inverse((ulong)Length);
        for (int i = 0; i < Length; i++)
        {
            a[i] = Goldilocks.Multiply(a[i], scale);
        }
    }

    private void CheckLength(ulong[] a)
    {
        if (a.Length != Length)
        {
            throw new ArgumentException($"The transform has {Length} points, the array {a.Length}.", nameof(a));
        }
    }

    private void Transform(ulong[] a, ulong[] roots)
    {
        int block = Math.Min(Length, CacheBlock);
        for (int start = 0; start < Length; start += block)
        {
            for (int half = 1; half < block; half <<= 1)
            {
                InverseStage(a, roots, start, block, half);
            }
        }

        for (int half = block; half < Length; half <<= 1)
        {
            InverseStage(a, roots, 0, Length, half);
        }
    }

    private static void InverseStage(ulong[] a, ulong[] roots, int from, int count, int half)
    {
        var w = new ReadOnlySpan<ulong>(roots, half, half);
        for (int start = from; start < from + count; start += 2 * half)
        {
            var lower = new Span<ulong>(a, start, half);
            var upper = new Span<ulong>(a, start + half, half);
            for (int j = 0; j < lower.Length; j++)
            {
                ulong u = lower[j];
                ulong v = Goldilocks.Multiply(upper[j], w[j]);
                lower[j] = Goldilocks.Add(u, v);
                upper[j] = Goldilocks.Subtract(u, v);
            }
        }
    }

    /// <summary>For each stage half = 1, 2, 4 .. N/2: the powers 0 .. half-1 of a (2 half)-th root of unity at
    /// [half, 2 half): N - 1 entries in all, read sequentially by the butterflies.</summary>
    private static ulong[] StageTwiddles(ulong root, int length)
    {
        var table = new ulong[length];
        for (int half = length / 2; half >= 1; half >>= 1)
        {
            // root^(N / (2 half)) is a primitive (2 half)-th root of unity.
            ulong step = Goldilocks.Power(root, (ulong)(length / (2 * half)));
            ulong x = 1;
            for (int j = 0; j < half; j++)
            {
                table[half + j] = x;
                x = Goldilocks.Multiply(x, step);
            }
        }

        return table;
    }
}
