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
        _roots = Powers(root, length / 2);
        _inverseRoots = Powers(Goldilocks.Inverse(root), length / 2);
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
            int stride = Length / (2 * half);
            for (int start = 0; start < Length; start += 2 * half)
            {
                for (int j = 0; j < half; j++)
                {
                    ulong u = a[start + j];
                    ulong v = Goldilocks.Multiply(a[start + j + half], roots[j * stride]);
                    a[start + j] = Goldilocks.Add(u, v);
                    a[start + j + half] = Goldilocks.Subtract(u, v);
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

    private static ulong[] Powers(ulong root, int count)
    {
        var powers = new ulong[Math.Max(count, 1)];
        powers[0] = 1;
        for (int i = 1; i < count; i++)
        {
            powers[i] = Goldilocks.Multiply(powers[i - 1], root);
        }

        return powers;
    }
}
