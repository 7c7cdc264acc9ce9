namespace GroundStation.Hal.Fakes;

/// <summary>
/// Deterministic <see cref="IRandomSource"/> for simulations and tests: SplitMix64 (Steele, Lea, Flood 2014), whose
/// output for a given seed is fixed, so a simulated pass repeats bit for bit. Returns the high 32 bits of each output.
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private ulong _state;

    public SeededRandomSource(ulong seed)
    {
        _state = seed;
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);
}
