namespace GroundStation.Simulator.Randomness;

/// <summary>
/// Counter-based randomness: a value that depends only on (seed, purpose, slot). The satellite's choice for slot n
/// (basis, bit, intensity class) is computed this way, so the satellite record answers for any slot without storing
/// 3*10^10 pulses, and it is the same whether or not the slot was detected.
/// </summary>
public static class SlotHash
{
    /// <summary>SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Hash(ulong seed, ulong purpose, long slot)
        => Mix(Mix(seed + 0x9E3779B97F4A7C15UL * (purpose + 1)) ^ (ulong)slot);

    /// <summary>Uniform in [0, 1) for (seed, purpose, slot).</summary>
    public static double Uniform(ulong seed, ulong purpose, long slot)
        => (Hash(seed, purpose, slot) >> 11) * (1.0 / (1UL << 53));
}
