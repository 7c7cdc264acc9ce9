using GroundStation.PostProcessing.Bits;

namespace GroundStation.Tests.PostProcessing;

public class BitStringTests
{
    private static byte[] RandomBits(int n, int seed)
    {
        var r = new Random(seed);
        var bits = new byte[n];
        for (int i = 0; i < n; i++)
        {
            bits[i] = (byte)r.Next(2);
        }

        return bits;
    }

    [Fact]
    public void Range_parity_equals_the_bit_by_bit_sum_for_every_alignment()
    {
        var bits = RandomBits(300, 1);
        var s = BitString.FromBits(bits);
        for (int start = 0; start < 300; start += 7)
        {
            for (int count = 0; start + count <= 300; count += 13)
            {
                int expected = 0;
                for (int i = start; i < start + count; i++)
                {
                    expected ^= bits[i];
                }

                Assert.Equal(expected, s.Parity(start, count));
            }
        }
    }

    [Fact]
    public void Slice_and_concat_round_trip_and_keep_the_tail_zero()
    {
        var bits = RandomBits(333, 2);
        var s = BitString.FromBits(bits);
        var parts = new[] { s.Slice(0, 70), s.Slice(70, 1), s.Slice(71, 262) };
        var joined = BitString.Concat(parts);
        Assert.Equal(s, joined);
        Assert.Equal(bits[70], parts[1][0]);
        Assert.Equal(0UL, joined.Words[^1] >> (333 & 63));
        Assert.Equal(bits.Count(b => b == 1), s.CountDifferences(new BitString(333)));
    }

    [Fact]
    public void From_words_drops_bits_past_the_length()
    {
        var s = BitString.FromWords(new[] { ulong.MaxValue, ulong.MaxValue }, 70);
        Assert.Equal(70, s.CountDifferences(new BitString(70)));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BitString.FromBits(new byte[] { 0, 2 }));
        Assert.Throws<ArgumentException>(() => new BitString(3).CountDifferences(new BitString(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitString(10).Parity(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitString(10)[10]);
        Assert.DoesNotContain("1", new BitString(5) { [1] = 1 }.ToString().Replace("5 bits", ""));
    }

    [Fact]
    public void Shared_random_permutations_are_permutations_and_repeat_from_the_seed()
    {
        var a = new SharedRandom(42, 3).Permutation(1000);
        var b = new SharedRandom(42, 3).Permutation(1000);
        var c = new SharedRandom(42, 4).Permutation(1000);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(Enumerable.Range(0, 1000), a.OrderBy(x => x));
    }

    [Theory]
    [InlineData(0.11, 0.4999160)]
    [InlineData(0.02, 0.14144054)]
    [InlineData(0.5, 1.0)]
    public void Binary_entropy_matches_known_values(double p, double h) =>
        Assert.Equal(h, BinaryEntropy.Of(p), 6);
}
