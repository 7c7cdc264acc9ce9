using System.Buffers.Binary;
using GroundStation.Peer.Wire;

namespace GroundStation.Peer.TransmitterRecord;

/// <summary>
/// Reads a transmitter record (protocol/TRANSMITTER_RECORD.md). Opening checks the header and the trailer and
/// indexes the chunks (16 bytes of memory per chunk, the slots stay on disk); <see cref="TryGet"/> finds a slot by
/// binary search and keeps the last chunk read, so a sifting pass through increasing slots reads each chunk once.
/// Every chunk's CRC-32 is checked when it is first read (<see cref="Verify"/> reads all of them).
/// </summary>
public sealed class TransmitterRecordReader : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly List<long> _first = new();
    private readonly List<int> _count = new();
    private readonly List<long> _offset = new();
    private int _cached = -1;
    private byte[] _entries = [];

    public TransmitterRecordReader(string path)
    {
        _path = path;
        try
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransmitterRecordException($"{path}: cannot open the transmitter record: {e.Message}");
        }

        try
        {
            Header = ReadHeader();
            ReadIndex();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public TransmitterRecordHeader Header { get; }

    public int ChunkCount => _first.Count;

    /// <summary>Slots whose class is not 3, as the trailer states.</summary>
    public long SlotsSent { get; private set; }

    /// <summary>First and last slot covered by any chunk (-1 when the record is empty).</summary>
    public long FirstSlot => _first.Count == 0 ? -1 : _first[0];

    public long LastSlot => _first.Count == 0 ? -1 : _first[^1] + _count[^1] - 1;

    /// <summary>
    /// The basis (0 Z, 1 X), bit and intensity class (0 signal, 1 decoy, 2 vacuum) sent in <paramref name="slot"/>;
    /// false when nothing was sent there (no chunk covers it, or its class is 3). The same contract as the satellite
    /// side's record in sifting.
    /// </summary>
    public bool TryGet(long slot, out byte basis, out byte bit, out byte intensityClass)
    {
        basis = bit = intensityClass = 0;
        var chunk = Find(slot);
        if (chunk < 0)
        {
            return false;
        }

        Load(chunk);
        var i = (int)(slot - _first[chunk]);
        var nibble = (byte)((_entries[i >> 1] >> (4 * (i & 1))) & 0xF);
        intensityClass = (byte)(nibble >> 2);
        if (intensityClass == TransmitterRecordFormat.NotSent)
        {
            intensityClass = 0;
            return false;
        }

        bit = (byte)(nibble & 1);
        basis = (byte)((nibble >> 1) & 1);
        return true;
    }

    /// <summary>Reads every chunk, checking its CRC and nibbles, and the trailer's count of slots sent.</summary>
    public void Verify()
    {
        long sent = 0;
        for (var c = 0; c < _first.Count; c++)
        {
            Load(c);
            for (var i = 0; i < _count[c]; i++)
            {
                sent += ((_entries[i >> 1] >> (4 * (i & 1))) & 0xC) == 0xC ? 0 : 1;
            }
        }

        if (sent != SlotsSent)
        {
            throw Fail(_file.Length - TransmitterRecordFormat.TrailerBytes, $"the trailer counts {SlotsSent} slots sent, the chunks hold {sent}");
        }
    }

    public void Dispose() => _file.Dispose();

    private TransmitterRecordHeader ReadHeader()
    {
        var fixedPart = ReadAt(0, 12, "header");
        if (!fixedPart.AsSpan(0, 8).SequenceEqual(TransmitterRecordFormat.Magic))
        {
            throw Fail(0, "not a transmitter record (no GSTXREC1 magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8));
        if (version != TransmitterRecordFormat.Version)
        {
            throw Fail(8, $"version {version}; this build reads version {TransmitterRecordFormat.Version}");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(10));
        if (length < 12 + 8 + 48 + 2 + 4)
        {
            throw Fail(10, $"header length {length} is too short");
        }

        var bytes = ReadAt(0, length, "header");
        CheckCrc(bytes, 0, "header");
        try
        {
            var r = new WireReader(bytes.AsSpan(12, length - 16), "header");
            var rate = r.I64("pulse rate");
            double[] mu = [r.F64("intensity"), r.F64("intensity"), r.F64("intensity")];
            double[] p = [r.F64("probability"), r.F64("probability"), r.F64("probability")];
            var header = new TransmitterRecordHeader(rate, mu, p, r.String("transmitter id"), r.String("pass id"));
            r.End();
            header.Validate();
            return header;
        }
        catch (Exception e) when (e is PeerFormatException or ArgumentException)
        {
            throw Fail(12, e.Message);
        }
    }

    private void ReadIndex()
    {
        var position = (long)BinaryPrimitives.ReadUInt16LittleEndian(ReadAt(10, 2, "header"));
        var nextFree = 0L;
        while (true)
        {
            var marker = ReadAt(position, 4, "chunk or trailer");
            if (marker.AsSpan().SequenceEqual(TransmitterRecordFormat.TrailerMarker))
            {
                var trailer = ReadAt(position, TransmitterRecordFormat.TrailerBytes, "trailer");
                CheckCrc(trailer, position, "trailer");
                var chunks = BinaryPrimitives.ReadInt64LittleEndian(trailer.AsSpan(4));
                SlotsSent = BinaryPrimitives.ReadInt64LittleEndian(trailer.AsSpan(12));
                if (chunks != _first.Count)
                {
                    throw Fail(position, $"the trailer counts {chunks} chunks, the file holds {_first.Count}");
                }

                if (position + TransmitterRecordFormat.TrailerBytes != _file.Length)
                {
                    throw Fail(position, "bytes follow the trailer");
                }

                return;
            }

            if (!marker.AsSpan().SequenceEqual(TransmitterRecordFormat.ChunkMarker))
            {
                throw Fail(position, "neither a SLOT chunk nor the END. trailer");
            }

            var head = ReadAt(position, TransmitterRecordFormat.ChunkHeaderBytes, "chunk header");
            var first = BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(4));
            var count = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(12));
            if (count is < 1 or > TransmitterRecordFormat.MaxChunkSlots || first < nextFree)
            {
                throw Fail(position, $"chunk of {count} slots from slot {first} (slots must increase from {nextFree}; 1 to {TransmitterRecordFormat.MaxChunkSlots} per chunk)");
            }

            _first.Add(first);
            _count.Add((int)count);
            _offset.Add(position);
            nextFree = first + count;
            position += TransmitterRecordFormat.ChunkHeaderBytes + TransmitterRecordFormat.EntryBytes((int)count) + 4;
        }
    }

    private int Find(long slot)
    {
        int lo = 0, hi = _first.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (slot < _first[mid])
            {
                hi = mid - 1;
            }
            else if (slot >= _first[mid] + _count[mid])
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    private void Load(int chunk)
    {
        if (chunk == _cached)
        {
            return;
        }

        var entryBytes = TransmitterRecordFormat.EntryBytes(_count[chunk]);
        var bytes = ReadAt(_offset[chunk], TransmitterRecordFormat.ChunkHeaderBytes + entryBytes + 4, "chunk");
        CheckCrc(bytes, _offset[chunk], $"chunk from slot {_first[chunk]}");
        var entries = bytes.AsSpan(TransmitterRecordFormat.ChunkHeaderBytes, entryBytes).ToArray();
        for (var i = 0; i < _count[chunk]; i++)
        {
            var nibble = (entries[i >> 1] >> (4 * (i & 1))) & 0xF;
            if (nibble >> 2 == TransmitterRecordFormat.NotSent && (nibble & 3) != 0)
            {
                throw Fail(_offset[chunk], $"slot {_first[chunk] + i} is 'not sent' with a basis or bit");
            }
        }

        if (_count[chunk] % 2 == 1 && entries[^1] >> 4 != 0)
        {
            throw Fail(_offset[chunk], "the padding nibble of an odd chunk is not 0");
        }

        _entries = entries;
        _cached = chunk;
    }

    private byte[] ReadAt(long position, int count, string what)
    {
        var bytes = new byte[count];
        _file.Position = position;
        var read = 0;
        while (read < count)
        {
            var n = _file.Read(bytes, read, count - read);
            if (n == 0)
            {
                throw Fail(position, $"the file ends inside the {what}: an incomplete record (the writer did not finish)");
            }

            read += n;
        }

        return bytes;
    }

    private void CheckCrc(byte[] bytes, long position, string what)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (stored != TransmitterRecordFormat.Crc(bytes.AsSpan(0, bytes.Length - 4)))
        {
            throw Fail(position, $"CRC-32 mismatch in the {what}: the record is damaged");
        }
    }

    private TransmitterRecordException Fail(long position, string reason) => new($"{_path}: byte {position}: {reason}");
}
