using System.Buffers.Binary;
using System.Text;

namespace GroundStation.Peer.Wire;

/// <summary>
/// Reads the primitives <see cref="WireWriter"/> writes, refusing anything short, over-long or non-canonical with a
/// <see cref="PeerFormatException"/> naming what was being read.
/// </summary>
public ref struct WireReader
{
    /// <summary>Longest string field (UTF-8 bytes).</summary>
    public const int MaxStringBytes = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _position;

    /// <param name="what">Names the record in error messages ("CascadeSetup").</param>
    public WireReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
        _position = 0;
    }

    public int Remaining => _data.Length - _position;

    public int Position => _position;

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int I32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public long I64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public UInt128 U128(string field)
    {
        var low = U64(field);
        return new UInt128(U64(field), low);
    }

    public double F64(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    public ReadOnlySpan<byte> Bytes(int count, string field) => Take(count, field);

    public string String(string field)
    {
        int length = U8(field);
        if (length > MaxStringBytes)
        {
            throw Fail($"{field} is {length} bytes, more than {MaxStringBytes}");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length, field));
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"{field} is not valid UTF-8");
        }
    }

    /// <summary>ceil(bits/8) bytes into packed words; the padding bits of the last byte must be 0.</summary>
    public ulong[] Bits(long bits, string field)
    {
        if (bits < 0 || bits > (long)int.MaxValue * 8)
        {
            throw Fail($"{field} has an impossible bit count {bits}");
        }

        var bytes = Take((int)((bits + 7) / 8), field);
        var words = new ulong[(bits + 63) / 64];
        for (var i = 0; i < bytes.Length; i++)
        {
            words[i >> 3] |= (ulong)bytes[i] << (8 * (i & 7));
        }

        if (bits % 8 != 0 && bytes[^1] >> (int)(bits % 8) != 0)
        {
            throw Fail($"{field} has non-zero padding bits");
        }

        return words;
    }

    /// <summary>Throws unless every byte was read.</summary>
    public readonly void End()
    {
        if (_position != _data.Length)
        {
            throw Fail($"{_data.Length - _position} bytes follow the last field");
        }
    }

    public readonly PeerFormatException Fail(string reason) => new($"{_what}: {reason}.");

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw Fail($"cut off in {field}");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
