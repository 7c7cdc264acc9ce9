namespace GroundStation.PostProcessing.Cascade;

/// <summary>One binary search (BINARY of Brassard and Salvail) in a block known to hold an odd number of errors:
/// the current range, in its layout's coordinates, always has Alice's parity cached.</summary>
internal sealed class CascadeSearch(int layout, int block, int start, int length)
{
    public int Layout { get; } = layout;

    public int Block { get; } = block;

    public int Start { get; set; } = start;

    public int Length { get; set; } = length;

    /// <summary>The left half is the larger one for odd lengths; the split is fixed, so cached halves are reused.</summary>
    public int LeftLength => (Length + 1) / 2;
}
