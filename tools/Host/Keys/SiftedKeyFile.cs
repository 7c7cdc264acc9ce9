using System.Buffers.Binary;
using GroundStation.Host.Sifting;
using GroundStation.Protocol.Sifting;

namespace GroundStation.Host.Keys;

/// <summary>One block of a sifted-key file: its number and its entries in sifting order. Key material: no ToString of bits.</summary>
public sealed record SiftedKeyBlock(long Number, SiftedEntry[] Entries)
{
    public override string ToString() => $"SiftedKeyBlock {Number} ({Entries.Length} entries, bits redacted)";
}

/// <summary>
/// The one sifted-key file format (protocol/KEY_FILES.md; `.gsk`, version 2), written by `gsctl record`, `gsctl sim`
/// and `gsctl peer`: per block, every entry's slot, basis, bit and intensity class. Written through
/// <see cref="SecretFiles"/> by its callers (0600 in a 0700 directory). <see cref="SiftedKeyWriter"/> writes,
/// <see cref="Read"/> reads and checks every CRC.
/// </summary>
public static class SiftedKeyFile
{
    public const string Extension = ".gsk";

    public static ReadOnlySpan<byte> Magic => "GSKEY2\0\0"u8;

    public const ushort Version = 2;

    public static ReadOnlySpan<byte> BlockMarker => "BLK."u8;

    public static ReadOnlySpan<byte> TrailerMarker => "END."u8;

    /// <summary>More entries than any block holds: a larger count means damage.</summary>
    public const int MaxBlockEntries = 1 << 24;

    public const byte UnknownClass = 3;

    /// <summary>Reads a whole file: header, content, blocks. Throws <see cref="KeyFileFormatException"/> naming the byte.</summary>
    public static (KeyFileHeader Header, SiftedContent Content, List<SiftedKeyBlock> Blocks) Read(Stream stream)
    {
        var fixedPart = KeyFileFormat.ReadExactly(stream, 14, 0, "the header");
        if (!fixedPart.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new KeyFileFormatException(0, "not a sifted-key file (no GSKEY2 magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(10));
        if (version != Version)
        {
            throw new KeyFileFormatException(8, $"version {version}, this reader knows {Version}");
        }

        if (headerLength < 14 + 3 + 4)
        {
            throw new KeyFileFormatException(10, $"header length {headerLength} is too short");
        }

        var header = fixedPart.Concat(KeyFileFormat.ReadExactly(stream, headerLength - 14, 14, "the header")).ToArray();
        KeyFileFormat.CheckCrc(header, headerLength - 4, 0, "the header");
        var side = (KeySide)header[12];
        var content = (SiftedContent)header[13];
        if (!Enum.IsDefined(side) || !Enum.IsDefined(content))
        {
            throw new KeyFileFormatException(12, $"side {header[12]} or content {header[13]} is not defined");
        }

        var position = 14;
        var ids = new KeyFileHeader(side, KeyFileFormat.ReadString(header, ref position, 0),
            KeyFileFormat.ReadString(header, ref position, 0), KeyFileFormat.ReadString(header, ref position, 0));
        var blocks = new List<SiftedKeyBlock>();
        long offset = headerLength;
        long entries = 0;
        while (true)
        {
            var marker = KeyFileFormat.ReadExactly(stream, 4, offset, "a block marker (the trailer is missing: the file is incomplete)");
            if (marker.AsSpan().SequenceEqual(TrailerMarker))
            {
                var trailer = marker.Concat(KeyFileFormat.ReadExactly(stream, 20, offset + 4, "the trailer")).ToArray();
                KeyFileFormat.CheckCrc(trailer, 20, offset, "the trailer");
                var count = BinaryPrimitives.ReadInt64LittleEndian(trailer.AsSpan(4));
                var total = BinaryPrimitives.ReadInt64LittleEndian(trailer.AsSpan(12));
                if (count != blocks.Count || total != entries)
                {
                    throw new KeyFileFormatException(offset, $"the trailer counts {count} blocks and {total} entries, the file holds {blocks.Count} and {entries}");
                }

                return (ids, content, blocks);
            }

            if (!marker.AsSpan().SequenceEqual(BlockMarker))
            {
                throw new KeyFileFormatException(offset, "neither a block nor the trailer");
            }

            var (block, length) = ReadBlock(stream, marker, offset);
            if (blocks.Count > 0 && block.Number <= blocks[^1].Number)
            {
                throw new KeyFileFormatException(offset, $"block {block.Number} follows block {blocks[^1].Number}");
            }

            blocks.Add(block);
            entries += block.Entries.Length;
            offset += length;
        }
    }

    public static (KeyFileHeader Header, SiftedContent Content, List<SiftedKeyBlock> Blocks) Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream);
    }

    private static (SiftedKeyBlock Block, long Length) ReadBlock(Stream stream, byte[] marker, long offset)
    {
        var head = marker.Concat(KeyFileFormat.ReadExactly(stream, 12, offset + 4, "a block head")).ToArray();
        var number = BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(4));
        var n = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(12));
        if (n > MaxBlockEntries)
        {
            throw new KeyFileFormatException(offset + 12, $"block {number} claims {n} entries");
        }

        var count = (int)n;
        var slots = new long[count];
        var body = new List<byte>(head);
        long previous = -1;
        for (var i = 0; i < count; i++)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = KeyFileFormat.ReadExactly(stream, 1, offset + body.Count, $"block {number}'s slots")[0];
                body.Add(b);
                if (shift > 56)
                {
                    throw new KeyFileFormatException(offset + body.Count - 1, $"block {number}: a slot varint is too long");
                }

                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            if (value > long.MaxValue || (i > 0 && value == 0))
            {
                throw new KeyFileFormatException(offset + body.Count - 1, $"block {number}: slot {i} is out of order");
            }

            previous = i == 0 ? (long)value : previous + (long)value;
            slots[i] = previous;
        }

        var bitBytes = SiftWire.BitBytes(count);
        var rest = KeyFileFormat.ReadExactly(stream, 2 * bitBytes + SiftWire.PairBytes(count) + 4, offset + body.Count, $"block {number}'s bits");
        body.AddRange(rest);
        var all = body.ToArray();
        KeyFileFormat.CheckCrc(all, all.Length - 4, offset, $"block {number}");
        var start = all.Length - rest.Length;
        var entries = new SiftedEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = new SiftedEntry(slots[i], (byte)SiftWire.GetBit(all, start, i), (byte)SiftWire.GetPair(all, start + 2 * bitBytes, i),
                (byte)SiftWire.GetBit(all, start + bitBytes, i));
        }

        return (new SiftedKeyBlock(number, entries), all.Length);
    }
}

/// <summary>Writes a sifted-key file block by block to a stream the caller opened (through <see cref="SecretFiles"/>).</summary>
public sealed class SiftedKeyWriter
{
    private readonly Stream _stream;
    private long _lastNumber = -1;
    private bool _completed;

    public SiftedKeyWriter(Stream stream, KeyFileHeader header, SiftedContent content)
    {
        _stream = stream;
        var bytes = new List<byte>();
        bytes.AddRange(SiftedKeyFile.Magic.ToArray());
        KeyFileFormat.U16(bytes, SiftedKeyFile.Version);
        KeyFileFormat.U16(bytes, 0); // header length, set below
        bytes.Add((byte)header.Side);
        bytes.Add((byte)content);
        KeyFileFormat.String(bytes, header.StationId);
        KeyFileFormat.String(bytes, header.TransmitterId);
        KeyFileFormat.String(bytes, header.PassId);
        var length = bytes.Count + 4;
        bytes[10] = (byte)length;
        bytes[11] = (byte)(length >> 8);
        KeyFileFormat.Crc(bytes, 0);
        _stream.Write(bytes.ToArray());
    }

    public long Blocks { get; private set; }

    public long Entries { get; private set; }

    /// <summary>Appends a block; numbers must increase (a gap is a block not kept); slots must increase within it.</summary>
    public void Add(long number, IReadOnlyList<SiftedEntry> entries)
    {
        if (_completed || number <= _lastNumber || entries.Count > SiftedKeyFile.MaxBlockEntries)
        {
            throw new InvalidOperationException($"block {number} cannot follow block {_lastNumber} ({entries.Count} entries)");
        }

        var bytes = new List<byte>(16 + entries.Count * 4);
        bytes.AddRange(SiftedKeyFile.BlockMarker.ToArray());
        KeyFileFormat.I64(bytes, number);
        KeyFileFormat.U32(bytes, (uint)entries.Count);
        var varint = new byte[SiftWire.MaxVarintBytes];
        for (var i = 0; i < entries.Count; i++)
        {
            var delta = i == 0 ? entries[0].Slot : entries[i].Slot - entries[i - 1].Slot;
            if (delta < (i == 0 ? 0 : 1))
            {
                throw new ArgumentException($"block {number}: slot {entries[i].Slot} does not follow {entries[Math.Max(0, i - 1)].Slot}");
            }

            var n = SiftWire.WriteVarint(varint, 0, varint.Length, (ulong)delta);
            bytes.AddRange(varint.AsSpan(0, n).ToArray());
        }

        var bitBytes = SiftWire.BitBytes(entries.Count);
        var packed = new byte[2 * bitBytes + SiftWire.PairBytes(entries.Count)];
        for (var i = 0; i < entries.Count; i++)
        {
            SiftWire.SetBit(packed, 0, i, entries[i].Basis);
            SiftWire.SetBit(packed, bitBytes, i, entries[i].Bit);
            SiftWire.SetPair(packed, 2 * bitBytes, i, entries[i].IntensityClass);
        }

        bytes.AddRange(packed);
        KeyFileFormat.Crc(bytes, 0);
        _stream.Write(bytes.ToArray());
        _lastNumber = number;
        Blocks++;
        Entries += entries.Count;
    }

    /// <summary>Writes the trailer (a file without it is incomplete) and flushes.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        var bytes = new List<byte>();
        bytes.AddRange(SiftedKeyFile.TrailerMarker.ToArray());
        KeyFileFormat.I64(bytes, Blocks);
        KeyFileFormat.I64(bytes, Entries);
        KeyFileFormat.Crc(bytes, 0);
        _stream.Write(bytes.ToArray());
        _stream.Flush();
        _completed = true;
    }
}
