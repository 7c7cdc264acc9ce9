namespace GroundStation.PostProcessing.Verification;

/// <summary>Arithmetic modulo the Mersenne prime p = 2^127 - 1 (2^127 = 1 mod p, so reduction is a shift and an add).
/// Values are canonical, in [0, p).</summary>
internal static class Mersenne127
{
    public static readonly UInt128 P = (UInt128.One << 127) - 1;

    public static UInt128 Add(UInt128 a, UInt128 b) => Reduce(a + b);

    public static UInt128 Multiply(UInt128 a, UInt128 b)
    {
        ulong a0 = (ulong)a, a1 = (ulong)(a >> 64), b0 = (ulong)b, b1 = (ulong)(b >> 64);
        UInt128 p00 = Wide(a0, b0), p01 = Wide(a0, b1), p10 = Wide(a1, b0), p11 = Wide(a1, b1);

        // a b = p11 2^128 + (p01 + p10) 2^64 + p00, and 2^128 = 2 (mod p).
        UInt128 middle = p01 + p10; // < 2^128: each term < 2^127
        UInt128 sum = Reduce(p00);
        sum = Reduce(sum + Reduce(p11 << 1));
        sum = Reduce(sum + Reduce((middle >> 64) << 1));
        sum = Reduce(sum + Reduce((UInt128)(ulong)middle << 64));
        return sum;
    }

    /// <summary>x mod p for any 128-bit x.</summary>
    public static UInt128 Reduce(UInt128 x)
    {
        UInt128 r = (x & P) + (x >> 127);
        return r >= P ? r - P : r;
    }

    private static UInt128 Wide(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        return new UInt128(high, low);
    }
}
