using GroundStation.Gsctl.Formats;

namespace GroundStation.Tests.Gsctl.Formats;

public class QcryptoRawFormatTests
{
    private static List<TimeTag> ReadAll(byte[] bytes, QcryptoVariant variant) =>
        QcryptoRawFormat.Read(new MemoryStream(bytes), variant).ToList();

    private static byte[] WriteAll(IEnumerable<TimeTag> tags, QcryptoVariant variant)
    {
        var stream = new MemoryStream();
        using var writer = new QcryptoRawWriter(stream, variant);
        foreach (var tag in tags)
        {
            Assert.True(writer.Write(tag));
        }

        writer.Finish();
        return stream.ToArray();
    }

    [Fact]
    public void A1_word_is_one_little_endian_ulong_with_time_in_1_256_ns_above_bit_10()
    {
        // 1 ns = 256 ticks of 1/256 ns; detector 2 is pattern bit 2: word = 256 << 10 | 0b0100 = 0x40004.
        byte[] bytes = [0x04, 0x00, 0x04, 0x00, 0, 0, 0, 0];
        Assert.Equal([new TimeTag(1000, 2)], ReadAll(bytes, QcryptoVariant.A1));
        Assert.Equal(bytes, WriteAll([new TimeTag(1000, 2)], QcryptoVariant.A1));
    }

    [Fact]
    public void Legacy_word_is_msw_then_lsw_with_time_in_1_8_ns_above_bit_15()
    {
        // 1 ns = 8 ticks of 1/8 ns; detector 0: word = 8 << 15 | 1 = 0x40001, msw 0, lsw 0x00040001.
        byte[] bytes = [0, 0, 0, 0, 0x01, 0x00, 0x04, 0x00];
        Assert.Equal([new TimeTag(1000, 0)], ReadAll(bytes, QcryptoVariant.Legacy));

        // Tick 2^17 sets bit 32 of the word, so msw = 1; detector 3 is lsw = 8.
        byte[] high = [0x01, 0, 0, 0, 0x08, 0, 0, 0];
        Assert.Equal([new TimeTag((1L << 17) * 125, 3)], ReadAll(high, QcryptoVariant.Legacy));
        Assert.Equal(high, WriteAll([new TimeTag((1L << 17) * 125, 3)], QcryptoVariant.Legacy));
    }

    [Fact]
    public void A1_ticks_round_trip_exactly_through_picoseconds()
    {
        var random = new Random(7);
        var words = new List<ulong>();
        ulong ticks = 0;
        for (var i = 0; i < 5000; i++)
        {
            ticks += (ulong)random.NextInt64(1, 1L << 30);
            words.Add(ticks << 10 | (1UL << random.Next(4)));
        }

        words.Add(QcryptoRawFormat.MaxTicks(QcryptoVariant.A1) << 10 | 8);
        var bytes = words.SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Equal(bytes, WriteAll(ReadAll(bytes, QcryptoVariant.A1), QcryptoVariant.A1));
    }

    [Fact]
    public void A_pattern_of_several_detectors_splits_into_events_and_merges_back()
    {
        // Detectors 0 and 3 in the same tick: pattern 0b1001.
        var word = 100UL << 10 | 0b1001;
        var bytes = BitConverter.GetBytes(word);
        var tags = ReadAll(bytes, QcryptoVariant.A1);
        Assert.Equal([new TimeTag(391, 0), new TimeTag(391, 3)], tags);
        Assert.Equal(bytes, WriteAll(tags, QcryptoVariant.A1));
    }

    [Fact]
    public void A1_bit_4_marks_a_dummy_event_and_all_zero_words_are_skipped()
    {
        var bytes = BitConverter.GetBytes(512UL << 10 | 0x10).Concat(new byte[8]).ToArray();
        Assert.Equal([new TimeTag(2000, 0, TimeTagKind.Dummy)], ReadAll(bytes, QcryptoVariant.A1));
    }

    [Fact]
    public void A_file_ending_inside_an_event_names_the_offset_of_the_partial_event()
    {
        var bytes = new byte[8 * 3 + 5];
        for (var i = 0; i < 3; i++)
        {
            BitConverter.GetBytes((ulong)(i + 1) << 10 | 1).CopyTo(bytes, i * 8);
        }

        var error = Assert.Throws<MalformedFileException>(() => ReadAll(bytes, QcryptoVariant.A1));
        Assert.Equal(24, error.Offset);
    }

    [Fact]
    public void Channels_beyond_four_detectors_are_refused_and_sync_records_skipped()
    {
        var writer = new QcryptoRawWriter(new MemoryStream(), QcryptoVariant.A1);
        Assert.Throws<UnrepresentableEventException>(() => writer.Write(new TimeTag(10, 4)));
        Assert.False(writer.Write(new TimeTag(2000, 0, TimeTagKind.Sync)));
        Assert.False(writer.Write(new TimeTag(3000, 20, TimeTagKind.UndefinedSpecial)));
    }

    [Theory]
    [InlineData((int)QcryptoVariant.Legacy)]
    [InlineData((int)QcryptoVariant.A1)]
    [InlineData((int)QcryptoVariant.A1Swapped)]
    public void Writers_keep_events_that_step_back_in_time_in_their_order(int variantCode)
    {
        var variant = (QcryptoVariant)variantCode;
        // As readevents7 writes them: the card orders by time, then adds each detector's skew, so detector 3
        // (skew -97 µs here, the largest step back of a public timestamp7 capture) lands before detector 0.
        TimeTag[] tags = [new(5_000_000_000, 0), new(4_903_000_000, 3), new(5_000_250_000, 1), new(5_000_250_000, 2)];
        Assert.Equal(tags, ReadAll(WriteAll(tags, variant), variant));
    }

    [Fact]
    public void A1x_word_is_the_a1_word_with_its_32_bit_halves_swapped()
    {
        // readevents7 -a1 -X: the 64-bit word (time in 1/256 ns above bit 10) is written as highword, lowword,
        // each little-endian. 1 µs + 7 ticks = 256 007 ticks = 1 000 027.34 ps; detector 1; bits 8-9 set as
        // readevents7's fast mode sets them (0x300). word = 256007 << 10 | 0x302 = 0x0FA01F02.
        var word = 256_007UL << 10 | 0x302;
        byte[] bytes = [0, 0, 0, 0, 0x02, 0x1F, 0xA0, 0x0F];
        Assert.Equal(word, (ulong)BitConverter.ToUInt32(bytes, 4));
        Assert.Equal([new TimeTag(1_000_027, 1)], ReadAll(bytes, QcryptoVariant.A1Swapped));

        // Read as legacy (1/8 ns above bit 15), the same bytes lose the five finest bits: 256007 >> 5 = 8000 ticks.
        Assert.Equal([new TimeTag(1_000_000, 1)], ReadAll(bytes, QcryptoVariant.Legacy));

        // The writer leaves bits 5-9 (card status) clear; otherwise the bytes come back as they were.
        byte[] clean = [0, 0, 0, 0, 0x02, 0x1C, 0xA0, 0x0F];
        Assert.Equal(clean, WriteAll([new TimeTag(1_000_027, 1)], QcryptoVariant.A1Swapped));
    }

    [Fact]
    public void A1x_roll_over_dummies_stay_dummies_and_become_detections_only_when_misread_as_legacy()
    {
        // A readevents7 fast-mode roll-over dummy as found in a real capture: low bits 0x338 = bits 8-9 (fast
        // mode), bit 5, bit 4 (roll-over flag) and pattern 0b1000. Time 2^20 ticks = 4 096 000 ps.
        var word = 1UL << 30 | 0x338;
        var bytes = new byte[8];
        BitConverter.GetBytes((uint)(word >> 32)).CopyTo(bytes, 0);
        BitConverter.GetBytes((uint)word).CopyTo(bytes, 4);
        Assert.Equal([new TimeTag(4_096_000, 8, TimeTagKind.Dummy)], ReadAll(bytes, QcryptoVariant.A1Swapped));
        Assert.Equal([new TimeTag(4_096_000, 3)], ReadAll(bytes, QcryptoVariant.Legacy));
    }
}
