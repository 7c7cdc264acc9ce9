namespace GroundStation.Tests.Interpreter;

/// <summary>
/// The satellite's per-slot record of tests/Interpreter/SlotTruth.cs, written again in unsigned arithmetic with the
/// textbook SplitMix64 finaliser (Steele, Lea, Flood 2014): the scenario's signed, shift-and-mask version must give the
/// same bits, so the satellite side's answers are checked against an implementation that does not share its code.
/// </summary>
internal sealed class IndependentTruth(long seed)
{
    private readonly ulong _seedKey = Mix(unchecked((ulong)(seed ^ 0x51A7E111)));

    public int Basis(long slot) => (int)(Hash(slot) & 1);

    public int Bit(long slot) => (int)((Hash(slot) >> 1) & 1);

    /// <summary>0 signal (50 %), 1 decoy (25 %), 2 vacuum (25 %) from 20 bits read as parts per million.</summary>
    public int IntensityClass(long slot)
    {
        var ppm = ((Hash(slot) >> 2) & 0xFFFFF) * 1_000_000 >> 20;
        return ppm < 500_000 ? 0 : ppm < 750_000 ? 1 : 2;
    }

    private ulong Hash(long slot) => Mix(_seedKey ^ Mix(unchecked((ulong)slot)));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
