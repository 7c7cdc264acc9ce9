using GroundStation.Protocol.Sifting;

namespace GroundStation.Gsctl.Satellite;

public enum SatelliteBlockState
{
    /// <summary>Closed by the ground station; waiting for estimation.</summary>
    Closed,

    /// <summary>Sample disclosed; waiting for the ground station's verdict.</summary>
    Sampled,

    /// <summary>Estimation passed: the remaining bits are key.</summary>
    Accepted,

    /// <summary>The intrusion alarm fired: the block is discarded on both sides.</summary>
    Discarded,
}

/// <summary>
/// The satellite's copy of one numbered sifted block: the same bits in the same order as the ground station's
/// block (up to channel errors), with bases and intensity classes. Key material: no ToString of bits.
/// </summary>
public sealed class SatelliteKeyBlock
{
    private readonly List<SiftedEntry> _entries;
    private int[] _samplePositions = [];

    internal SatelliteKeyBlock(uint number, List<SiftedEntry> entries)
    {
        Number = number;
        _entries = entries;
    }

    public uint Number { get; }

    public SatelliteBlockState State { get; private set; } = SatelliteBlockState.Closed;

    /// <summary>Bits currently held (after the sample is removed: the key; 0 when discarded).</summary>
    public int Count => _entries.Count;

    /// <summary>Sampled / error counts per cell (class * 2 + basis) as the satellite side computed them from the disclosure.</summary>
    public int[] OwnSampled { get; } = new int[SiftCodes.CellCount];

    public int[] OwnErrors { get; } = new int[SiftCodes.CellCount];

    /// <summary>Key bits of one intensity class, in sifting order.</summary>
    public SiftedBits Bits(int intensityClass) =>
        SiftedBits.FromBits(_entries.Where(e => e.IntensityClass == intensityClass).Select(e => e.Bit).ToList());

    /// <summary>Bases (public) of the bits of one intensity class, in the same order.</summary>
    public SiftedBits Bases(int intensityClass) =>
        SiftedBits.FromBits(_entries.Where(e => e.IntensityClass == intensityClass).Select(e => e.Basis).ToList());

    /// <summary>Slots of the bits of one intensity class, in the same order (public: the ground announced them).</summary>
    public IReadOnlyList<long> Slots(int intensityClass) =>
        _entries.Where(e => e.IntensityClass == intensityClass).Select(e => e.Slot).ToList();

    public int ClassCount(int intensityClass) => _entries.Count(e => e.IntensityClass == intensityClass);

    internal byte[] TakeSample(int[] positions, byte[] groundBits, int count)
    {
        _samplePositions = positions[..count];
        var reference = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var entry = _entries[positions[i]];
            reference[i] = entry.Bit;
            var cell = SiftCodes.Cell(entry.IntensityClass, entry.Basis);
            OwnSampled[cell]++;
            if (entry.Bit != groundBits[i])
            {
                OwnErrors[cell]++;
            }
        }

        State = SatelliteBlockState.Sampled;
        return reference;
    }

    internal void Conclude(bool accepted)
    {
        var sampled = new HashSet<int>(_samplePositions);
        var kept = _entries.Where((_, i) => !sampled.Contains(i)).ToList();
        _entries.Clear();
        if (accepted)
        {
            _entries.AddRange(kept);
        }

        State = accepted ? SatelliteBlockState.Accepted : SatelliteBlockState.Discarded;
    }

    public override string ToString() => $"SatelliteKeyBlock {Number} ({State}, {Count} bits)";
}

internal readonly record struct SiftedEntry(byte Bit, byte Basis, byte IntensityClass, long Slot)
{
    public override string ToString() => "SiftedEntry (redacted)";
}
