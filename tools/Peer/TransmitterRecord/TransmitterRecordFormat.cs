using GroundStation.Hal;

namespace GroundStation.Peer.TransmitterRecord;

/// <summary>Constants and shared checks of the transmitter record file (protocol/TRANSMITTER_RECORD.md).</summary>
public static class TransmitterRecordFormat
{
    public const ushort Version = 1;

    /// <summary>Most slots one chunk holds (a writer may use fewer).</summary>
    public const int MaxChunkSlots = 1 << 20;

    /// <summary>The 2-bit class value of a slot in which nothing was sent.</summary>
    public const byte NotSent = 3;

    public static ReadOnlySpan<byte> Magic => "GSTXREC1"u8;

    public static ReadOnlySpan<byte> ChunkMarker => "SLOT"u8;

    public static ReadOnlySpan<byte> TrailerMarker => "END."u8;

    public const int ChunkHeaderBytes = 16;

    public const int TrailerBytes = 24;

    /// <summary>One slot's nibble: bit 0 the bit, bit 1 the basis (0 Z, 1 X), bits 2-3 the intensity class.</summary>
    public static byte Nibble(byte basis, byte bit, byte intensityClass)
    {
        if (basis > 1 || bit > 1 || intensityClass > NotSent || (intensityClass == NotSent && (basis | bit) != 0))
        {
            throw new ArgumentException($"basis {basis}, bit {bit}, class {intensityClass} is not a slot value (class 3 = not sent carries basis 0 and bit 0).");
        }

        return (byte)(bit | (basis << 1) | (intensityClass << 2));
    }

    public static int EntryBytes(int slots) => (slots + 1) / 2;

    internal static uint Crc(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        return Crc32.Compute(copy, 0, copy.Length);
    }

    /// <summary>The CRC-32 of <paramref name="data"/> as its 4 little-endian bytes.</summary>
    internal static byte[] CrcBytes(ReadOnlySpan<byte> data)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, Crc(data));
        return bytes;
    }
}

/// <summary>
/// The file header: what the transmitter knows about the whole record. <paramref name="Intensities"/> and
/// <paramref name="ClassProbabilities"/> are per class (signal, decoy, vacuum); <paramref name="PulseRateHz"/> 0 = unknown.
/// </summary>
public sealed record TransmitterRecordHeader(long PulseRateHz, double[] Intensities, double[] ClassProbabilities, string TransmitterId, string PassId)
{
    internal void Validate()
    {
        if (PulseRateHz < 0 || Intensities is not { Length: 3 } || ClassProbabilities is not { Length: 3 })
        {
            throw new ArgumentException("A transmitter record header has a non-negative pulse rate and three intensities and probabilities.");
        }
    }

    public override string ToString() => $"transmitter '{TransmitterId}', pass '{PassId}', {PulseRateHz} Hz";
}

/// <summary>A transmitter record that cannot be read; the message is one line naming the file and where.</summary>
public sealed class TransmitterRecordException(string message) : Exception(message);
