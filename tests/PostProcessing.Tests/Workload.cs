using GroundStation.PostProcessing.Bits;
using GroundStation.Simulator.Channel;
using GroundStation.Simulator.Randomness;

namespace GroundStation.Tests.PostProcessing;

/// <summary>Alice's random key and Bob's copy through a binary symmetric channel, from a seed.</summary>
internal static class Workload
{
    public static (BitString Alice, BitString Bob, int Errors) Pair(int bits, double qber, ulong seed)
    {
        var rng = new Xoshiro256(seed, 77);
        var alice = BinarySymmetricChannel.RandomWords(bits, rng);
        var bob = (ulong[])alice.Clone();
        int errors = BinarySymmetricChannel.Flip(bob, bits, qber, rng);
        return (BitString.FromWords(alice, bits), BitString.FromWords(bob, bits), errors);
    }
}
