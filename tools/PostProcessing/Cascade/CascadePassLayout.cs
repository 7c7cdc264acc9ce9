using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Cascade;

/// <summary>
/// The coordinates of one layout, derived from the setup's seed identically on both sides.
/// A Cascade pass p is a uniformly random permutation (<see cref="SharedRandom"/> stream p): coordinate t holds frame
/// bit Permutation[t]; its blocks are [b k, (b+1) k). A confirmation round (BICONF, Brassard and Salvail 1993) is a
/// random half of the frame (each bit in it with probability 1/2, from the generator's words, stream 1000 + r): its
/// coordinates are the frame positions, a range's parity covers only the subset's members, and its one block is the
/// whole frame.
/// </summary>
public sealed class CascadePassLayout
{
    private CascadePassLayout(int[]? permutation, ulong[]? mask, int blockSize)
    {
        Permutation = permutation;
        Mask = mask;
        BlockSize = blockSize;
    }

    /// <summary>Coordinate t -> frame position, for a pass; null for a confirmation round (identity).</summary>
    public int[]? Permutation { get; }

    /// <summary>Subset of a confirmation round (packed), null for a pass.</summary>
    public ulong[]? Mask { get; }

    public int BlockSize { get; }

    public static CascadePassLayout Build(CascadeSetup setup, int layout)
    {
        int n = setup.FrameBits;
        if (layout < setup.BlockSizes.Length)
        {
            var permutation = new SharedRandom(setup.Seed, (ulong)layout).Permutation(n);
            return new CascadePassLayout(permutation, null, setup.BlockSizes[layout]);
        }

        var rng = new SharedRandom(setup.Seed, 1000UL + (ulong)(layout - setup.BlockSizes.Length));
        var mask = new ulong[BitString.WordCount(n)];
        for (int w = 0; w < mask.Length; w++)
        {
            mask[w] = rng.NextUInt64();
        }

        if ((n & 63) != 0)
        {
            mask[^1] &= (1UL << (n & 63)) - 1;
        }

        return new CascadePassLayout(null, mask, n);
    }

    /// <summary>The frame's bits in this layout's coordinates (permuted copy, or the bits masked by the subset).</summary>
    public ulong[] Arrange(ReadOnlySpan<ulong> frame, int frameBits)
    {
        var arranged = new ulong[BitString.WordCount(frameBits)];
        if (Permutation is { } p)
        {
            for (int t = 0; t < frameBits; t++)
            {
                int j = p[t];
                arranged[t >> 6] |= ((frame[j >> 6] >> j) & 1UL) << t;
            }
        }
        else
        {
            for (int w = 0; w < arranged.Length; w++)
            {
                arranged[w] = frame[w] & Mask![w];
            }
        }

        return arranged;
    }
}
