using System.Numerics;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.PrivacyAmplification;

namespace GroundStation.Tests.PostProcessing;

public class ToeplitzTests
{
    /// <summary>T x with T[i, j] = s[i - j + n - 1], row by row (O(n m)).</summary>
    private static BitString Naive(BitString x, BitString s, int m)
    {
        int n = x.Length;
        var y = new BitString(m);
        for (int i = 0; i < m; i++)
        {
            int bit = 0;
            for (int j = 0; j < n; j++)
            {
                bit ^= s[i - j + n - 1] & x[j];
            }

            y[i] = bit;
        }

        return y;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(64, 64)]
    [InlineData(100, 37)]
    [InlineData(1000, 500)]
    [InlineData(3000, 1234)]
    public void The_ntt_product_equals_the_naive_matrix_product(int n, int m)
    {
        var (x, _, _) = Workload.Pair(n, 0, (ulong)n);
        var (s, _, _) = Workload.Pair(n + m - 1, 0, (ulong)(n * 7 + m));
        var seed = new ToeplitzSeed(s.Words.ToArray(), n + m - 1, n, m);
        Assert.Equal(Naive(x, s, m), ToeplitzHash.Apply(x, seed));
    }

    [Fact]
    public void All_ones_inputs_give_the_parities_of_seed_windows()
    {
        // x all ones: y_i is the parity of s[i .. i + n - 1].
        const int n = 5000, m = 3000;
        var x = BitString.FromBits(Enumerable.Repeat((byte)1, n).ToArray());
        var (s, _, _) = Workload.Pair(n + m - 1, 0, 8);
        var y = ToeplitzHash.Apply(x, new ToeplitzSeed(s.Words.ToArray(), n + m - 1, n, m));
        for (int i = 0; i < m; i += 97)
        {
            Assert.Equal(s.Parity(i, n), y[i]);
        }
    }

    [Fact]
    public void A_fresh_seed_has_n_plus_m_minus_1_bits_and_mismatches_are_refused()
    {
        var seed = ToeplitzHash.CreateSeed(1000, 400);
        Assert.Equal(1399, seed.SeedBits);
        Assert.Equal(400, ToeplitzHash.Apply(new BitString(1000), seed).Length);
        Assert.Throws<ArgumentException>(() => ToeplitzHash.Apply(new BitString(999), seed));
        Assert.Throws<ArgumentException>(() => ToeplitzHash.CreateSeed(10, 11));
        Assert.Throws<ArgumentException>(() => ToeplitzHash.CreateSeed(10, 0));
    }

    [Fact]
    public void The_goldilocks_product_equals_big_integer_arithmetic()
    {
        var p = (BigInteger.One << 64) - (BigInteger.One << 32) + 1;
        var r = new Random(5);
        var values = new List<ulong> { 0, 1, 0xFFFF_FFFF_0000_0000UL, 0xFFFF_FFFFUL, 1UL << 63 };
        for (int i = 0; i < 200; i++)
        {
            values.Add((ulong)r.NextInt64() % 0xFFFF_FFFF_0000_0001UL);
        }

        foreach (ulong a in values)
        {
            ulong b = values[(int)(a % (ulong)values.Count)];
            Assert.Equal((ulong)(new BigInteger(a) * b % p), Goldilocks.Multiply(a, b));
            Assert.Equal((ulong)((new BigInteger(a) + b) % p), Goldilocks.Add(a, b));
            Assert.Equal((ulong)(((new BigInteger(a) - b) % p + p) % p), Goldilocks.Subtract(a, b));
        }
    }
}
