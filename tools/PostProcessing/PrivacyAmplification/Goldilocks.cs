using System.Runtime.CompilerServices;

namespace GroundStation.PostProcessing.PrivacyAmplification;

/// <summary>
/// Arithmetic modulo the prime p = 2^64 - 2^32 + 1 ("Goldilocks"): p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537, so
/// power-of-two number-theoretic transforms up to 2^32 points exist, and 2^64 = 2^32 - 1, 2^96 = -1 (mod p) make the
/// reduction of a 128-bit product a few additions. 7 generates the multiplicative group. Values are canonical.
/// </summary>
internal static class Goldilocks
{
    public const ulong P = 0xFFFF_FFFF_0000_0001UL;

    /// <summary>2^64 mod p = 2^32 - 1.</summary>
    private const ulong Epsilon = 0xFFFF_FFFFUL;

    public const ulong Generator = 7;

    // Carries and borrows are computed from the operands' top bits (Hacker's Delight 2-13) instead of compared and
    // branched on: on uniformly random residues those branches go either way half the time, and mispredicting them
    // tripled the cost of a butterfly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b)
    {
        ulong s = a + b;
        s += (0 - Carry(a, b, s)) & Epsilon;
        return s >= P ? s - P : s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Subtract(ulong a, ulong b)
    {
        ulong d = a - b;
        return d - ((0 - Borrow(a, b, d)) & Epsilon);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Multiply(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        ulong highHigh = high >> 32, highLow = high & Epsilon;

        // low + highLow 2^64 + highHigh 2^96 = low + highLow (2^32 - 1) - highHigh.
        ulong t = low - highHigh;
        t -= (0 - Borrow(low, highHigh, t)) & Epsilon;
        ulong u = highLow * Epsilon;
        ulong s = t + u;
        s += (0 - Carry(t, u, s)) & Epsilon;
        return s >= P ? s - P : s;
    }

    /// <summary>1 when a + b (= sum) overflowed 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Carry(ulong a, ulong b, ulong sum) => ((a & b) | ((a | b) & ~sum)) >> 63;

    /// <summary>1 when a - b (= difference) borrowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Borrow(ulong a, ulong b, ulong difference) => ((~a & b) | ((~a | b) & difference)) >> 63;

    public static ulong Power(ulong b, ulong e)
    {
        ulong result = 1;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                result = Multiply(result, b);
            }

            b = Multiply(b, b);
            e >>= 1;
        }

        return result;
    }

    public static ulong Inverse(ulong a) => Power(a, P - 2);
}
