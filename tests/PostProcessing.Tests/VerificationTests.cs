using System.Numerics;
using GroundStation.PostProcessing.Bits;
using GroundStation.PostProcessing.Verification;

namespace GroundStation.Tests.PostProcessing;

public class VerificationTests
{
    private static readonly BigInteger P = (BigInteger.One << 127) - 1;

    private static BigInteger Big(UInt128 x) => ((BigInteger)(ulong)(x >> 64) << 64) + (ulong)x;

    /// <summary>The hash recomputed with BigInteger straight from its definition (an independent implementation).</summary>
    private static BigInteger Reference(BitString key, BigInteger k)
    {
        var words = key.Words.ToArray();
        int l = words.Length;
        BigInteger h = key.Length * BigInteger.ModPow(k, l + 1, P);
        for (int i = 0; i < l; i++)
        {
            h += words[i] * BigInteger.ModPow(k, l - i, P);
        }

        return h % P;
    }

    [Fact]
    public void The_hash_equals_its_definition_computed_with_big_integers()
    {
        var r = new Random(3);
        foreach (int bits in new[] { 1, 64, 65, 1000, 4097 })
        {
            var (key, _, _) = Workload.Pair(bits, 0, (ulong)bits);
            var k = new UInt128((ulong)r.NextInt64() & long.MaxValue, (ulong)r.NextInt64());
            Assert.Equal(Reference(key, Big(k)), Big(PolynomialHash.Compute(key, k)));
        }

        var top = PolynomialHash.FieldPrime - 1;
        var (all, _, _) = Workload.Pair(640, 0, 1);
        Assert.Equal(Reference(all, Big(top)), Big(PolynomialHash.Compute(all, top)));
    }

    [Fact]
    public void A_single_wrong_bit_fails_verification_and_the_same_key_passes()
    {
        var (alice, _, _) = Workload.Pair(100_000, 0, 2);
        var tag = KeyVerification.CreateTag(5, alice);
        Assert.True(KeyVerification.Matches(alice.Clone(), tag));
        var bob = alice.Clone();
        bob.Flip(77_777);
        Assert.False(KeyVerification.Matches(bob, tag));
        Assert.False(KeyVerification.Matches(alice.Slice(0, 99_999), tag));
    }

    [Fact]
    public void The_collision_bound_meets_epsilon_cor_for_a_whole_pass()
    {
        Assert.True(PolynomialHash.CollisionBound(10_000_000) <= KeyVerification.DefaultEpsilonCorrect);
        Assert.True(PolynomialHash.CollisionBound(int.MaxValue) <= KeyVerification.DefaultEpsilonCorrect);
        Assert.Equal(1.0, PolynomialHash.CollisionBound(10_000_000) / ((156_250 + 1) / Math.Pow(2, 127)), 12);
    }

    [Fact]
    public void A_hash_key_outside_the_field_is_refused()
    {
        var tag = new VerificationTag(1, ulong.MaxValue, ulong.MaxValue, 0, 0);
        Assert.Throws<ArgumentException>(() => KeyVerification.Matches(new BitString(8), tag));
    }

    [Fact]
    public void Bob_keeps_a_frame_only_when_it_decoded_and_the_tag_matched()
    {
        var (alice, _, _) = Workload.Pair(5000, 0, 9);
        var tag = KeyVerification.CreateTag(3, alice);
        var wrong = alice.Clone();
        wrong.Flip(10);
        Assert.True(FrameVerdict.Of(3, alice.Clone(), tag).Kept);
        Assert.False(FrameVerdict.Of(3, wrong, tag).Kept);
        Assert.False(FrameVerdict.Of(3, null, tag).Kept);
        Assert.Throws<ArgumentException>(() => FrameVerdict.Of(4, alice, tag));
    }
}
