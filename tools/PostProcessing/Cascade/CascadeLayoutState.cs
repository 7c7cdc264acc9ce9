using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Cascade;

/// <summary>Bob's view of one started layout: his bits in its coordinates, kept current as he corrects bits, and
/// each block's error parity (his parity XOR Alice's) once Alice's block parities have arrived.</summary>
internal sealed class CascadeLayoutState
{
    public CascadeLayoutState(int index, CascadePassLayout layout, BitString bobKey)
    {
        Index = index;
        Layout = layout;
        FrameBits = bobKey.Length;
        Bits = layout.Arrange(bobKey.Words, FrameBits);
        BlockCount = (FrameBits + layout.BlockSize - 1) / layout.BlockSize;
        ErrorOdd = new bool[BlockCount];
        Searching = new bool[BlockCount];
        if (layout.Permutation is { } p)
        {
            Position = new int[FrameBits];
            for (int t = 0; t < p.Length; t++)
            {
                Position[p[t]] = t;
            }
        }
    }

    public int Index { get; }

    public CascadePassLayout Layout { get; }

    public int FrameBits { get; }

    /// <summary>Bob's bits in layout coordinates.</summary>
    public ulong[] Bits { get; }

    /// <summary>Frame position -> coordinate (null: identity, a confirmation round).</summary>
    public int[]? Position { get; }

    public int BlockCount { get; }

    public bool[] ErrorOdd { get; }

    /// <summary>A search runs in the block (at most one per block).</summary>
    public bool[] Searching { get; }

    /// <summary>Alice's block parities have arrived: error parities are meaningful.</summary>
    public bool ParitiesKnown { get; set; }

    public int BlockStart(int block) => block * Layout.BlockSize;

    public int BlockLength(int block) => Math.Min(Layout.BlockSize, FrameBits - block * Layout.BlockSize);

    public int BobParity(int start, int length) => BitString.RangeParity(Bits, start, length);

    /// <summary>Frame position of coordinate <paramref name="t"/>.</summary>
    public int FramePosition(int t) => Layout.Permutation is { } p ? p[t] : t;

    /// <summary>No frame bit of a confirmation subset lies in the range: its parity is 0 on both sides, known to all.</summary>
    public bool IsEmptyRange(int start, int length)
    {
        if (Layout.Mask is not { } mask)
        {
            return false;
        }

        for (int t = start; t < start + length; t++)
        {
            if (((mask[t >> 6] >> t) & 1) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Bob flipped frame bit <paramref name="j"/>: returns the block whose error parity changed, or -1.</summary>
    public int ApplyFlip(int j)
    {
        if (Layout.Mask is { } mask && ((mask[j >> 6] >> j) & 1) == 0)
        {
            return -1;
        }

        int t = Position is { } pos ? pos[j] : j;
        Bits[t >> 6] ^= 1UL << t;
        if (!ParitiesKnown)
        {
            return -1;
        }

        int block = t / Layout.BlockSize;
        ErrorOdd[block] = !ErrorOdd[block];
        return block;
    }
}
