using GroundStation.Host.Sifting;
using GroundStation.PostProcessing.Bits;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Distillation;

/// <summary>
/// The key stream of a pass (protocol/PEER.md section 8.2): over accepted blocks in block order, each block's remaining
/// Z-basis bits, class 0 first, then class 1, then class 2, each class in sifting order. Both sides build it from their
/// own blocks, so position i is the same slot on both. X-basis bits are never key. Key material: no ToString of bits.
/// </summary>
public sealed class KeyStream
{
    private KeyStream(BitString bits, byte[] classes, List<(LedgerBlock Block, int Start)> blockStarts)
    {
        BlockStarts = blockStarts;
        Bits = bits;
        Classes = classes;
        for (var i = 0; i < classes.Length; i++)
        {
            BitsPerClass[classes[i]]++;
        }
    }

    public BitString Bits { get; }

    /// <summary>Intensity class of every position.</summary>
    public byte[] Classes { get; }

    public int Length => Bits.Length;

    /// <summary>Each contributing block with the stream position of its first bit, in stream order.</summary>
    public IReadOnlyList<(LedgerBlock Block, int Start)> BlockStarts { get; }

    /// <summary>n_Z,k: key-stream bits per intensity class.</summary>
    public long[] BitsPerClass { get; } = new long[SiftCodes.ClassCount];

    /// <summary>Builds the stream from accepted blocks that carry their bits (others are skipped).</summary>
    public static KeyStream From(IEnumerable<LedgerBlock> blocks)
    {
        var bits = new List<byte>();
        var classes = new List<byte>();
        var starts = new List<(LedgerBlock, int)>();
        foreach (var block in blocks.Where(b => b.State == LedgerBlockState.Accepted).OrderBy(b => b.Number))
        {
            if (!block.HasBits)
            {
                throw new InvalidOperationException($"block {block.Number} was accepted but its bits never arrived");
            }

            starts.Add((block, bits.Count));
            for (var c = 0; c < SiftCodes.ClassCount; c++)
            {
                foreach (var entry in block.OfClass(c))
                {
                    if (entry.Basis == SiftCodes.BasisZ)
                    {
                        bits.Add(entry.Bit);
                        classes.Add((byte)c);
                    }
                }
            }
        }

        return new KeyStream(BitString.FromBits(bits.ToArray()), classes.ToArray(), starts);
    }

    /// <summary>Errors per class between this stream's positions [start, start + corrected.Length) and a corrected copy.</summary>
    public void CountErrors(int start, BitString corrected, long[] errorsPerClass)
    {
        var original = Bits.Slice(start, corrected.Length);
        for (var i = 0; i < corrected.Length; i++)
        {
            if (original[i] != corrected[i])
            {
                errorsPerClass[Classes[start + i]]++;
            }
        }
    }

    /// <summary>
    /// The blocks whose bits lie in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>),
    /// each with the fraction of its stream bits inside that range.
    /// </summary>
    public IEnumerable<(LedgerBlock Block, double Share)> BlocksIn(int start, int length)
    {
        for (var i = 0; i < BlockStarts.Count; i++)
        {
            var (block, first) = BlockStarts[i];
            var end = i + 1 < BlockStarts.Count ? BlockStarts[i + 1].Start : Length;
            var overlap = Math.Min(end, start + length) - Math.Max(first, start);
            if (overlap > 0)
            {
                yield return (block, (double)overlap / (end - first));
            }
        }
    }

    public override string ToString() => $"KeyStream({Length} bits, contents redacted)";
}
