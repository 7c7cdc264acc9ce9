using System.Buffers.Binary;
using GroundStation.Hal;
using GroundStation.Peer.TransmitterRecord;

namespace GroundStation.Tests.Peer;

public class TransmitterRecordTests : IDisposable
{
    private static readonly TransmitterRecordHeader Header = new(100_000_000, [0.8, 0.1, 0.0], [0.5, 0.25, 0.25], "tx", "p1");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "txrec-" + Guid.NewGuid().ToString("N"));

    public TransmitterRecordTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void A_small_record_has_exactly_the_documented_bytes()
    {
        var path = Path.Combine(_dir, "small.gstx");
        using (var writer = new TransmitterRecordWriter(path, Header))
        {
            writer.Add(10, basis: 0, bit: 1, intensityClass: 0);
            writer.Add(11, basis: 1, bit: 0, intensityClass: 1);
            writer.Add(12, 0, 0, TransmitterRecordFormat.NotSent);
            writer.Add(20, basis: 1, bit: 1, intensityClass: 2);
            writer.Complete();
        }

        // Built by hand from protocol/TRANSMITTER_RECORD.md.
        var header = new List<byte>("GSTXREC1"u8.ToArray()) { 1, 0, 0, 0 };
        header.AddRange(BitConverter.GetBytes(100_000_000L));
        foreach (var v in new[] { 0.8, 0.1, 0.0, 0.5, 0.25, 0.25 })
        {
            header.AddRange(BitConverter.GetBytes(v));
        }

        header.AddRange([2, (byte)'t', (byte)'x', 2, (byte)'p', (byte)'1']);
        header[10] = (byte)(header.Count + 4);
        List<byte> expected = [.. WithCrc(header)];
        expected.AddRange(WithCrc([.. "SLOT"u8, 10, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0x61, 0x0C]));
        expected.AddRange(WithCrc([.. "SLOT"u8, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x0B]));
        expected.AddRange(WithCrc([.. "END."u8, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));

        using var reader = new TransmitterRecordReader(path);
        Assert.Equal(("tx", "p1", 100_000_000L), (reader.Header.TransmitterId, reader.Header.PassId, reader.Header.PulseRateHz));
        Assert.Equal((2, 3L, 10L, 20L), (reader.ChunkCount, reader.SlotsSent, reader.FirstSlot, reader.LastSlot));
        Assert.True(reader.TryGet(11, out var basis, out var bit, out var cls));
        Assert.Equal((1, 0, 1), (basis, bit, cls));
        Assert.False(reader.TryGet(12, out _, out _, out _)); // recorded as not sent
        Assert.False(reader.TryGet(15, out _, out _, out _)); // in no chunk
        Assert.False(reader.TryGet(9, out _, out _, out _));
        reader.Verify();
    }

    [Fact]
    public void A_300_000_slot_record_with_gaps_reads_back_every_slot()
    {
        var path = Path.Combine(_dir, "big.gstx");
        var random = new Random(7);
        var truth = new Dictionary<long, (byte, byte, byte)>();
        using (var writer = new TransmitterRecordWriter(path, Header, chunkSlots: 4096))
        {
            var slot = 5L;
            for (var i = 0; i < 300_000; i++)
            {
                slot += random.Next(100) < 3 ? random.Next(2, 50_000) : 1;
                var cls = (byte)random.Next(4);
                var value = cls == 3 ? ((byte)0, (byte)0, cls) : ((byte)random.Next(2), (byte)random.Next(2), cls);
                writer.Add(slot, value.Item1, value.Item2, value.Item3);
                truth[slot] = value;
            }

            writer.Complete();
        }

        using var reader = new TransmitterRecordReader(path);
        reader.Verify();
        Assert.Equal(truth.Values.LongCount(v => v.Item3 != 3), reader.SlotsSent);
        Assert.True(reader.ChunkCount > 300_000 / 4096);
        var errors = 0;
        for (var slot = reader.FirstSlot - 3; slot <= reader.LastSlot + 3; slot += slot % 1000 == 0 ? 7919 : 1)
        {
            var sent = reader.TryGet(slot, out var b, out var bit, out var cls);
            var expected = truth.TryGetValue(slot, out var t) && t.Item3 != 3;
            if (sent != expected || (sent && (b, bit, cls) != t))
            {
                errors++;
            }
        }

        Assert.Equal(0, errors);
    }

    [Fact]
    public void Out_of_order_slots_and_impossible_values_are_refused_by_the_writer()
    {
        using var writer = new TransmitterRecordWriter(Path.Combine(_dir, "w.gstx"), Header);
        writer.Add(5, 0, 0, 0);
        Assert.Contains("does not follow slot 5", Assert.Throws<ArgumentException>(() => writer.Add(5, 0, 0, 0)).Message);
        Assert.Throws<ArgumentException>(() => writer.Add(6, 2, 0, 0));
        Assert.Throws<ArgumentException>(() => writer.Add(6, 1, 0, 3)); // not sent carries no basis
        Assert.False(File.Exists(Path.Combine(_dir, "w.gstx"))); // nothing under the name before Complete
    }

    [Fact]
    public void Damaged_incomplete_and_foreign_files_are_refused_naming_the_byte()
    {
        var path = Path.Combine(_dir, "d.gstx");
        using (var writer = new TransmitterRecordWriter(path, Header))
        {
            for (var s = 0; s < 100; s++)
            {
                writer.Add(s, (byte)(s & 1), 1, 0);
            }

            writer.Complete();
        }

        var good = File.ReadAllBytes(path);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(good.AsSpan(10));

        var damaged = good.ToArray();
        damaged[headerLength + 20] ^= 1;
        File.WriteAllBytes(path, damaged);
        using (var reader = new TransmitterRecordReader(path))
        {
            var e = Assert.Throws<TransmitterRecordException>(() => reader.TryGet(3, out _, out _, out _));
            Assert.Equal($"{path}: byte {headerLength}: CRC-32 mismatch in the chunk from slot 0: the record is damaged", e.Message);
        }

        File.WriteAllBytes(path, good[..^24]);
        Assert.Contains("the file ends inside the chunk or trailer: an incomplete record", Assert.Throws<TransmitterRecordException>(() => new TransmitterRecordReader(path)).Message);

        File.WriteAllBytes(path, "PQTTTR\0\0 not ours at all"u8.ToArray());
        Assert.Contains("not a transmitter record", Assert.Throws<TransmitterRecordException>(() => new TransmitterRecordReader(path)).Message);
    }

    private static byte[] WithCrc(List<byte> bytes)
    {
        var array = bytes.ToArray();
        return [.. array, .. BitConverter.GetBytes(Crc32.Compute(array, 0, array.Length))];
    }
}
