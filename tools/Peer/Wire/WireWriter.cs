using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GroundStation.Peer.Wire;

/// <summary>
/// Appends the peer link's primitives (protocol/PEER.md section 2): little-endian integers, IEEE 754 doubles,
/// strings as u8 length + UTF-8, and bit arrays packed LSB first (bit i in byte i/8 at position i%8).
/// </summary>
public sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(Math.Max(16, initialCapacity));

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public WireWriter U8(int value)
    {
        _buffer.GetSpan(1)[0] = (byte)value;
        _buffer.Advance(1);
        return this;
    }

    public WireWriter U16(int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), (ushort)value);
        _buffer.Advance(2);
        return this;
    }

    public WireWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public WireWriter I32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public WireWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter I64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter U128(UInt128 value)
    {
        U64((ulong)value);
        return U64((ulong)(value >> 64));
    }

    public WireWriter F64(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public WireWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>u8 byte count, then UTF-8 (at most <see cref="WireReader.MaxStringBytes"/> bytes).</summary>
    public WireWriter String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > WireReader.MaxStringBytes)
        {
            throw new ArgumentException($"'{value}' is longer than {WireReader.MaxStringBytes} bytes of UTF-8.");
        }

        return U8(bytes.Length).Bytes(bytes);
    }

    /// <summary><paramref name="bits"/> bits of packed words, as ceil(bits/8) bytes (LSB first; tail bits must be 0).</summary>
    public WireWriter Bits(ReadOnlySpan<ulong> words, long bits)
    {
        var byteCount = (int)((bits + 7) / 8);
        var span = _buffer.GetSpan(byteCount)[..byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            span[i] = (byte)(words[i >> 3] >> (8 * (i & 7)));
        }

        _buffer.Advance(byteCount);
        return this;
    }
}
