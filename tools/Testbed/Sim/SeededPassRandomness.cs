using System.Text;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// The random choices of a simulated pass's two hosts, from its seed: each side and purpose (Cascade permutations,
/// LDPC seeds, the privacy-amplification seed, estimation samples) its own SplitMix64 stream, and the station's
/// session id, so two runs of a seed make the same key under the same key id whatever order the threads draw in.
/// Only the testbed seeds these; the product draws them from the cryptographic generator.
/// </summary>
public static class SeededPassRandomness
{
    /// <summary>The generator factory for one side ("station", "transmitter") of the pass.</summary>
    public static Func<string, IRandomSource> For(ulong seed, string side) =>
        purpose => new SeededRandomSource(Mix(seed, side + "/" + purpose));

    /// <summary>The station's session id (never 0).</summary>
    public static ulong SessionId(ulong seed) => Mix(seed, "session-id") | 1;

    /// <summary>SplitMix64's first output for the seed offset by the name's FNV-1a hash: a stream per name.</summary>
    private static ulong Mix(ulong seed, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new SeededRandomSource(seed ^ hash).NextUInt64();
    }
}
