using GroundStation.Firmware.Drivers.FifoTagger;
using GroundStation.Hal.Fakes;
using GroundStation.NativeCore;

namespace GroundStation.Tests.NativeCore;

/// <summary>
/// The native FIFO record loop (gs_fifo) against the managed driver (FifoTimeTagger + RolloverExtender, the
/// reference) on the same burst bytes: every event time and channel, and Delivered, Missed, Rollovers and the
/// overflow accounting, on fuzzed streams with roll-overs, gaps, late records, resets and garbage.
/// </summary>
public class FifoDecodeDifferentialTests
{
    private const long TimeModulus = 1L << 48;

    [NativeTheory]
    [InlineData(1, 1000L)]          // 1 ps per unit (the map default): the identity path
    [InlineData(2, 1L)]
    [InlineData(3, 12345L)]
    [InlineData(4, 4294967295L)]
    [InlineData(5, 1000L)]
    [InlineData(6, 78125L)]
    [InlineData(7, 5000L)]          // whole ps per unit: the multiply path
    [InlineData(8, 4294967000L)]    // the multiply path where the 64-bit time wraps
    public void Native_decode_matches_the_managed_driver_on_a_fuzzed_stream(int seed, long lsbFemtoseconds)
    {
        var random = new Random(seed);
        var spi = new ScriptedFifoTagger(lsbFemtoseconds);
        var tagger = new FifoTimeTagger(spi);
        tagger.Start();

        var managedTimes = new List<long>();
        var managedChannels = new List<byte>();
        var times = new long[256];
        var channels = new byte[256];
        long units = random.NextInt64(0, TimeModulus);
        int sequence = 0;
        for (int round = 0; round < 300; round++)
        {
            int records = random.Next(0, 200);
            for (int k = 0; k < records; k++)
            {
                spi.Enqueue(FuzzedRecord(random, ref units, ref sequence));
            }

            if (random.Next(40) == 0)
            {
                spi.SignalReset();
                units = random.NextInt64(0, 1L << 30); // the tagger's clock restarted
            }

            // Drain what is queued in batches of varying size, as the loop does.
            while (spi.Queued > 0)
            {
                int max = random.Next(1, times.Length + 1);
                int n = tagger.ReadBatch(times, channels, 0, max);
                managedTimes.AddRange(times.Take(n));
                managedChannels.AddRange(channels.Take(n));
            }
        }

        // Replay every burst the driver read through the native decoder.
        using var decoder = new NativeFifoDecoder();
        decoder.Start(lsbFemtoseconds);
        var nativeTimes = new List<long>();
        var nativeChannels = new List<byte>();
        int overflowStops = 0;
        foreach (var (resetBefore, burst) in spi.Bursts)
        {
            if (resetBefore)
            {
                decoder.OnReset();
            }

            int count = burst.Length / 8;
            int next = 0;
            int outIndex = 0;
            while (true)
            {
                int r = decoder.Decode(burst, 0, count, ref next, times, channels, outIndex, out int written);
                outIndex += written;
                if (r == NativeFifoDecoder.Done)
                {
                    break;
                }

                overflowStops++; // here the bus owner reads LOST_COUNT, as the managed driver did
            }

            nativeTimes.AddRange(times.Take(outIndex));
            nativeChannels.AddRange(channels.Take(outIndex));
        }

        // (With a 4.3 us time unit the 64-bit ps time wraps within the stream and most records go backwards: both
        // sides must still agree on every one.)
        Assert.True(managedTimes.Count > (lsbFemtoseconds > 1_000_000 ? 100 : 10000), "the stream delivers events");
        Assert.True(tagger.Counters.Rollovers > 0, "the stream rolls over");
        Assert.True(tagger.Counters.Missed > 0, "the stream has garbage");
        Assert.Equal(managedChannels, nativeChannels);
        Assert.Equal(managedTimes, nativeTimes);
        NativeFifoCounters c = decoder.Counters;
        Assert.Equal(tagger.Counters.Delivered, c.Delivered);
        Assert.Equal(tagger.Counters.Missed, c.Missed);
        Assert.Equal(tagger.Counters.Rollovers, c.Rollovers);
        Assert.True(overflowStops > 0, "the stream has overflow flags");
        Assert.Equal(spi.LostCountReads, overflowStops);
    }

    [NativeFact]
    public void Native_decode_resumes_after_an_overflow_stop_into_output_arrays_sized_to_the_batch()
    {
        // The device reads 64-record batches into 64-element arrays. A burst of 64 records whose 11th carries the
        // overflow flag stops after 10 events; the resumed call decodes the remaining 54 from output index 10, which
        // fits (10 + 54 = 64) although index + burst length (74) does not.
        const int batch = 64;
        var managedSpi = new ScriptedFifoTagger(1000);
        var nativeSpi = new ScriptedFifoTagger(1000);
        var managed = new FifoTimeTagger(managedSpi);
        var native = new FifoTimeTagger(nativeSpi);
        using var decoder = new NativeFifoDecoder();
        native.UseDecoder(decoder);
        managed.Start();
        native.Start();
        for (int r = 0; r < batch; r++)
        {
            var record = new byte[8];
            long units = 1_000_000L * (r + 1);
            for (int b = 0; b < 6; b++)
            {
                record[b] = (byte)(units >> (40 - 8 * b));
            }

            record[6] = (byte)(((r % 4) << 4) | (r == 10 || r == 40 ? FifoTaggerRegisters.FlagOverflowBefore : 0));
            record[7] = (byte)r;
            managedSpi.Enqueue(record);
            nativeSpi.Enqueue((byte[])record.Clone());
        }

        var managedTimes = new long[batch];
        var managedChannels = new byte[batch];
        var nativeTimes = new long[batch];
        var nativeChannels = new byte[batch];
        Assert.Equal(batch, managed.ReadBatch(managedTimes, managedChannels, 0, batch));
        Assert.Equal(batch, native.ReadBatch(nativeTimes, nativeChannels, 0, batch));
        Assert.Equal(managedTimes, nativeTimes);
        Assert.Equal(managedChannels, nativeChannels);
        Assert.Equal(2, nativeSpi.LostCountReads);
        Assert.Equal(managed.Counters.Overflowed, native.Counters.Overflowed);
        Assert.Equal(1_000_000L * batch, nativeTimes[batch - 1]); // 1 ps units: the last record's time
    }

    [NativeFact]
    public void Native_decode_refuses_output_arrays_too_short_for_what_remains_of_the_burst()
    {
        using var decoder = new NativeFifoDecoder();
        decoder.Start(1000);
        var burst = new byte[64 * 8];
        int next = 10;
        var times = new long[63];
        var channels = new byte[63];

        // 54 records remain; from index 10 they need 64 elements.
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            decoder.Decode(burst, 0, 64, ref next, times, channels, 10, out _));
        int badNext = 65;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            decoder.Decode(burst, 0, 64, ref badNext, new long[64], new byte[64], 0, out _));
    }

    [NativeFact]
    public void Units_convert_to_picoseconds_as_the_driver_does_without_64_bit_division()
    {
        // Hand-computed: 1 ps units are the identity; 1 fs units floor to whole ps; 12.5 ps units.
        Assert.Equal(1234567L, NativeFifoDecoder.UnitsToPicoseconds(1234567, 1000));
        Assert.Equal(1234L, NativeFifoDecoder.UnitsToPicoseconds(1234567, 1));
        Assert.Equal(125L, NativeFifoDecoder.UnitsToPicoseconds(10, 12500));
        var random = new Random(7);
        for (int i = 0; i < 100000; i++)
        {
            long units = random.Next(3) switch
            {
                0 => random.NextInt64(0, 1L << 20),
                1 => random.NextInt64(0, 1L << 50),
                _ => random.NextInt64(0, long.MaxValue),
            };
            long lsb = random.Next(2) == 0 ? random.NextInt64(1, 100000) : random.NextInt64(1, 1L << 32);
            long expected = unchecked((units / 1000) * lsb + ((units % 1000) * lsb) / 1000);
            Assert.Equal(expected, NativeFifoDecoder.UnitsToPicoseconds(units, lsb));
        }
    }

    /// <summary>One 8-byte record: mostly events moving forward, with late ones, marks, garbage and gaps.</summary>
    private static byte[] FuzzedRecord(Random random, ref long units, ref int sequence)
    {
        int channel;
        int flags = 0;
        long time;
        int kind = random.Next(1000);
        units += random.Next(10) switch
        {
            0 => random.NextInt64(1_000_000, 1_000_000_000),
            1 when random.Next(20) == 0 => random.NextInt64(1L << 40, 1L << 46), // a long gap: several roll-overs over the stream
            _ => random.Next(0, 20000),
        };
        if (kind < 10)
        {
            channel = FifoTaggerRegisters.ChannelTimeMark;
            time = units;
        }
        else if (kind < 16)
        {
            channel = random.Next(8, 14); // no such input
            time = units;
        }
        else if (kind < 19)
        {
            channel = random.Next(8);
            flags = 2 << random.Next(3); // a reserved flag
            time = units;
        }
        else if (kind < 20)
        {
            channel = FifoTaggerRegisters.ChannelFiller; // the FIFO emptied under the burst
            time = 0;
        }
        else
        {
            channel = random.Next(10) < 8 ? random.Next(5) : random.Next(8);
            time = random.Next(30) == 0 ? units - random.Next(1, 50000) : units; // a late record on its input
        }

        if (random.Next(150) == 0)
        {
            flags |= FifoTaggerRegisters.FlagOverflowBefore;
        }

        if (random.Next(100) == 0)
        {
            sequence += random.Next(1, 300); // records missing before this one
        }

        long raw = time & (TimeModulus - 1);
        var record = new byte[8];
        for (int b = 0; b < 6; b++)
        {
            record[b] = (byte)(raw >> (40 - 8 * b));
        }

        record[6] = (byte)((channel << 4) | flags);
        record[7] = (byte)sequence;
        sequence = (sequence + 1) & 0xFF;
        return record;
    }
}
