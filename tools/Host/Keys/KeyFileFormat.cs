using System.Buffers.Binary;
using System.Text;
using GroundStation.Hal;

namespace GroundStation.Host.Keys;

/// <summary>Which side wrote a key file.</summary>
public enum KeySide : byte
{
    Station = 1,
    Transmitter = 2,
}

/// <summary>What a sifted-key file holds (protocol/KEY_FILES.md).</summary>
public enum SiftedContent : byte
{
    /// <summary>Accepted blocks after estimation: each entry's key or test bit, basis and intensity class.</summary>
    Sifted = 1,

    /// <summary>Post-pass: every announced detection (slot, basis, bit), class unknown (3) until the transmitter answers.</summary>
    Detections = 2,
}

/// <summary>The header both key files share after their magic: side, identities (protocol/KEY_FILES.md).</summary>
public sealed record KeyFileHeader(KeySide Side, string StationId, string TransmitterId, string PassId);

/// <summary>A key file that is damaged, cut short or not a key file; the message names the byte offset.</summary>
public sealed class KeyFileFormatException(long offset, string reason) : Exception($"byte {offset}: {reason}")
{
    public long Offset { get; } = offset;
}

/// <summary>Little-endian primitives, strings (u8 length + UTF-8, at most 64 bytes) and CRC-32 framing of the key files.</summary>
internal static class KeyFileFormat
{
    public const int MaxStringBytes = 64;

    public static void String(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > MaxStringBytes)
        {
            throw new ArgumentException($"'{value}' is longer than {MaxStringBytes} bytes of UTF-8.");
        }

        buffer.Add((byte)bytes.Length);
        buffer.AddRange(bytes);
    }

    public static void U16(List<byte> buffer, int value) => buffer.AddRange(BitConverter.GetBytes((ushort)value));

    public static void U32(List<byte> buffer, uint value) => buffer.AddRange(BitConverter.GetBytes(value));

    public static void I64(List<byte> buffer, long value) => buffer.AddRange(BitConverter.GetBytes(value));

    /// <summary>Appends the CRC-32 (IEEE 802.3, hal/Crc32) of everything in <paramref name="buffer"/> from <paramref name="start"/>.</summary>
    public static void Crc(List<byte> buffer, int start)
    {
        var bytes = buffer.GetRange(start, buffer.Count - start).ToArray();
        U32(buffer, Crc32.Compute(bytes, 0, bytes.Length));
    }

    public static byte[] ReadExactly(Stream stream, int count, long offset, string what)
    {
        var bytes = new byte[count];
        if (stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false) != count)
        {
            throw new KeyFileFormatException(offset, $"the file ends inside {what}");
        }

        return bytes;
    }

    public static void CheckCrc(byte[] bytes, int length, long offset, string what)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(length));
        if (Crc32.Compute(bytes, 0, length) != stored)
        {
            throw new KeyFileFormatException(offset, $"{what} is damaged (CRC-32 differs)");
        }
    }

    public static string ReadString(byte[] bytes, ref int position, long offset)
    {
        if (position >= bytes.Length || bytes[position] > MaxStringBytes || position + 1 + bytes[position] > bytes.Length)
        {
            throw new KeyFileFormatException(offset + position, "a string runs past the header");
        }

        var value = Encoding.UTF8.GetString(bytes, position + 1, bytes[position]);
        position += 1 + bytes[position];
        return value;
    }
}
