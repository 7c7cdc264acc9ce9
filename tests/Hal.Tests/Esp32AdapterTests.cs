using System.Device.Spi;
using GroundStation.Boards.Esp32;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Hal;

public class Esp32AdapterTests
{
    [Fact]
    public void Spi_adapter_transfers_exactly_count_bytes_through_reused_scratch_arrays()
    {
        var wire = new RecordingSpiDevice();
        var spi = new SpiDeviceAdapter("dac", wire, new HalFaultCounters());
        var tx = new byte[] { 0x30, 0x7F, 0xF0, 0xEE };
        var rx = new byte[4];

        spi.Transfer(tx, rx, 3);
        spi.Transfer(tx, rx, 3);

        Assert.Equal(2, wire.Transfers.Count);
        Assert.Equal(new byte[] { 0x30, 0x7F, 0xF0 }, wire.Transfers[0]);
        Assert.Equal(new byte[] { 0xCF, 0x80, 0x0F, 0x00 }, rx); // complement of MOSI, 4th byte untouched
        Assert.False(wire.LastWasCallersArray);
    }

    [Fact]
    public void Spi_adapter_allocates_nothing_per_transfer_once_warm()
    {
        var spi = new SpiDeviceAdapter("tagger", new RecordingSpiDevice { Record = false }, new HalFaultCounters());
        var tx = new byte[300];
        var rx = new byte[300];
        spi.Transfer(tx, rx, 9);
        spi.Transfer(tx, rx, 200);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            spi.Transfer(tx, rx, 9);
            spi.Transfer(tx, rx, 200);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Spi_adapter_passes_exact_length_buffers_straight_through()
    {
        var tx = new byte[] { 1, 2 };
        var rx = new byte[2];
        var wire = new RecordingSpiDevice { CallersArray = tx };
        var spi = new SpiDeviceAdapter("tagger", wire, new HalFaultCounters());

        spi.Transfer(tx, rx, 2);

        Assert.True(wire.LastWasCallersArray);
        Assert.Equal(new byte[] { 0xFE, 0xFD }, rx);
    }

    [Fact]
    public void Spi_driver_errors_become_counted_SpiTransferFailed()
    {
        var faults = new HalFaultCounters();
        var spi = new SpiDeviceAdapter("adc", new RecordingSpiDevice { Fail = true }, faults);

        var e = Assert.Throws<HalException>(() => spi.Transfer(new byte[3], new byte[3], 3));
        Assert.Equal(HalFault.SpiTransferFailed, e.Fault);
        Assert.Equal("adc: transfer of 3 bytes failed: bus timeout", e.Message);
        Assert.Equal(1, faults.Get(HalFault.SpiTransferFailed));
    }

    [Fact]
    public void Config_store_on_files_survives_a_reopen_and_detects_a_flipped_byte()
    {
        string dir = Directory.CreateTempSubdirectory("gs-hal-").FullName;
        try
        {
            var faults = new HalFaultCounters();
            IStorageSlots Slots() => new FileStorageSlots(Path.Combine(dir, "a"), Path.Combine(dir, "b"));
            new SlottedConfigStore(Slots(), 256, "config", faults).Replace([1, 2, 3], 3);
            new SlottedConfigStore(Slots(), 256, "config", faults).Replace([4, 5], 2);

            var buffer = new byte[256];
            Assert.Equal(2, new SlottedConfigStore(Slots(), 256, "config", faults).Read(buffer));
            Assert.Equal(new byte[] { 4, 5 }, buffer[..2]);

            var b = File.ReadAllBytes(Path.Combine(dir, "b"));
            b[12] ^= 0x40;
            File.WriteAllBytes(Path.Combine(dir, "b"), b);
            Assert.Equal(3, new SlottedConfigStore(Slots(), 256, "config", faults).Read(buffer));
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);
            Assert.Equal(1, faults.Get(HalFault.StoreCorrupt));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Software_watchdog_bites_once_after_the_timeout_and_the_next_boot_knows()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"gs-wdt-{Guid.NewGuid():N}");
        try
        {
            var clock = new VirtualClock();
            var faults = new HalFaultCounters();
            int reboots = 0;
            var dog = new SoftwareWatchdog(clock, () => reboots++, marker, faults);
            Assert.False(dog.LastResetWasWatchdog);
            dog.Start(60_000); // the real timer's first check is 15 s away; the test drives CheckNow itself

            clock.Advance(59_000_000);
            dog.Feed();
            clock.Advance(60_000_000);
            Assert.False(dog.CheckNow());
            clock.Advance(1);
            Assert.True(dog.CheckNow());
            Assert.False(dog.CheckNow());
            Assert.Equal(1, reboots);

            var afterReboot = new SoftwareWatchdog(clock, () => { }, marker, faults);
            Assert.True(afterReboot.LastResetWasWatchdog);
            Assert.Equal(1, faults.Get(HalFault.WatchdogReset));
            Assert.False(new SoftwareWatchdog(clock, () => { }, marker, faults).LastResetWasWatchdog);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public void System_random_source_spreads_over_all_32_bits()
    {
        var random = new SystemRandomSource();
        uint or = 0, and = uint.MaxValue;
        for (int i = 0; i < 256; i++)
        {
            uint v = random.NextUInt32();
            or |= v;
            and &= v;
        }

        // Every bit was seen set and seen clear (failure odds ~2^-250 per bit).
        Assert.Equal(uint.MaxValue, or);
        Assert.Equal(0u, and);
    }

    [Fact]
    public void Desktop_build_of_the_clock_states_its_millisecond_resolution()
    {
        var clock = new Esp32Clock();
        Assert.Equal(1000, clock.ResolutionMicroseconds);
        long a = clock.NowMicroseconds;
        Assert.True(clock.NowMicroseconds >= a);
        Assert.Equal(0, a % 1000);
    }

    /// <summary>A desktop SpiDevice (abstract there) whose MISO is the complement of MOSI.</summary>
    private sealed class RecordingSpiDevice : SpiDevice
    {
        public List<byte[]> Transfers { get; } = new();

        public bool Fail { get; init; }

        public bool Record { get; init; } = true;

        /// <summary>The caller's array, to tell whether the adapter passed it straight through.</summary>
        public byte[]? CallersArray { get; init; }

        public bool LastWasCallersArray { get; private set; }

        public override SpiConnectionSettings ConnectionSettings { get; } = new(1, 5);

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            if (Fail)
            {
                throw new IOException("bus timeout");
            }

            if (Record)
            {
                Transfers.Add(writeBuffer.ToArray());
            }

            LastWasCallersArray = CallersArray is not null
                && System.Runtime.CompilerServices.Unsafe.AreSame(
                    ref System.Runtime.InteropServices.MemoryMarshal.GetReference(writeBuffer), ref CallersArray[0]);
            for (int i = 0; i < writeBuffer.Length; i++)
            {
                readBuffer[i] = (byte)~writeBuffer[i];
            }
        }

        public override byte ReadByte() => throw new NotSupportedException();

        public override void Read(Span<byte> buffer) => throw new NotSupportedException();

        public override void WriteByte(byte value) => throw new NotSupportedException();

        public override void Write(ReadOnlySpan<byte> buffer) => throw new NotSupportedException();
    }
}
