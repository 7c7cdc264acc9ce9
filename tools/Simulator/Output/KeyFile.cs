using System.Globalization;
using GroundStation.Simulator.Source;

namespace GroundStation.Simulator.Output;

/// <summary>One sifted bit: the slot it came from, its basis, its value and the intensity class sent in that slot.</summary>
public readonly record struct SiftedBitRecord(long Slot, byte Basis, byte Bit, byte IntensityClass);

/// <summary>
/// Key files (key_ground.csv, key_satellite.csv): header "slot,basis,bit,intensity_class", one line per sifted bit in
/// slot order. The ground file holds the firmware's bits, the satellite file the bits sent in the same slots, so the
/// two compare line by line.
/// </summary>
public static class KeyFile
{
    public const string Header = "slot,basis,bit,intensity_class";

    /// <summary>Writes a new key file, owner-only (<see cref="SecretFiles"/>).</summary>
    public static void Write(string path, IEnumerable<SiftedBitRecord> bits)
    {
        using var w = new StreamWriter(SecretFiles.Create(path)) { NewLine = "\n" };
        w.WriteLine(Header);
        foreach (var b in bits)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{b.Slot},{b.Basis},{b.Bit},{b.IntensityClass}"));
    }

    public static List<SiftedBitRecord> Read(string path)
    {
        var result = new List<SiftedBitRecord>();
        using var r = new StreamReader(path);
        string? line = r.ReadLine();
        if (line != Header) throw new FormatException($"{path}: expected header '{Header}'");
        int lineNumber = 1;
        while ((line = r.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 4) throw new FormatException($"{path}:{lineNumber}: expected 4 fields");
            result.Add(new SiftedBitRecord(long.Parse(f[0], CultureInfo.InvariantCulture), byte.Parse(f[1], CultureInfo.InvariantCulture),
                byte.Parse(f[2], CultureInfo.InvariantCulture), byte.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        return result;
    }

    /// <summary>The satellite's side of a ground key: for each ground bit, what the satellite sent in that slot
    /// (slots outside the pass are skipped; they are counted by <see cref="KeyComparison"/>).</summary>
    public static List<SiftedBitRecord> SatelliteCounterpart(SatelliteRecord satellite, IEnumerable<SiftedBitRecord> ground)
    {
        var result = new List<SiftedBitRecord>();
        foreach (var g in ground)
            if (satellite.TryGetSent(g.Slot, out var s))
                result.Add(new SiftedBitRecord(s.Slot, s.Basis, s.Bit, s.IntensityClass));
        return result;
    }
}

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
