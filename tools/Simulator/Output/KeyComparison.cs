using GroundStation.Simulator.Source;

namespace GroundStation.Simulator.Output;

/// <summary>One sifted bit: the slot it came from, its basis, its value and the intensity class sent in that slot.</summary>
public readonly record struct SiftedBitRecord(long Slot, byte Basis, byte Bit, byte IntensityClass);

/// <summary>Ground key against the satellite record, bit for bit.</summary>
public readonly record struct KeyComparison(long Bits, long BitErrors, long BasisMismatches, long NoRecord)
{
    public double ErrorRate => Bits == 0 ? 0 : (double)BitErrors / Bits;

    /// <summary>Counts ground bits whose basis matches the sent basis but whose value differs (BitErrors), bits the
    /// ground sifted in a basis the satellite did not use (BasisMismatches: a sifting bug), and slots outside the pass.</summary>
    public static KeyComparison Compare(SatelliteRecord satellite, IEnumerable<SiftedBitRecord> ground)
    {
        long bits = 0, errors = 0, basis = 0, none = 0;
        foreach (var g in ground)
        {
            bits++;
            if (!satellite.TryGetSent(g.Slot, out var s)) none++;
            else if (s.Basis != g.Basis) basis++;
            else if (s.Bit != g.Bit) errors++;
        }
        return new KeyComparison(bits, errors, basis, none);
    }
}
