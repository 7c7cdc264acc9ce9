using System.Collections.Concurrent;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Ldpc;

/// <summary>
/// The mother codes and shortening patterns both sides derive from (n, m, seed), built once per process and shared
/// (construction of a 2^18-bit code takes 1-2 s on one core, more on a busy machine; a pass uses one or two).
/// </summary>
public static class LdpcCodeFamily
{
    private static readonly ConcurrentDictionary<(int, int, ulong), LdpcCode> Codes = new();
    private static readonly ConcurrentDictionary<(int, int, ulong), int[]> Positions = new();

    public static LdpcCode Get(int frameBits, int checks, ulong seed) =>
        Codes.GetOrAdd((frameBits, checks, seed), key => LdpcCodeBuilder.Build(key.Item1, key.Item2, key.Item3));

    /// <summary>
    /// Codeword position of each key bit (shared, read-only: frames of one plan reuse them): the seed's permutation of
    /// the n positions, whose first s are shortened and the rest take key bits 0, 1, ... in that random order. The
    /// interleaving matters: a key stream is not a binary symmetric channel (protocol/PEER.md 8.2 puts each block's
    /// decoy and vacuum bits, with several and 50 % errors, in runs), and runs of errors on neighbouring positions of
    /// the IRA code's accumulator chain stopped decoding: on the default simulated pass 2 of 3 frames at 1.9 % QBER
    /// failed in sifting order, none once interleaved.
    /// </summary>
    public static int[] KeyPositions(LdpcFramePlan plan, ulong seed) =>
        Positions.GetOrAdd((plan.FrameBits, plan.ShortenedBits, seed), _ => BuildKeyPositions(plan, seed));

    private static int[] BuildKeyPositions(LdpcFramePlan plan, ulong seed)
    {
        var rng = new SharedRandom(seed, 0x5407_0000UL + (ulong)plan.ShortenedBits);
        var order = rng.Permutation(plan.FrameBits);
        return order[plan.ShortenedBits..];
    }

    /// <summary>The codeword: key bits at their positions, 0 at the shortened ones.</summary>
    public static ulong[] Codeword(BitString key, int[] positions, int frameBits)
    {
        var word = new ulong[BitString.WordCount(frameBits)];
        var k = key.Words;
        for (int i = 0; i < positions.Length; i++)
        {
            int v = positions[i];
            word[v >> 6] |= ((k[i >> 6] >> i) & 1) << v;
        }

        return word;
    }
}
