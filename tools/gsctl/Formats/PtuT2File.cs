using System.Buffers.Binary;

namespace GroundStation.Gsctl.Formats;

/// <summary>Reads the T2 records of a .ptu file as <see cref="TimeTag"/>s, streaming.</summary>
internal static class PtuT2Reader
{
    /// <summary>
    /// Reads the header, then the records. TTResult_NumberOfRecords is trusted when it is positive (a file shorter
    /// than that is malformed); real files written by some acquisition programs leave it at 0, and then the
    /// records run to the end of the file.
    /// </summary>
    public static IEnumerable<TimeTag> Read(Stream stream)
    {
        var header = PtuHeader.Read(stream);
        var layout = LayoutOf(header);
        var resolutionFemtoseconds = ResolutionFemtosecondsOf(header);
        var declared = header.GetInt(PtuHeader.NumberOfRecordsTag, header.RecordsOffset);
        if (declared < 0)
        {
            throw new MalformedFileException(header.NumberOfRecordsValueOffset, $"{PtuHeader.NumberOfRecordsTag} is negative ({declared})");
        }

        var buffer = new byte[4 * 8192];
        long wraps = 0;
        long recordIndex = 0;
        var offset = header.RecordsOffset;
        var wrap = PtuT2Format.Wrap(layout);
        while (declared == 0 || recordIndex < declared)
        {
            var filled = QcryptoRawFormat.FillBuffer(stream, buffer);
            var whole = filled - filled % 4;
            for (var i = 0; i < whole && (declared == 0 || recordIndex < declared); i += 4, recordIndex++)
            {
                var record = PtuT2Format.ReadRecord(buffer.AsSpan(i, 4));
                wraps += PtuT2Format.Decode(record, layout, out var timeInWrap, out var channel, out var kind, out var isEvent);
                if (!isEvent)
                {
                    continue;
                }

                if (layout == PtuT2Layout.PicoHarp && kind == TimeTagKind.Detection && channel > 4)
                {
                    throw new MalformedFileException(offset + i, $"PicoHarp T2 record 0x{record:X8} names channel {channel}");
                }

                var ticks = (Int128)wraps * wrap + timeInWrap;
                yield return new TimeTag((long)((ticks * resolutionFemtoseconds + 500) / 1000), channel, kind);
            }

            if (whole != filled && (declared == 0 || recordIndex < declared))
            {
                throw new MalformedFileException(offset + whole, $"the file ends inside a record ({filled - whole} of 4 bytes)");
            }

            offset += filled;
            if (filled < buffer.Length)
            {
                break;
            }
        }

        if (declared != 0 && recordIndex < declared)
        {
            throw new MalformedFileException(offset,
                $"the file ends after {recordIndex} records; its header declares {declared}");
        }
    }

    public static PtuT2Layout LayoutOf(PtuHeader header)
    {
        var recordType = header.GetInt(PtuHeader.RecordTypeTag, header.RecordsOffset);
        if (!PtuT2Format.IsKnown(recordType))
        {
            var mode = (recordType >> 8 & 0xFF) == 3 ? "a T3 record type" : "an unknown record type";
            throw new MalformedFileException(header.RecordsOffset,
                $"record type 0x{recordType:X8} is {mode}; gsctl reads PicoHarp, HydraHarp, TimeHarp 260 and MultiHarp T2 records");
        }

        return (PtuT2Layout)(int)recordType;
    }

    private static long ResolutionFemtosecondsOf(PtuHeader header)
    {
        var seconds = header.GetFloat(PtuHeader.GlobalResolutionTag, header.RecordsOffset);
        var femtoseconds = Math.Round(seconds * 1e15);
        if (!(femtoseconds >= 1) || femtoseconds > 1e12)
        {
            throw new MalformedFileException(header.RecordsOffset,
                $"{PtuHeader.GlobalResolutionTag} = {seconds} s is not a T2 time resolution");
        }

        return (long)femtoseconds;
    }
}

/// <summary>
/// Writes a .ptu T2 file. The header is written first with TTResult_NumberOfRecords = 0 and patched on
/// <see cref="Finish"/> when the stream can seek (a pipe keeps the 0, which readers handle as "to end of file").
/// A record holds its time within the current overflow period, and overflow records only move forward, so the
/// records cannot step back across a period boundary. Inputs do step back (detector skews, PicoQuant's coarse
/// markers; see <see cref="TimeOrder"/>), so the writer holds the events of the last reorder window (one overflow
/// period, at least <see cref="TimeOrder.MaxSkewPicoseconds"/>) and writes them in time order, ties in the order
/// given. An event that steps back further than that window is refused: it would need an earlier period.
/// </summary>
internal sealed class PtuT2Writer : ITimeTagWriter
{
    private readonly Stream _stream;
    private readonly PtuT2Layout _layout;
    private readonly long _resolutionPicoseconds;
    private readonly PtuHeader _header;
    private readonly long _headerStart;
    private readonly byte[] _record = new byte[4];
    private readonly long _wrap;
    private readonly long _reorderWindowTicks;
    private readonly PriorityQueue<TimeTag, (long Ticks, long Sequence)> _held = new();
    private long _sequence;
    private long _latestTicks = long.MinValue;
    private long _wraps;

    public PtuT2Writer(Stream stream, PtuT2Layout layout = PtuT2Layout.HydraHarpV2, long resolutionPicoseconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolutionPicoseconds, 1);
        _stream = stream;
        _layout = layout;
        _resolutionPicoseconds = resolutionPicoseconds;
        _wrap = PtuT2Format.Wrap(layout);
        _reorderWindowTicks = Math.Max(_wrap, (TimeOrder.MaxSkewPicoseconds + resolutionPicoseconds - 1) / resolutionPicoseconds);
        _header = new PtuHeader();
        _header.Set("File_CreatorName", "gsctl");
        _header.Set("Measurement_Mode", 2L);
        _header.Set("Measurement_SubMode", 0L);
        _header.Set(PtuHeader.RecordTypeTag, (long)(int)layout);
        _header.Set("TTResultFormat_BitsPerRecord", 32L);
        _header.Set(PtuHeader.GlobalResolutionTag, resolutionPicoseconds * 1e-12);
        _header.Set("MeasDesc_Resolution", resolutionPicoseconds * 1e-12);
        _header.Set(PtuHeader.NumberOfRecordsTag, 0L);
        _headerStart = stream.CanSeek ? stream.Position : 0;
        _header.Write(stream);
    }

    public long RecordCount { get; private set; }

    public bool Write(in TimeTag tag)
    {
        if (tag.Kind == TimeTagKind.Dummy)
        {
            return false;
        }

        if (_layout == PtuT2Layout.PicoHarp && tag.Kind is TimeTagKind.Sync or TimeTagKind.UndefinedSpecial)
        {
            return false;
        }

        if (tag.Kind == TimeTagKind.Detection && (tag.Channel < 0 || tag.Channel > PtuT2Format.MaxChannel(_layout)))
        {
            throw new UnrepresentableEventException($"channel {tag.Channel} does not fit a {_layout} T2 record");
        }

        if (tag.Kind == TimeTagKind.Marker && tag.Channel is < 1 or > PtuT2Format.MaxMarkerBits)
        {
            throw new UnrepresentableEventException($"marker bits {tag.Channel} are outside 1..{PtuT2Format.MaxMarkerBits}");
        }

        if (tag.Kind == TimeTagKind.UndefinedSpecial
            && tag.Channel is < PtuT2Format.FirstUndefinedSpecialChannel or > PtuT2Format.LastUndefinedSpecialChannel)
        {
            throw new UnrepresentableEventException(
                $"special channel code {tag.Channel} is not one of the undefined codes " +
                $"{PtuT2Format.FirstUndefinedSpecialChannel}..{PtuT2Format.LastUndefinedSpecialChannel}");
        }

        if (tag.TimePicoseconds < 0)
        {
            throw new UnrepresentableEventException($"time {tag.TimePicoseconds} ps is negative");
        }

        var ticks = (tag.TimePicoseconds + _resolutionPicoseconds / 2) / _resolutionPicoseconds;
        if (_latestTicks != long.MinValue && ticks < _latestTicks - _reorderWindowTicks)
        {
            throw new UnrepresentableEventException(
                $"it is {TimeOrder.Describe((_latestTicks - ticks) * _resolutionPicoseconds)} earlier than an event before it; " +
                $"T2 records cannot step back across an overflow record, and gsctl puts events in time order only within " +
                $"{TimeOrder.Describe(_reorderWindowTicks * _resolutionPicoseconds)} (detector skews stay well below)");
        }

        _latestTicks = Math.Max(_latestTicks, ticks);
        _held.Enqueue(tag, (ticks, _sequence++));
        while (_held.TryPeek(out _, out var oldest) && oldest.Ticks < _latestTicks - _reorderWindowTicks)
        {
            Emit(_held.Dequeue(), oldest.Ticks);
        }

        return true;
    }

    public void Finish()
    {
        while (_held.TryDequeue(out var tag, out var order))
        {
            Emit(tag, order.Ticks);
        }

        if (_stream.CanSeek)
        {
            var end = _stream.Position;
            _stream.Position = _headerStart + _header.NumberOfRecordsValueOffset;
            var value = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(value, RecordCount);
            _stream.Write(value);
            _stream.Position = end;
        }

        _stream.Flush();
    }

    public void Dispose()
    {
    }

    /// <summary>Writes one event, preceded by the overflow records that bring the file to its period. Called in time order.</summary>
    private void Emit(in TimeTag tag, long ticks)
    {
        var targetWraps = ticks / _wrap;
        while (_wraps < targetWraps)
        {
            var step = (uint)Math.Min(targetWraps - _wraps, PtuT2Format.MaxWrapsPerOverflow(_layout));
            Emit(PtuT2Format.EncodeOverflow(_layout, step));
            _wraps += step;
        }

        Emit(PtuT2Format.EncodeEvent(_layout, (uint)(ticks - _wraps * _wrap), tag.Channel, tag.Kind));
    }

    private void Emit(uint record)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_record, record);
        _stream.Write(_record);
        RecordCount++;
    }
}
