using System.Text;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Hal;

public class SlottedConfigStoreTests
{
    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    private static string ReadString(IConfigStore store)
    {
        var buffer = new byte[store.Capacity];
        int n = store.Read(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    [Fact]
    public void An_empty_store_reads_zero_bytes()
    {
        var store = new FakeConfigStore();
        Assert.Equal(0, store.Read(new byte[16]));
        Assert.Equal(0, store.Faults.Total);
    }

    [Fact]
    public void Slot_bytes_follow_the_documented_layout()
    {
        var store = new FakeConfigStore();
        store.Replace(Bytes("AB"), 2);

        var slot = store.Slots.SlotContent(0)!;
        // "GSC1", sequence 1, length 2, "AB", CRC-32 of the 14 bytes before it (little-endian).
        var expectedHead = new byte[] { 0x47, 0x53, 0x43, 0x31, 1, 0, 0, 0, 2, 0, 0, 0, 0x41, 0x42 };
        Assert.Equal(expectedHead, slot[..14]);
        Assert.Equal(BitConverter.GetBytes(Crc32.Compute(expectedHead, 0, 14)), slot[14..]);
        Assert.Null(store.Slots.SlotContent(1));
    }

    [Fact]
    public void Replace_alternates_slots_and_reads_the_newest()
    {
        var store = new FakeConfigStore();
        store.Replace(Bytes("one"), 3);
        store.Replace(Bytes("two"), 3);
        store.Replace(Bytes("three"), 5);

        Assert.Equal("three", ReadString(store));
        Assert.Equal(["write 0 19", "write 1 19", "write 0 21"], store.Slots.Operations.Where(o => o.StartsWith("write")));
        store.Reboot();
        Assert.Equal("three", ReadString(store));
    }

    [Fact]
    public void Power_cut_during_a_write_keeps_the_previous_record()
    {
        var store = new FakeConfigStore();
        store.Replace(Bytes("old settings"), 12);
        store.Slots.TearNextWriteAfter(10);

        var e = Assert.Throws<HalException>(() => store.Replace(Bytes("new settings"), 12));
        Assert.Equal(HalFault.StoreWriteFailed, e.Fault);

        store.Reboot();
        Assert.Equal("old settings", ReadString(store));
        // The torn slot is noticed (and counted) but the good one wins.
        Assert.Equal(1, store.Faults.Get(HalFault.StoreCorrupt));

        store.Replace(Bytes("retry"), 5);
        Assert.Equal("retry", ReadString(store));
    }

    [Fact]
    public void A_corrupted_newest_slot_falls_back_to_the_older_one_and_is_counted()
    {
        var store = new FakeConfigStore();
        store.Replace(Bytes("first"), 5);
        store.Replace(Bytes("second"), 6);
        store.Slots.CorruptByte(1, 13, 0x01);

        Assert.Equal("first", ReadString(store));
        Assert.Equal(1, store.Faults.Get(HalFault.StoreCorrupt));
    }

    [Fact]
    public void Both_slots_corrupt_is_a_StoreCorrupt_fault()
    {
        var store = new FakeConfigStore();
        store.Replace(Bytes("first"), 5);
        store.Replace(Bytes("second"), 6);
        store.Slots.CorruptByte(0, 12);
        store.Slots.CorruptByte(1, 0);

        var e = Assert.Throws<HalException>(() => store.Read(new byte[64]));
        Assert.Equal(HalFault.StoreCorrupt, e.Fault);
        Assert.Equal("config", e.Device);
        Assert.True(store.Faults.Get(HalFault.StoreCorrupt) >= 1);
    }

    [Fact]
    public void A_failing_flash_write_is_a_counted_StoreWriteFailed()
    {
        var store = new FakeConfigStore();
        store.Slots.FailWrites = true;

        var e = Assert.Throws<HalException>(() => store.Replace(Bytes("x"), 1));
        Assert.Equal(HalFault.StoreWriteFailed, e.Fault);
        Assert.Contains("flash write failed (injected)", e.Message);
        Assert.Equal(1, store.Faults.Get(HalFault.StoreWriteFailed));
    }

    [Fact]
    public void A_record_larger_than_the_capacity_is_refused()
    {
        var store = new FakeConfigStore(capacity: 8);
        var e = Assert.Throws<HalException>(() => store.Replace(new byte[9], 9));
        Assert.Equal(HalFault.StoreWriteFailed, e.Fault);
        Assert.Equal(0, store.Slots.WriteCount);
    }

    [Fact]
    public void Sequence_numbers_compare_across_the_32_bit_wrap()
    {
        // Slot 0 holds sequence 0xFFFFFFFF, slot 1 holds 0 (written later, after the wrap): slot 1 is newer.
        var slots = new MemoryStorageSlots();
        slots.WriteSlot(0, Record(0xFFFFFFFF, "before"), 22);
        slots.WriteSlot(1, Record(0, "after"), 21);
        var store = new SlottedConfigStore(slots, 64, "config", new HalFaultCounters());

        Assert.Equal("after", ReadString(store));
    }

    private static byte[] Record(uint sequence, string payload)
    {
        var body = new List<byte>();
        body.AddRange(Bytes("GSC1"));
        body.AddRange(BitConverter.GetBytes(sequence));
        body.AddRange(BitConverter.GetBytes(payload.Length));
        body.AddRange(Bytes(payload));
        var head = body.ToArray();
        body.AddRange(BitConverter.GetBytes(Crc32.Compute(head, 0, head.Length)));
        return body.ToArray();
    }
}
