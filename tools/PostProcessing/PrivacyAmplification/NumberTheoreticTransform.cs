using System.Numerics;

namespace GroundStation.PostProcessing.PrivacyAmplification;

/// <summary>
/// In-place radix-2 number-theoretic transform over GF(2^64 - 2^32 + 1) (iterative Cooley-Tukey, bit-reversed
/// input order): the exact-integer counterpart of the FFT, O(N log N) for N a power of two up to 2^32.
/// </summary>
internal sealed class NumberTheoreticTransform
{
    private readonly int _log;
    private readonly ulong[] _roots;
    private readonly ulong[] _inverseRoots;

    public NumberTheoreticTransform(int length)
    {
        if (length < 2 || !BitOperations.IsPow2(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A transform length is a power of two >= 2, not {length}.");
        }

        Length = length;
        _log = BitOperations.Log2((uint)length);
        ulong root = Goldilocks.Power(Goldilocks.Generator, (Goldilocks.P - 1) / (ulong)length);
        _roots = StageTwiddles(root, length);
        _inverseRoots = StageTwiddles(Goldilocks.Inverse(root), length);
    }

    public int Length { get; }

    public void Forward(ulong[] a) => Transform(a, _roots);

    /// <summary>Inverse transform including the 1/N factor.</summary>
    public void Inverse(ulong[] a)
    {
        Transform(a, _inverseRoots);
        ulong scale = Goldilocks.Inverse((ulong)Length);
        for (int i = 0; i < Length; i++)
        {
            a[i] = Goldilocks.Multiply(a[i], scale);
        }
    }

    private void Transform(ulong[] a, ulong[] roots)
    {
        if (a.Length != Length)
        {
            throw new ArgumentException($"The transform has {Length} points, the array {a.Length}.", nameof(a));
        }

        BitReverse(a);
        for (int half = 1; half < Length; half <<= 1)
        {
            // The stage's twiddles w^0 .. w^(half-1) of a 2 half-th root of unity sit contiguously at [half, 2 half).
            var w = new ReadOnlySpan<ulong>(roots, half, half);
            for (int start = 0; start < Length; start += 2 * half)
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
    }

    private void BitReverse(ulong[] a)
    {
        int shift = 32 - _log;
        for (int i = 0; i < Length; i++)
        {
            int j = (int)(ReverseBits((uint)i) >> shift);
            if (j > i)
            {
                (a[i], a[j]) = (a[j], a[i]);
            }
        }
    }

    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
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
