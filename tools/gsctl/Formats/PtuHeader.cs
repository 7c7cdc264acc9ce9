using System.Buffers.Binary;
using System.Text;

namespace GroundStation.Gsctl.Formats;

/// <summary>
/// The tagged header of a PicoQuant unified TTTR file (.ptu): the 8-byte magic "PQTTTR", an 8-byte version
/// string, then tags of 48 bytes (32-byte name, int32 index, uint32 type, 8-byte value) up to the tag named
/// Header_End. Variable-length tags (strings, blobs, float arrays) give their byte length in the value field and
/// their bytes follow the tag. All numbers little-endian.
/// </summary>
internal sealed class PtuHeader
{
    public const string Magic = "PQTTTR";
    public const string RecordTypeTag = "TTResultFormat_TTTRRecType";
    public const string NumberOfRecordsTag = "TTResult_NumberOfRecords";
    public const string GlobalResolutionTag = "MeasDesc_GlobalResolution";
    public const string HeaderEndTag = "Header_End";
    private const int TagNameBytes = 32;
    private const int TagBytes = 48;

    // Tag type codes, from PicoQuant's file format demos.
    public const uint TyEmpty8 = 0xFFFF0008;
    public const uint TyBool8 = 0x00000008;
    public const uint TyInt8 = 0x10000008;
    public const uint TyBitSet64 = 0x11000008;
    public const uint TyColor8 = 0x12000008;
    public const uint TyFloat8 = 0x20000008;
    public const uint TyTDateTime = 0x21000008;
    public const uint TyFloat8Array = 0x2001FFFF;
    public const uint TyAnsiString = 0x4001FFFF;
    public const uint TyWideString = 0x4002FFFF;
    public const uint TyBinaryBlob = 0xFFFFFFFF;

    private readonly Dictionary<string, object> _tags = new(StringComparer.Ordinal);

    public string Version { get; init; } = "1.0.00";

    /// <summary>Tags by name; a tag with an index other than -1 is keyed "Name(index)".</summary>
    public IReadOnlyDictionary<string, object> Tags => _tags;

    /// <summary>Byte offset of the first record (just after Header_End).</summary>
    public long RecordsOffset { get; private set; }

    /// <summary>Byte offset of the TTResult_NumberOfRecords value, so a writer can patch it at the end.</summary>
    public long NumberOfRecordsValueOffset { get; private set; } = -1;

    public long GetInt(string name, long offset) => _tags.TryGetValue(name, out var value) && value is long number
        ? number
        : throw new MalformedFileException(offset, $"the PTU header has no integer tag {name}");

    public double GetFloat(string name, long offset) => _tags.TryGetValue(name, out var value) && value is double number
        ? number
        : throw new MalformedFileException(offset, $"the PTU header has no float tag {name}");

    public void Set(string name, object value) => _tags[name] = value;

    /// <summary>Reads and checks the magic and all tags up to Header_End; leaves the stream at the first record.</summary>
    public static PtuHeader Read(Stream stream)
    {
        long offset = 0;
        var magic = ReadExactly(stream, 16, ref offset, "the PTU magic and version");
        var magicText = Encoding.ASCII.GetString(magic, 0, 8).TrimEnd('\0');
        if (magicText != Magic)
        {
            throw new MalformedFileException(0, $"not a PTU file: it starts with \"{Printable(magic.AsSpan(0, 8))}\", not \"{Magic}\"");
        }

        var header = new PtuHeader { Version = Encoding.ASCII.GetString(magic, 8, 8).TrimEnd('\0') };
        while (true)
        {
            var tagOffset = offset;
            var tag = ReadExactly(stream, TagBytes, ref offset, "a header tag (no Header_End)");
            var name = Encoding.ASCII.GetString(tag, 0, TagNameBytes).Split('\0')[0];
            var index = BinaryPrimitives.ReadInt32LittleEndian(tag.AsSpan(32));
            var type = BinaryPrimitives.ReadUInt32LittleEndian(tag.AsSpan(36));
            var raw = tag.AsSpan(40, 8);
            if (name.Length == 0 || !name.All(c => c is >= ' ' and <= '~'))
            {
                throw new MalformedFileException(tagOffset, "a header tag has an empty or non-text name");
            }

            var key = index == -1 ? name : $"{name}({index})";
            if (name == NumberOfRecordsTag)
            {
                header.NumberOfRecordsValueOffset = tagOffset + 40;
            }

            object value;
            switch (type)
            {
                case TyEmpty8:
                    value = true;
                    break;
                case TyBool8:
                    value = BinaryPrimitives.ReadInt64LittleEndian(raw) != 0;
                    break;
                case TyInt8:
                case TyBitSet64:
                case TyColor8:
                    value = BinaryPrimitives.ReadInt64LittleEndian(raw);
                    break;
                case TyFloat8:
                case TyTDateTime:
                    value = BinaryPrimitives.ReadDoubleLittleEndian(raw);
                    break;
                case TyFloat8Array:
                case TyAnsiString:
                case TyWideString:
                case TyBinaryBlob:
                    var length = BinaryPrimitives.ReadInt64LittleEndian(raw);
                    if (length < 0 || length > 64 * 1024 * 1024)
                    {
                        throw new MalformedFileException(tagOffset + 40, $"tag {name} claims {length} bytes of data");
                    }

                    var data = ReadExactly(stream, (int)length, ref offset, $"the data of tag {name}");
                    value = type switch
                    {
                        TyAnsiString => Encoding.Latin1.GetString(data).Split('\0')[0],
                        TyWideString => Encoding.Unicode.GetString(data).Split('\0')[0],
                        _ => data,
                    };
                    break;
                default:
                    throw new MalformedFileException(tagOffset + 36, $"tag {name} has unknown type 0x{type:X8}");
            }

            header._tags[key] = value;
            if (name == HeaderEndTag)
            {
                header.RecordsOffset = offset;
                return header;
            }
        }
    }

    /// <summary>
    /// Writes the magic, the tags in insertion order and Header_End. Offsets are counted from the first byte
    /// written, so the stream need not be seekable.
    /// </summary>
    public void Write(Stream stream)
    {
        var head = new byte[16];
        Encoding.ASCII.GetBytes(Magic).CopyTo(head, 0);
        Encoding.ASCII.GetBytes(Version).CopyTo(head, 8);
        stream.Write(head);
        long written = head.Length;
        foreach (var (key, value) in _tags)
        {
            if (key == HeaderEndTag)
            {
                continue;
            }

            if (key == NumberOfRecordsTag)
            {
                NumberOfRecordsValueOffset = written + 40;
            }

            written += WriteTag(stream, key, value);
        }

        written += WriteTag(stream, HeaderEndTag, null);
        RecordsOffset = written;
    }

    /// <summary>Writes one tag and its data; returns the bytes written.</summary>
    private static int WriteTag(Stream stream, string name, object? value)
    {
        var tag = new byte[TagBytes];
        Encoding.ASCII.GetBytes(name).CopyTo(tag, 0);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(32), -1);
        byte[]? data = null;
        uint type;
        switch (value)
        {
            case null:
                type = TyEmpty8;
                break;
            case bool flag:
                type = TyBool8;
                BinaryPrimitives.WriteInt64LittleEndian(tag.AsSpan(40), flag ? 1 : 0);
                break;
            case long number:
                type = TyInt8;
                BinaryPrimitives.WriteInt64LittleEndian(tag.AsSpan(40), number);
                break;
            case double number:
                type = TyFloat8;
                BinaryPrimitives.WriteDoubleLittleEndian(tag.AsSpan(40), number);
                break;
            case string text:
                type = TyAnsiString;
                // Null-terminated and padded to a multiple of 8 bytes, like PicoQuant's own writers.
                data = new byte[(text.Length + 8) / 8 * 8];
                Encoding.Latin1.GetBytes(text).CopyTo(data, 0);
                BinaryPrimitives.WriteInt64LittleEndian(tag.AsSpan(40), data.Length);
                break;
            default:
                throw new ArgumentException($"tag {name}: unsupported value type {value.GetType().Name}");
        }

        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(36), type);
        stream.Write(tag);
        if (data != null)
        {
            stream.Write(data);
        }

        return TagBytes + (data?.Length ?? 0);
    }

    private static byte[] ReadExactly(Stream stream, int count, ref long offset, string what)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            var read = stream.Read(buffer, total, count - total);
            if (read == 0)
            {
                throw new MalformedFileException(offset + total, $"the file ends inside {what}");
            }

            total += read;
        }

        offset += count;
        return buffer;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }
}
