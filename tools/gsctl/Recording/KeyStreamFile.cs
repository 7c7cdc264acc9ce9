using System.Buffers.Binary;
using GroundStation.Gsctl.Formats;

namespace GroundStation.Gsctl.Recording;

/// <summary>
/// The sifted-key stream file (keys.gsk): an 8-byte magic "GSKEY1\0\0", then per block a 13-byte head
/// (int64 block id, uint8 intensity class, uint32 bit count; little-endian) followed by the packed bits.
/// </summary>
internal static class KeyStreamFile
{
    public static readonly byte[] Magic = "GSKEY1\0\0"u8.ToArray();
    public const int BlockHeadBytes = 13;

    /// <summary>More bits than any device block holds: a larger count means the file is corrupt.</summary>
    public const int MaxBitsPerBlock = 1 << 24;

    public static void WriteMagic(Stream stream) => stream.Write(Magic);

    public static void WriteBlock(Stream stream, SiftedKeyBlock block)
    {
        Span<byte> head = stackalloc byte[BlockHeadBytes];
        BinaryPrimitives.WriteInt64LittleEndian(head, block.BlockId);
        head[8] = (byte)block.Intensity;
        BinaryPrimitives.WriteInt32LittleEndian(head[9..], block.BitCount);
        stream.Write(head);
        stream.Write(block.Bits);
    }

    public static IEnumerable<SiftedKeyBlock> Read(Stream stream)
    {
        var magic = new byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new MalformedFileException(0, "not a gsctl key stream: it does not start with \"GSKEY1\"");
        }

        long offset = Magic.Length;
        var head = new byte[BlockHeadBytes];
        while (true)
        {
            var got = stream.ReadAtLeast(head, BlockHeadBytes, throwOnEndOfStream: false);
            if (got == 0)
            {
                yield break;
            }

            if (got < BlockHeadBytes)
            {
                throw new MalformedFileException(offset, "the file ends inside a block head");
            }

            var id = BinaryPrimitives.ReadInt64LittleEndian(head);
            var intensity = head[8];
            var bits = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(9));
            if (intensity > (byte)IntensityClass.Vacuum)
            {
                throw new MalformedFileException(offset + 8, $"block {id} has intensity class {intensity} (known: 0 signal, 1 decoy, 2 vacuum)");
            }

            if (bits is < 0 or > MaxBitsPerBlock)
            {
                throw new MalformedFileException(offset + 9, $"block {id} claims {bits} bits");
            }

            var payload = new byte[SiftedKeyBlock.BytesFor(bits)];
            if (stream.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false) != payload.Length)
            {
                throw new MalformedFileException(offset + BlockHeadBytes, $"the file ends inside block {id}'s {bits} bits");
            }

            yield return new SiftedKeyBlock(id, (IntensityClass)intensity, bits, payload);
            offset += BlockHeadBytes + payload.Length;
        }
    }
}
