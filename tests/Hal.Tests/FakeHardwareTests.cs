using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Hal;

public class FakeHardwareTests
{
    [Fact]
    public void Virtual_clock_runs_scheduled_actions_in_time_order_at_their_time()
    {
        var clock = new VirtualClock();
        var seen = new List<(string, long)>();
        clock.Schedule(300, () => seen.Add(("c", clock.NowMicroseconds)));
        clock.Schedule(100, () => seen.Add(("a", clock.NowMicroseconds)));
        clock.Schedule(100, () => seen.Add(("b", clock.NowMicroseconds)));

        clock.Advance(250);

        Assert.Equal([("a", 100L), ("b", 100L)], seen);
        Assert.Equal(250, clock.NowMicroseconds);
        Assert.Equal(1, clock.PendingCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(10));
    }

    [Fact]
    public void Scripted_input_edges_arrive_with_their_virtual_time()
    {
        var clock = new VirtualClock();
        var irq = new FakeDigitalInput(34, "tagger IRQ", clock, initialHigh: true);
        var edges = new List<(int Pin, bool Rising, long At)>();
        irq.Edge += (pin, rising, at) => edges.Add((pin, rising, at));
        irq.ScheduleLevel(clock, 1_000, false);
        irq.ScheduleLevel(clock, 1_250, true);
        irq.ScheduleLevel(clock, 1_300, true); // no change: no edge

        clock.Advance(2_000);

        Assert.Equal([(34, false, 1_000L), (34, true, 1_250L)], edges);
        Assert.Equal([new PinEdge(1_000, false), new PinEdge(1_250, true)], irq.Edges);
    }

    [Fact]
    public void Output_writes_are_recorded_with_time_and_can_be_made_to_fail()
    {
        var clock = new VirtualClock(startMicroseconds: 5);
        var faults = new HalFaultCounters();
        var gate = new FakeDigitalOutput(25, "detector 0 gate", clock) { Faults = faults };
        gate.Write(true);
        clock.Advance(10);
        gate.Write(false);

        Assert.Equal([new PinWrite(5, true), new PinWrite(15, false)], gate.Writes);

        gate.FailWrites = true;
        var e = Assert.Throws<HalException>(() => gate.Write(true));
        Assert.Equal(HalFault.GpioFailed, e.Fault);
        Assert.False(gate.IsHigh);
        Assert.Equal(1, faults.Get(HalFault.GpioFailed));
    }

    [Fact]
    public void Spi_frames_record_bytes_time_and_chip_select()
    {
        var clock = new VirtualClock(startMicroseconds: 42);
        var bus = new FakeSpiBus { Clock = clock };
        var dev = bus.Attach(7, "echo", new IncrementModel(), new SpiBusSettings(0, 1_000_000));
        var rx = new byte[4];

        dev.Transfer([1, 2, 3, 9], rx, 3);

        var frame = bus.Frames.Single();
        Assert.Equal(7, frame.ChipSelectPin);
        Assert.Equal(42, frame.TimeMicroseconds);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Mosi);
        Assert.Equal(new byte[] { 2, 3, 4 }, frame.Miso);
        Assert.Equal(new byte[] { 2, 3, 4, 0 }, rx);
    }

    [Fact]
    public void A_failed_spi_transfer_is_a_counted_typed_fault_and_nothing_reaches_the_wires()
    {
        var faults = new HalFaultCounters();
        var bus = new FakeSpiBus { Faults = faults };
        var dev = (FakeSpiDevice)bus.Attach(5, "tagger", new IncrementModel(), new SpiBusSettings(0, 1_000_000));
        dev.FailTransfers = true;

        var e = Assert.Throws<HalException>(() => dev.Transfer(new byte[2], new byte[2], 2));
        Assert.Equal(HalFault.SpiTransferFailed, e.Fault);
        Assert.Equal("tagger", e.Device);
        Assert.Equal(1, faults.Get(HalFault.SpiTransferFailed));
        Assert.Empty(bus.Frames);
    }

    [Fact]
    public void Serial_pair_carries_bytes_both_ways_and_records_writes()
    {
        var clock = new VirtualClock();
        var pair = new FakeSerialPair(clock);
        pair.A.Write([0x10, 0x20, 0x30], 0, 3);
        clock.Advance(7);
        pair.B.Write([0xAA, 0xBB], 1, 1);

        var buffer = new byte[8];
        Assert.Equal(2, pair.B.Read(buffer, 0, 2));
        Assert.Equal(new byte[] { 0x10, 0x20 }, buffer[..2]);
        Assert.Equal(1, pair.B.Read(buffer, 0, 8));
        Assert.Equal(0x30, buffer[0]);
        Assert.Equal(0, pair.B.Read(buffer, 0, 8));
        Assert.Equal(1, pair.A.Read(buffer, 0, 8));
        Assert.Equal(0xBB, buffer[0]);
        Assert.Equal(7, pair.B.Writes.Single().TimeMicroseconds);
    }

    [Fact]
    public void Scripted_line_faults_drop_and_corrupt_exact_bytes()
    {
        var pair = new FakeSerialPair(new VirtualClock());
        var fault = new ScriptedLineFault();
        fault.DropAt.Add(1);
        fault.XorAt[3] = 0x80;
        pair.A.TransmitFault = fault;

        pair.A.Write([1, 2, 3, 4, 5], 0, 5);
        var buffer = new byte[8];
        int n = pair.B.Read(buffer, 0, 8);

        Assert.Equal(new byte[] { 1, 3, 0x84, 5 }, buffer[..n]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, pair.A.WrittenBytes());
    }

    [Fact]
    public void Bit_errors_follow_the_configured_rate_and_repeat_for_a_seed()
    {
        static long Run()
        {
            var pair = new FakeSerialPair(new VirtualClock());
            var fault = new BitErrorFault(1e-3, seed: 99);
            pair.A.TransmitFault = fault;
            var data = new byte[100_000];
            pair.A.Write(data, 0, data.Length);
            var received = new byte[data.Length];
            Assert.Equal(data.Length, pair.B.Read(received, 0, received.Length));
            long ones = received.Sum(b => (long)System.Numerics.BitOperations.PopCount(b));
            Assert.Equal(fault.FlippedBits, ones);
            return ones;
        }

        long flipped = Run();
        // 800 000 bits at 1e-3: mean 800, sd ~28; a deterministic seed, so this is a known answer, not a flaky bound.
        Assert.InRange(flipped, 700, 900);
        Assert.Equal(flipped, Run());
    }

    [Fact]
    public void Serial_write_failure_is_a_counted_SerialFailed()
    {
        var faults = new HalFaultCounters();
        var pair = new FakeSerialPair(new VirtualClock());
        pair.A.Faults = faults;
        pair.A.FailWrites = true;

        var e = Assert.Throws<HalException>(() => pair.A.Write([1], 0, 1));
        Assert.Equal(HalFault.SerialFailed, e.Fault);
        Assert.Equal(1, faults.Get(HalFault.SerialFailed));
        Assert.Equal(0, pair.B.BytesToRead);
    }

    [Fact]
    public void Fake_watchdog_bites_only_after_the_timeout_without_feeds()
    {
        var clock = new VirtualClock();
        var dog = new FakeWatchdog(clock);
        int bites = 0;
        dog.Bitten += () => bites++;
        dog.Start(100);

        clock.Advance(90_000);
        dog.Feed();
        clock.Advance(100_000);
        Assert.False(dog.CheckExpiry());
        clock.Advance(1);
        Assert.True(dog.CheckExpiry());

        Assert.Equal(1, bites);
        Assert.Equal([90_000L], dog.Feeds);
    }

    [Fact]
    public void SplitMix64_matches_the_reference_sequence_for_seed_zero()
    {
        var random = new SeededRandomSource(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0xE220A839u, new SeededRandomSource(0).NextUInt32());
    }

    [Fact]
    public void Fake_board_is_complete_starts_gated_off_and_reports_absent_chips()
    {
        var board = new FakeBoard();
        var rx = new byte[2];
        board.Resources.Tagger.Transfer([0x8F, 0], rx, 2);

        Assert.True(board.AllDetectorsGatedOff);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, rx);
        Assert.True(DeviceAbsenceCheck.LooksAbsent(rx, 1, 1));
        Assert.Same(board.Serial.A, board.Resources.HostSerial);
        Assert.Equal(BoardResources.DetectorCount, board.Resources.DetectorGates.Length);
    }

    [Theory]
    [InlineData(1, 1_000_000, "SPI mode 1 (CPOL 0, CPHA 1) transaction, but the incrementer works only in mode 0 (CPOL 0, CPHA 0) or mode 3 (CPOL 1, CPHA 1)")]
    [InlineData(2, 1_000_000, "SPI mode 2 (CPOL 1, CPHA 0) transaction")]
    [InlineData(0, 2_000_000, "SCLK 2000000 Hz, but the incrementer accepts at most 1000000 Hz")]
    public void A_frame_in_a_mode_or_at_a_clock_the_chip_does_not_accept_is_refused_before_it_reaches_the_chip(int mode, int clockHz, string message)
    {
        var bus = new FakeSpiBus();
        var model = new IncrementModel();
        var dev = bus.Attach(3, "echo", model, new SpiBusSettings(mode, clockHz));

        var e = Assert.Throws<DatasheetViolationException>(() => dev.Transfer(new byte[2], new byte[2], 2));

        Assert.StartsWith("echo: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.Equal(0, model.Frames);
    }

    [Fact]
    public void A_frame_in_either_mode_the_chip_accepts_goes_through()
    {
        var bus = new FakeSpiBus();
        var rx = new byte[1];
        bus.Attach(3, "mode0", new IncrementModel(), new SpiBusSettings(0, 1_000_000)).Transfer([5], rx, 1);
        Assert.Equal(6, rx[0]);
        bus.Attach(4, "mode3", new IncrementModel(), new SpiBusSettings(3, 500_000)).Transfer([7], rx, 1);
        Assert.Equal(8, rx[0]);
    }

    [Fact]
    public void A_fake_board_needs_the_driver_bus_settings_of_every_chip_model_it_carries()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new FakeBoard(tagger: new IncrementModel()));
        Assert.Contains("bus settings", e.Message);
    }

    /// <summary>Answers each MOSI byte + 1 on MISO; accepts modes 0 and 3 up to 1 MHz.</summary>
    private sealed class IncrementModel : ISpiDeviceModel
    {
        public SpiChipLimits Limits { get; } = new("incrementer", [0, 3], 1_000_000);

        public int Frames { get; private set; }

        public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
        {
            Frames++;
            for (int i = 0; i < mosi.Length; i++)
            {
                miso[i] = (byte)(mosi[i] + 1);
            }
        }
    }
}
