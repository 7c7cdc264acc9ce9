using GroundStation.DeviceModels;
using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Hal;
using R = GroundStation.Firmware.Drivers.FifoTagger.FifoTaggerRegisters;

namespace GroundStation.Tests.Drivers.FifoTagger;

public class FifoTimeTaggerTests
{
    [Fact]
    public void Start_resets_with_the_key_then_reads_identity_as_the_register_map_documents()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();

        var frames = f.Bench.Bus.Frames;
        // README "Transactions": write RESET (0x40|0x09) with key "RSET", MSB first.
        Assert.Equal(new byte[] { 0x49, 0x52, 0x53, 0x45, 0x54 }, frames[0].Mosi);
        // Read IDENTITY: opcode, turnaround byte, 4 data bytes answered "GSTF".
        Assert.Equal(new byte[] { 0x00, 0, 0, 0, 0, 0 }, frames[1].Mosi);
        Assert.Equal(new byte[] { 0x47, 0x53, 0x54, 0x46 }, frames[1].Miso[2..6]);
        // Ends by clearing RESET_SEEN|OVERFLOW and setting RUN.
        Assert.Equal(new byte[] { 0x42, 0x00, 0xC0, 0x00, 0x00 }, frames[^2].Mosi);
        Assert.Equal(new byte[] { 0x46, 0x00, 0x00, 0x00, 0x01 }, frames[^1].Mosi);
        Assert.Equal(4096, f.Driver.FifoDepth);
    }

    [Fact]
    public void Events_come_back_in_picoseconds_with_their_channels_and_skew()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        f.Model.SetChannelSkew(2, 1_250);
        f.Model.Enqueue(new long[] { 1_000, 2_000, 3_000, 4_000_000 }, new byte[] { 0, 1, 2, 4 });

        var got = f.Drain();

        Assert.Equal(new[] { (1_000L, (byte)0), (2_000L, (byte)1), (4_250L, (byte)2), (4_000_000L, (byte)4) }, got);
        Assert.Equal(4, f.Driver.Counters.Delivered);
        Assert.Equal(0, f.Driver.Counters.Missed + f.Driver.Counters.Overflowed);
    }

    [Fact]
    public void Burst_frame_carries_8_byte_records_as_documented()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        f.Model.Enqueue(0x0123_4567_89ABL, 3);
        f.Bench.Bus.Frames.Clear();

        f.Drain();

        var burst = f.Bench.Bus.Frames.Single(fr => fr.Mosi[0] == R.OpReadFifo);
        Assert.Equal(10, burst.Mosi.Length);
        // time 0x0123456789AB, channel 3, no flags, sequence 0
        Assert.Equal(new byte[] { 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0x30, 0x00 }, burst.Miso[2..10]);
    }

    [Fact]
    public void Coarser_record_lsb_is_converted_exactly_from_femtoseconds()
    {
        // LSB 3906 fs (about 1/256 ns): 1 000 000 ps -> floor(1e9 / 3906) = 256016 units -> 256016 * 3.906 = 999998.496 ps.
        var f = new FifoTaggerFixture(lsbFemtoseconds: 3906);
        f.Driver.Start();
        f.Model.Enqueue(1_000_000, 0);

        var got = f.Drain();

        Assert.Equal(999_998L, got.Single().Ps);
        Assert.Equal(3906, f.Driver.TimeLsbFemtoseconds);
    }

    [Theory]
    [InlineData(1000L, 1L)]        // the register map's 1 ps unit: the identity
    [InlineData(5000L, 5L)]        // whole ps: one multiply
    [InlineData(4294967000L, 4294967L)]
    [InlineData(3906L, 0L)]        // not whole ps: the division
    [InlineData(1L, 0L)]
    public void Whole_picosecond_units_take_the_fast_path_with_the_divisions_exact_result(long lsbFemtoseconds, long picosecondsPerUnit)
    {
        Assert.Equal(picosecondsPerUnit, FifoTimeTagger.PicosecondsPerUnit(lsbFemtoseconds));

        // Against the driver's division form floor(units x lsb / 1000) on edge and random units, including units whose
        // product with a 4.3 us unit wraps a long (C#'s wrap-around: both forms agree modulo 2^64).
        var random = new Random(15);
        long[] edges = [0, 1, 999, 1000, 1001, (1L << 48) - 1, 1L << 48, long.MaxValue / 4294967, long.MaxValue];
        foreach (long units in edges.Concat(Enumerable.Range(0, 20000).Select(i => random.NextInt64(0, i % 2 == 0 ? 1L << 48 : long.MaxValue))))
        {
            long expected = unchecked((units / 1000) * lsbFemtoseconds + ((units % 1000) * lsbFemtoseconds) / 1000);
            Assert.Equal(expected, FifoTimeTagger.UnitsToPicoseconds(units, lsbFemtoseconds, picosecondsPerUnit));
        }
    }

    [Fact]
    public void Five_picosecond_units_read_back_as_the_floor_of_the_time()
    {
        // LSB 5000 fs: 1 000 003 ps -> floor(1 000 003 / 5) = 200 000 units -> 1 000 000 ps (the multiply path).
        var f = new FifoTaggerFixture(lsbFemtoseconds: 5000);
        f.Driver.Start();
        f.Model.Enqueue(1_000_003, 2);

        Assert.Equal(1_000_000L, f.Drain().Single().Ps);
    }

    [Fact]
    public void Time_is_extended_across_48_bit_rollovers_even_after_long_silences()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        const long wrap = 1L << 48; // 281.47 s at 1 ps
        long[] times = { 10_000_000_000_000, 250_000_000_000_000, wrap - 5, wrap + 7, 2 * wrap + 123_456, 5 * wrap + 1 };
        var got = new List<(long Ps, byte Channel)>();
        foreach (long t in times)
        {
            f.Model.Enqueue(t, 4);
            got.AddRange(f.Drain());
        }

        Assert.Equal(times, got.Select(g => g.Ps));
        Assert.Equal(5, f.Driver.Counters.Rollovers);
        Assert.Equal(0, f.Driver.Counters.Missed);
    }

    [Fact]
    public void Full_fifo_drops_are_counted_exactly_from_lost_count()
    {
        var f = new FifoTaggerFixture(depth: 16);
        f.Driver.Start();
        var times = Enumerable.Range(1, 40).Select(i => i * 1_000L).ToArray();
        f.Model.Enqueue(times, times.Select(_ => (byte)1).ToArray());

        var first = f.Drain();
        f.Model.Enqueue(100_000, 1);
        var second = f.Drain();

        Assert.Equal(15, first.Count); // one slot is reserved for time marks
        Assert.Equal(times.Take(15), first.Select(g => g.Ps));
        Assert.Equal(25, f.Driver.Counters.Overflowed);
        Assert.Equal(25u, f.Model.LostCount);
        Assert.Equal(100_000L, second.Single().Ps);
        Assert.Equal(0, f.Driver.Counters.Missed);
    }

    [Fact]
    public void Reset_in_the_middle_of_a_burst_counts_the_lost_records_and_keeps_time_monotonic()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        var times = Enumerable.Range(1, 50).Select(i => i * 10_000L).ToArray();
        f.Model.Enqueue(times, times.Select(i => (byte)(i % 4)).ToArray());
        f.Model.ResetDuringNextBurst(afterRecordBytes: 10 * R.RecordBytes);

        int n = f.Driver.ReadBatch(f.Times, f.Channels, 0, 64);
        Assert.Equal(10, n);
        Assert.Equal(times.Take(10), f.Times.Take(10));
        Assert.Equal(40, f.Driver.Counters.Missed);
        long lastBefore = f.Times[9];

        // The next batch finds RESET_SEEN and reconfigures; the tagger's clock restarted at 0, so the driver
        // continues after the last time delivered.
        Assert.Equal(0, f.Driver.ReadBatch(f.Times, f.Channels, 0, 64));
        Assert.Equal(1, f.Driver.Counters.Resets);
        f.Model.Enqueue(new long[] { 600_000, 700_000 }, new byte[] { 0, 0 });
        var after = f.Drain();

        Assert.Equal(1, f.Driver.Counters.Resets);
        Assert.Equal(2, after.Count);
        Assert.True(after[0].Ps > lastBefore);
        Assert.Equal(100_000L, after[1].Ps - after[0].Ps);
    }

    [Theory]
    [InlineData(BusAnswer.AllOnes)]
    [InlineData(BusAnswer.AllZeros)]
    public void A_tagger_that_does_not_answer_is_reported_absent_at_start(BusAnswer answer)
    {
        var f = new FifoTaggerFixture();
        f.Model.Answer = answer;

        var ex = Assert.Throws<HalException>(() => f.Driver.Start());

        Assert.Equal(HalFault.DeviceAbsent, ex.Fault);
        Assert.Equal("tagger", ex.Device);
    }

    [Theory]
    [InlineData(BusAnswer.AllOnes)]
    [InlineData(BusAnswer.AllZeros)]
    public void A_tagger_that_stops_answering_is_reported_on_the_next_batch(BusAnswer answer)
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        f.Model.Enqueue(1_000, 0);
        f.Model.Answer = answer;

        var ex = Assert.Throws<HalException>(() => f.Driver.ReadBatch(f.Times, f.Channels, 0, 16));

        Assert.Equal(HalFault.DeviceAbsent, ex.Fault);
    }

    [Fact]
    public void Ready_line_goes_low_with_records_waiting_and_high_when_drained()
    {
        var f = new FifoTaggerFixture();
        f.Driver.Start();
        Assert.False(f.Driver.DataReady);

        f.Model.Enqueue(5_000, 4);
        Assert.True(f.Driver.DataReady);

        f.Drain();
        Assert.False(f.Driver.DataReady);
        Assert.Equal(2, f.Ready.Edges.Count);
    }

    [Fact]
    public void Disabled_channels_produce_nothing()
    {
        var f = new FifoTaggerFixture(enableMask: 0x01);
        f.Driver.Start();
        f.Model.Enqueue(new long[] { 1_000, 2_000 }, new byte[] { 0, 1 });

        var got = f.Drain();

        Assert.Equal((1_000L, (byte)0), got.Single());
        Assert.Equal(1, f.Model.IgnoredEvents);
    }
}
