using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Sifting;

/// <summary>Where a numbered block is in its life (protocol/Sifting/README.md, "The exchange").</summary>
public enum LedgerBlockState
{
    /// <summary>Closed by the ground station; waiting for estimation.</summary>
    Closed,

    /// <summary>A sample was disclosed; waiting for the verdict.</summary>
    Sampled,

    /// <summary>Estimation passed: the remaining entries are the block's key and test bits.</summary>
    Accepted,

    /// <summary>The intrusion alarm fired: the block is discarded on both sides.</summary>
    Discarded,
}

/// <summary>
/// One numbered sifted block as a non-firmware party holds it: its entries in sifting order (slot, basis, class and,
/// once known, the bit), the sample disclosed for estimation and, after the verdict, what remains. The same class
/// serves the station (its bits arrive with the firmware's SiftedBlock) and the transmitter (bits from its record).
/// </summary>
public sealed class LedgerBlock
{
    private readonly List<SiftedEntry> _entries;
    private int[] _samplePositions = [];

    internal LedgerBlock(uint number, List<SiftedEntry> entries)
    {
        Number = number;
        _entries = entries;
        for (var i = 0; i < entries.Count; i++)
        {
            ClosedCounts[entries[i].IntensityClass]++;
        }
    }

    public uint Number { get; }

    public LedgerBlockState State { get; private set; } = LedgerBlockState.Closed;

    /// <summary>Entries held now: all of the block before the verdict, the remaining key and test bits after it.</summary>
    public IReadOnlyList<SiftedEntry> Entries => _entries;

    /// <summary>Bits per intensity class when the block closed (the SiftBlockClosed counts).</summary>
    public int[] ClosedCounts { get; } = new int[SiftCodes.ClassCount];

    /// <summary>Sampled and error counts per cell (class * 2 + basis) of the estimation, as this side computed them.</summary>
    public int[] OwnSampled { get; } = new int[SiftCodes.CellCount];

    public int[] OwnErrors { get; } = new int[SiftCodes.CellCount];

    /// <summary>The entries disclosed for estimation (removed from the block by an accepted verdict), in sifting order.</summary>
    public IReadOnlyList<SiftedEntry> Disclosed { get; private set; } = [];

    /// <summary>True once every remaining entry carries its bit (always for the transmitter; after SiftedBlock for the station).</summary>
    public bool HasBits { get; internal set; }

    /// <summary>Entries of one class in sifting order (the order of the SiftedBlock arrays).</summary>
    public IEnumerable<SiftedEntry> OfClass(int intensityClass) => _entries.Where(e => e.IntensityClass == intensityClass);

    /// <summary>
    /// Takes the estimation sample at <paramref name="positions"/> (ascending block positions) and counts errors per
    /// cell against <paramref name="otherBits"/>, the other side's bits at those positions. Returns this side's bits
    /// there (meaningful when <see cref="HasBits"/>).
    /// </summary>
    internal byte[] TakeSample(int[] positions, byte[] otherBits, int count, bool countErrors)
    {
        _samplePositions = positions[..count];
        var own = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var entry = _entries[positions[i]];
            own[i] = entry.Bit;
            var cell = SiftCodes.Cell(entry.IntensityClass, entry.Basis);
            OwnSampled[cell]++;
            if (countErrors && entry.Bit != otherBits[i])
            {
                OwnErrors[cell]++;
            }
        }

        State = LedgerBlockState.Sampled;
        return own;
    }

    /// <summary>The verdict: an accepted block keeps everything but the sample, a discarded one nothing.</summary>
    internal void Conclude(bool accepted)
    {
        var sampled = new HashSet<int>(_samplePositions);
        var kept = accepted ? _entries.Where((_, i) => !sampled.Contains(i)).ToList() : [];
        Disclosed = accepted ? _samplePositions.Select(i => _entries[i]).ToArray() : [];
        _entries.Clear();
        _entries.AddRange(kept);
        State = accepted ? LedgerBlockState.Accepted : LedgerBlockState.Discarded;
    }

    /// <summary>Sets the bits of the remaining entries (the station, from the firmware's SiftedBlock).</summary>
    internal void SetBits(Func<int, int, byte> bitOf)
    {
        var seen = new int[SiftCodes.ClassCount];
        for (var i = 0; i < _entries.Count; i++)
        {
            var e = _entries[i];
            _entries[i] = e with { Bit = bitOf(e.IntensityClass, seen[e.IntensityClass]++) };
        }

        HasBits = true;
    }

    public override string ToString() => $"LedgerBlock {Number} ({State}, {_entries.Count} entries)";
}
