using System.Buffers.Binary;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.TransmitterRecord;

/// <summary>
/// Writes a transmitter record (protocol/TRANSMITTER_RECORD.md) slot by slot in increasing slot order: consecutive
/// slots share a chunk, a gap starts a new one (slots in no chunk were not sent). The file appears under its name
/// only after <see cref="Complete"/>; until then it is a hidden temporary file, deleted on dispose.
/// </summary>
public sealed class TransmitterRecordWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly int _chunkSlots;
    private readonly List<byte> _nibbles = new();
    private FileStream? _file;
    private long _chunkFirst = -1;
    private long _lastSlot = -1;
    private long _chunks;
    private long _sent;

    public TransmitterRecordWriter(string path, TransmitterRecordHeader header, int chunkSlots = TransmitterRecordFormat.MaxChunkSlots)
    {
        header.Validate();
        if (chunkSlots is < 1 or > TransmitterRecordFormat.MaxChunkSlots)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSlots));
        }

        _path = Path.GetFullPath(path);
        _chunkSlots = chunkSlots;
        _temp = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.partial");
        _file = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var w = new WireWriter(160);
        w.Bytes(TransmitterRecordFormat.Magic).U16(TransmitterRecordFormat.Version).U16(0).I64(header.PulseRateHz);
        foreach (var v in header.Intensities.Concat(header.ClassProbabilities))
        {
            w.F64(v);
        }

        w.String(header.TransmitterId).String(header.PassId);
        var bytes = w.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)(bytes.Length + 4));
        _file.Write(bytes);
        _file.Write(TransmitterRecordFormat.CrcBytes(bytes));
    }

    /// <summary>Slot <paramref name="slot"/> (strictly after the previous one) carried (basis, bit, class); class 3 = not sent.</summary>
    public void Add(long slot, byte basis, byte bit, byte intensityClass)
    {
        ObjectDisposedException.ThrowIf(_file is null, this);
        if (slot <= _lastSlot || slot < 0)
        {
            throw new ArgumentException($"Slot {slot} does not follow slot {_lastSlot}: a record is written in increasing slot order.");
        }

        var nibble = TransmitterRecordFormat.Nibble(basis, bit, intensityClass);
        if (_chunkFirst < 0 || slot != _lastSlot + 1 || _nibbles.Count == _chunkSlots)
        {
            FlushChunk();
            _chunkFirst = slot;
        }

        _nibbles.Add(nibble);
        _lastSlot = slot;
        if (intensityClass != TransmitterRecordFormat.NotSent)
        {
            _sent++;
        }
    }

    /// <summary>Writes the trailer and renames the file into place.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_file is null, this);
        FlushChunk();
        var trailer = new WireWriter(TransmitterRecordFormat.TrailerBytes).Bytes(TransmitterRecordFormat.TrailerMarker).I64(_chunks).I64(_sent).ToArray();
        _file.Write(trailer);
        _file.Write(TransmitterRecordFormat.CrcBytes(trailer));
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
        File.Move(_temp, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_file is not null)
        {
            _file.Dispose();
            _file = null;
            File.Delete(_temp);
        }
    }

    private void FlushChunk()
    {
        if (_nibbles.Count == 0)
        {
            return;
        }

        var w = new WireWriter(TransmitterRecordFormat.ChunkHeaderBytes + _nibbles.Count / 2 + 8);
        w.Bytes(TransmitterRecordFormat.ChunkMarker).I64(_chunkFirst).U32((uint)_nibbles.Count);
        for (var i = 0; i < _nibbles.Count; i += 2)
        {
            w.U8(_nibbles[i] | (i + 1 < _nibbles.Count ? _nibbles[i + 1] << 4 : 0));
        }

        var chunk = w.ToArray();
        _file!.Write(chunk);
        _file.Write(TransmitterRecordFormat.CrcBytes(chunk));
        _chunks++;
        _nibbles.Clear();
    }
}
