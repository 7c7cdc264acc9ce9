using System.Buffers.Binary;

namespace GroundStation.Gsctl.Formats;

/// <summary>
/// The 64-bit event layouts of qcrypto's timestamp readers (readevents3, readevents7). Two things vary: the time
/// unit and field (1/8 ns above bit 15, or 1/256 ns above bit 10 with a roll-over flag in bit 4), and the order of
/// the two 32-bit halves in the file (most significant first, or one little-endian 64-bit word).
/// </summary>
internal enum QcryptoVariant
{
    /// <summary>
    /// Legacy "rawevent {msw, lsw}" (readevents3 -a1, readevents7 -a1 -X -s): time in the top 49 bits in units of
    /// 1/8 ns, detector pattern in the low 4 bits, bits 4-14 unused. Stored as two 32-bit little-endian words, most
    /// significant word first.
    /// </summary>
    Legacy,

    /// <summary>
    /// timestamp7 output mode 1 ("readevents7 -a1"): time in the top 54 bits in units of 1/256 ns, detector pattern
    /// in bits 0-3, bit 4 set on roll-over/dummy events. Stored as one little-endian 64-bit word.
    /// </summary>
    A1,

    /// <summary>
    /// "readevents7 -a1 -X": the <see cref="A1"/> word with its 32-bit halves swapped for legacy software, i.e.
    /// stored most significant word first like <see cref="Legacy"/> but with the 1/256 ns time and the bit-4 flag.
    /// </summary>
    A1Swapped,
}

/// <summary>Bit layout and time units of qcrypto raw events (see Formats/README.md for the sources).</summary>
internal static class QcryptoRawFormat
{
    public const int EventBytes = 8;
    public const int DetectorCount = 4;
    private const int LegacyTimeShift = 15;
    private const int A1TimeShift = 10;
    public const ulong PatternMask = 0xF;
    public const ulong DummyFlag = 0x10;

    public static int TimeShift(QcryptoVariant variant) => variant == QcryptoVariant.Legacy ? LegacyTimeShift : A1TimeShift;

    /// <summary>True for the timestamp7 layouts, whose bit 4 flags roll-over/dummy events.</summary>
    public static bool HasDummyFlag(QcryptoVariant variant) => variant != QcryptoVariant.Legacy;

    /// <summary>True when the file holds the most significant 32-bit half first.</summary>
    public static bool IsHighWordFirst(QcryptoVariant variant) => variant != QcryptoVariant.A1;

    /// <summary>Largest tick count the variant's time field holds (49 or 54 bits).</summary>
    public static ulong MaxTicks(QcryptoVariant variant) => ulong.MaxValue >> TimeShift(variant);

    /// <summary>Ticks to picoseconds, rounded to the nearest picosecond (1/8 ns = 125 ps; 1/256 ns = 3.90625 ps).</summary>
    public static long TicksToPicoseconds(ulong ticks, QcryptoVariant variant) => variant == QcryptoVariant.Legacy
        ? (long)((UInt128)ticks * 125)
        : (long)(((UInt128)ticks * 125 + 16) / 32);

    /// <summary>Picoseconds to the nearest tick.</summary>
    public static ulong PicosecondsToTicks(long picoseconds, QcryptoVariant variant) => variant == QcryptoVariant.Legacy
        ? (ulong)((picoseconds + 62) / 125)
        : (ulong)(((UInt128)(ulong)picoseconds * 32 + 62) / 125);

    public static ulong ReadWord(ReadOnlySpan<byte> bytes, QcryptoVariant variant)
    {
        if (!IsHighWordFirst(variant))
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }

        ulong msw = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        ulong lsw = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        return msw << 32 | lsw;
    }

    public static void WriteWord(Span<byte> bytes, ulong word, QcryptoVariant variant)
    {
        if (!IsHighWordFirst(variant))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, word);
            return;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(word >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], (uint)word);
    }

    /// <summary>
    /// Reads events until the end of the stream. A word with several pattern bits (detectors that clicked in the
    /// same tick) becomes one <see cref="TimeTag"/> per detector, in channel order. All-zero words are the padding
    /// qcrypto's readers skip and are skipped here too; every other word is passed to <paramref name="observeWord"/>.
    /// </summary>
    public static IEnumerable<TimeTag> Read(Stream stream, QcryptoVariant variant, Action<ulong>? observeWord = null)
    {
        var buffer = new byte[EventBytes * 4096];
        long offset = 0;
        while (true)
        {
            var filled = FillBuffer(stream, buffer);
            if (filled == 0)
            {
                yield break;
            }

            var whole = filled - filled % EventBytes;
            for (var i = 0; i < whole; i += EventBytes)
            {
                var word = ReadWord(buffer.AsSpan(i, EventBytes), variant);
                if (word == 0)
                {
                    continue;
                }

                observeWord?.Invoke(word);

                var time = TicksToPicoseconds(word >> TimeShift(variant), variant);
                var pattern = (int)(word & PatternMask);
                if (pattern == 0 || (HasDummyFlag(variant) && (word & DummyFlag) != 0))
                {
                    yield return new TimeTag(time, pattern, TimeTagKind.Dummy);
                    continue;
                }

                for (var channel = 0; channel < DetectorCount; channel++)
                {
                    if ((pattern & 1 << channel) != 0)
                    {
                        yield return new TimeTag(time, channel);
                    }
                }
            }

            if (whole != filled)
            {
                throw new MalformedFileException(offset + whole,
                    $"the file ends inside an event: {filled - whole} trailing bytes are not a whole {EventBytes}-byte qcrypto event");
            }

            offset += filled;
        }
    }

    /// <summary>Reads until the buffer is full or the stream ends (a stream may return short reads).</summary>
    internal static int FillBuffer(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}

/// <summary>
/// Writes qcrypto raw events. Detections of several detectors at the same tick are merged into one word with
/// several pattern bits, which is how the time tagger reports them; sync, marker and undefined PicoQuant special
/// records have no place in the format and are refused (counted as skipped by the caller). Events are written in
/// the order given: the format has no ordering rule, and real captures step back by the detector skews readevents
/// adds after the card's time ordering.
/// </summary>
internal sealed class QcryptoRawWriter(Stream stream, QcryptoVariant variant) : ITimeTagWriter
{
    private readonly byte[] _word = new byte[QcryptoRawFormat.EventBytes];
    private bool _pending;
    private ulong _pendingTicks;
    private ulong _pendingBits;

    public bool Write(in TimeTag tag)
    {
        if (tag.Kind is TimeTagKind.Sync or TimeTagKind.Marker or TimeTagKind.UndefinedSpecial)
        {
            return false;
        }

        if (tag.TimePicoseconds < 0)
        {
            throw new UnrepresentableEventException($"time {tag.TimePicoseconds} ps is negative; qcrypto times are unsigned");
        }

        var ticks = QcryptoRawFormat.PicosecondsToTicks(tag.TimePicoseconds, variant);
        if (ticks > QcryptoRawFormat.MaxTicks(variant))
        {
            throw new UnrepresentableEventException($"time {tag.TimePicoseconds} ps exceeds the {variant} time field");
        }

        ulong bits;
        if (tag.Kind == TimeTagKind.Dummy)
        {
            bits = QcryptoRawFormat.HasDummyFlag(variant) ? QcryptoRawFormat.DummyFlag | ((ulong)tag.Channel & QcryptoRawFormat.PatternMask) : 0;
            Flush();
            Emit(ticks, bits);
            return true;
        }

        if (tag.Channel is < 0 or >= QcryptoRawFormat.DetectorCount)
        {
            throw new UnrepresentableEventException(
                $"channel {tag.Channel} does not fit qcrypto's {QcryptoRawFormat.DetectorCount}-detector pattern");
        }

        bits = 1UL << tag.Channel;
        if (_pending && _pendingTicks == ticks && (_pendingBits & bits) == 0)
        {
            _pendingBits |= bits;
            return true;
        }

        Flush();
        _pending = true;
        _pendingTicks = ticks;
        _pendingBits = bits;
        return true;
    }

    public void Finish()
    {
        Flush();
        stream.Flush();
    }

    public void Dispose()
    {
    }

    private void Flush()
    {
        if (_pending)
        {
            Emit(_pendingTicks, _pendingBits);
            _pending = false;
        }
    }

    private void Emit(ulong ticks, ulong lowBits)
    {
        QcryptoRawFormat.WriteWord(_word, ticks << QcryptoRawFormat.TimeShift(variant) | lowBits, variant);
        stream.Write(_word);
    }
}
