using GroundStation.Host.Transmitter;

namespace GroundStation.Testbed.Satellite;

/// <summary>
/// A satellite record that needs no memory: slot n's (basis, bit, class) is a hash of (seed, n), with the
/// sender's basis probability and the decoy-state class mix (Micius: 0.5 / 0.25 / 0.25). For tests and benchmarks.
/// </summary>
public sealed class SeededSatelliteRecord(ulong seed, int zBasisProbabilityPpm = 500_000,
    int signalPpm = 500_000, int decoyPpm = 250_000, long firstSlot = 0, long lastSlot = long.MaxValue) : ITransmitterRecord
{
    public bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass)
    {
        basis = bit = intensityClass = 0;
        if (slot < firstSlot || slot > lastSlot)
        {
            return false;
        }

        ulong h = Mix(seed ^ Mix((ulong)slot));
        basis = (byte)((h & 0xFFFFF) % 1_000_000 < (ulong)zBasisProbabilityPpm ? 0 : 1);
        bit = (byte)((h >> 20) & 1);
        var c = (long)((h >> 21) % 1_000_000);
        intensityClass = (byte)(c < signalPpm ? 0 : c < signalPpm + decoyPpm ? 1 : 2);
        return true;
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
