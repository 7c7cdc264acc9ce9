using System.Buffers.Binary;
using System.Text;

namespace GroundStation.Tests.Gsctl.Formats;

/// <summary>
/// Builds .ptu bytes tag by tag, independently of gsctl's writer, so reader tests check the reader against the
/// published layout rather than against gsctl's own writer.
/// </summary>
internal sealed class PtuBytes
{
    private readonly MemoryStream _bytes = new();

    public PtuBytes(string magic = "PQTTTR")
    {
        Raw(Encoding.ASCII.GetBytes(magic.PadRight(8, '\0')));
        Raw(Encoding.ASCII.GetBytes("1.0.00\0\0"));
    }

    public long Length => _bytes.Length;

    public PtuBytes Int(string name, long value) => Tag(name, 0x10000008, BitConverter.GetBytes(value));

    public PtuBytes Float(string name, double value) => Tag(name, 0x20000008, BitConverter.GetBytes(value));

    public PtuBytes Text(string name, string value)
    {
        var data = new byte[(value.Length + 8) / 8 * 8];
        Encoding.ASCII.GetBytes(value).CopyTo(data, 0);
        Tag(name, 0x4001FFFF, BitConverter.GetBytes((long)data.Length));
        return Raw(data);
    }

    public PtuBytes End() => Tag("Header_End", 0xFFFF0008, new byte[8]);

    public PtuBytes Tag(string name, uint type, byte[] value)
    {
        var tag = new byte[48];
        Encoding.ASCII.GetBytes(name).CopyTo(tag, 0);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(32), -1);
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(36), type);
        value.CopyTo(tag, 40);
        return Raw(tag);
    }

    public PtuBytes Records(params uint[] records)
    {
        foreach (var record in records)
        {
            Raw(BitConverter.GetBytes(record));
        }

        return this;
    }

    public PtuBytes Raw(byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>A typical header: the record type, resolution and record count a reader needs, plus a comment.</summary>
    public static PtuBytes T2Header(uint recordType, double resolutionSeconds, long numberOfRecords) => new PtuBytes()
        .Text("File_Comment", "hand-built test file")
        .Int("Measurement_Mode", 2)
        .Int("TTResultFormat_TTTRRecType", recordType)
        .Float("MeasDesc_GlobalResolution", resolutionSeconds)
        .Int("TTResult_NumberOfRecords", numberOfRecords)
        .End();
}
