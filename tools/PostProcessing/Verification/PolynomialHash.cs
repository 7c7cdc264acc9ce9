using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Verification;

/// <summary>
/// Polynomial hashing over GF(p), p = 2^127 - 1 (the universal family of Carter and Wegman 1979 in its polynomial
/// form): for a key of B bits in L = ceil(B/64) words w_1..w_L (each < 2^64 < p) and a hash key k uniform in [0, p),
/// H_k = B k^(L+1) + w_1 k^L + ... + w_L k (mod p). Two different keys give a difference polynomial that is non-zero
/// of degree at most L + 1, with at most L + 1 roots, so Pr_k[H_k(x) = H_k(y)] &lt;= (L + 1) / p
/// (<see cref="CollisionBound"/>): 9.2e-34 for 10^7 bits, 2.0e-31 for 2^31 bits, far below epsilon_cor = 1e-15.
/// </summary>
public static class PolynomialHash
{
    /// <summary>Bits of a tag (values in [0, 2^127 - 1)).</summary>
    public const int TagBits = 127;

    public static UInt128 FieldPrime => Mersenne127.P;

    public static UInt128 Compute(BitString key, UInt128 hashKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (hashKey >= Mersenne127.P)
        {
            throw new ArgumentOutOfRangeException(nameof(hashKey), "A hash key is below 2^127 - 1.");
        }

        // Horner: ((B k + w_1) k + w_2) k ... + w_L) k.
        UInt128 h = (UInt128)(ulong)key.Length;
        foreach (ulong w in key.Words)
        {
            h = Mersenne127.Add(Mersenne127.Multiply(h, hashKey), w);
        }

        return Mersenne127.Multiply(h, hashKey);
    }

    /// <summary>(L + 1) / p: the probability that two different keys of at most <paramref name="bits"/> bits collide.</summary>
    public static double CollisionBound(long bits) => (BitString.WordCount(bits) + 1) / Math.Pow(2, 127);
}
