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

    /// <summary>Codeword positions carrying key bits, ascending: all but s positions drawn from the seed
    /// (shared, read-only: frames of one plan reuse them).</summary>
    public static int[] KeyPositions(LdpcFramePlan plan, ulong seed) =>
        Positions.GetOrAdd((plan.FrameBits, plan.ShortenedBits, seed), _ => BuildKeyPositions(plan, seed));

    private static int[] BuildKeyPositions(LdpcFramePlan plan, ulong seed)
    {
        var shortened = new bool[plan.FrameBits];
        var rng = new SharedRandom(seed, 0x5407_0000UL + (ulong)plan.ShortenedBits);
        var order = rng.Permutation(plan.FrameBits);
        for (int i = 0; i < plan.ShortenedBits; i++)
        {
            shortened[order[i]] = true;
        }

        var positions = new int[plan.KeyBits];
        int at = 0;
        for (int v = 0; v < plan.FrameBits; v++)
        {
            if (!shortened[v])
            {
                positions[at++] = v;
            }
        }

        return positions;
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
