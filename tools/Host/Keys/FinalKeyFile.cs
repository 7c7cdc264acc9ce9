using System.Buffers.Binary;
using GroundStation.PostProcessing.Bits;

namespace GroundStation.Host.Keys;

/// <summary>A final key as stored: its id (the same on both sides), who holds it, and the bits. Never printed.</summary>
public sealed record FinalKey(string KeyId, KeyFileHeader Holder, DateTimeOffset CreatedUtc, BitString Bits)
{
    public override string ToString() => $"FinalKey {KeyId} ({Bits.Length} bits, contents redacted)";
}

/// <summary>
/// The final-key file (protocol/KEY_FILES.md; `&lt;key id&gt;.key`, version 1): a header with the key id, length,
/// side and identities, protected by a CRC-32, then the key bits. No checksum covers the key bits: any function of
/// the key kept beside it would tell a reader of the metadata something about the key.
/// </summary>
public static class FinalKeyFile
{
    public const string Extension = ".key";

    public static ReadOnlySpan<byte> Magic => "GSFKEY1\0"u8;

    public const ushort Version = 1;

    public static void Write(Stream stream, FinalKey key)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Magic.ToArray());
        KeyFileFormat.U16(bytes, Version);
        KeyFileFormat.U16(bytes, 0);
        KeyFileFormat.I64(bytes, key.Bits.Length);
        bytes.Add((byte)key.Holder.Side);
        KeyFileFormat.String(bytes, key.KeyId);
        KeyFileFormat.String(bytes, key.Holder.StationId);
        KeyFileFormat.String(bytes, key.Holder.TransmitterId);
        KeyFileFormat.String(bytes, key.Holder.PassId);
        KeyFileFormat.I64(bytes, key.CreatedUtc.ToUnixTimeMilliseconds());
        var length = bytes.Count + 4;
        bytes[10] = (byte)length;
        bytes[11] = (byte)(length >> 8);
        KeyFileFormat.Crc(bytes, 0);
        stream.Write(bytes.ToArray());
        stream.Write(KeyBytes.Of(key.Bits));
        stream.Flush();
    }

    public static FinalKey Read(Stream stream)
    {
        var fixedPart = KeyFileFormat.ReadExactly(stream, 12, 0, "the header");
        if (!fixedPart.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new KeyFileFormatException(0, "not a final-key file (no GSFKEY1 magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(10));
        if (version != Version || headerLength < 12 + 9 + 4 + 8 + 4)
        {
            throw new KeyFileFormatException(8, $"version {version} with a {headerLength}-byte header is not version {Version}");
        }

        var header = fixedPart.Concat(KeyFileFormat.ReadExactly(stream, headerLength - 12, 12, "the header")).ToArray();
        KeyFileFormat.CheckCrc(header, headerLength - 4, 0, "the header");
        var bits = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        var side = (KeySide)header[20];
        if (bits is < 0 or > int.MaxValue || !Enum.IsDefined(side))
        {
            throw new KeyFileFormatException(12, $"{bits} bits held by side {header[20]}");
        }

        var position = 21;
        var keyId = KeyFileFormat.ReadString(header, ref position, 0);
        var holder = new KeyFileHeader(side, KeyFileFormat.ReadString(header, ref position, 0),
            KeyFileFormat.ReadString(header, ref position, 0), KeyFileFormat.ReadString(header, ref position, 0));
        var created = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(position)));
        var packed = KeyFileFormat.ReadExactly(stream, (int)((bits + 7) / 8), headerLength, "the key bits");
        if (stream.ReadByte() >= 0)
        {
            throw new KeyFileFormatException(headerLength + packed.Length, "bytes follow the key");
        }

        return new FinalKey(keyId, holder, created, KeyBytes.ToBits(packed, (int)bits));
    }
}
