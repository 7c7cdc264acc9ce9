using GroundStation.Gsctl.Formats;

namespace GroundStation.Tests.Gsctl.Formats;

public class PtuT2Tests
{
    private static List<TimeTag> Read(byte[] bytes) => PtuT2Reader.Read(new MemoryStream(bytes)).ToList();

    [Fact]
    public void HydraHarp_v2_file_with_a_zero_record_count_is_read_to_the_end()
    {
        // Record layout: special(1) | channel(6) | time(25). Resolution 1 ps.
        var bytes = PtuBytes.T2Header(0x01010204, 1e-12, numberOfRecords: 0).Records(
            1u << 25 | 100,                   // input channel 1 at 100 ps
            0x80000000u | 0x3Fu << 25 | 2,    // overflow record carrying 2 wraps of 2^25
            0u << 25 | 5,                     // input channel 0 at 2*2^25 + 5
            0x80000000u | 7,                  // sync (special, channel 0)
            0x80000000u | 3u << 25 | 9,       // marker bits 3
            0x80000000u | 0x3Fu << 25)        // old-style overflow: time 0 means one wrap
            .Records(2u << 25 | 1).ToArray();
        Assert.Equal(
        [
            new TimeTag(100, 1),
            new TimeTag(2 * 33554432L + 5, 0),
            new TimeTag(2 * 33554432L + 7, 0, TimeTagKind.Sync),
            new TimeTag(2 * 33554432L + 9, 3, TimeTagKind.Marker),
            new TimeTag(3 * 33554432L + 1, 2),
        ], Read(bytes));
    }

    [Fact]
    public void HydraHarp_v1_overflow_adds_33552000_ticks_each()
    {
        var bytes = PtuBytes.T2Header(0x00010204, 1e-12, 3).Records(
            0xFE000000u | 12345,              // v1 ignores the count field: one wrap
            0xFE000000u,
            4u << 25 | 10).ToArray();
        Assert.Equal([new TimeTag(2 * 33552000L + 10, 4)], Read(bytes));
    }

    [Fact]
    public void PicoHarp_records_use_4_ps_ticks_a_210698240_tick_wrap_and_marker_bits_in_special_records()
    {
        var bytes = PtuBytes.T2Header(0x00010203, 4e-12, 4).Records(
            2u << 28 | 10,                    // channel 2, 10 ticks = 40 ps
            0xF0000000u,                      // special with no marker bits: overflow
            0u << 28 | 1,                     // channel 0 one tick after the wrap
            0xF0000105u).ToArray();           // markers 0b0101, time field 0x105
        Assert.Equal(
        [
            new TimeTag(40, 2),
            new TimeTag((210698240L + 1) * 4, 0),
            new TimeTag((210698240L + 0x105) * 4, 5, TimeTagKind.Marker),
        ], Read(bytes));
    }

    [Fact]
    public void A_declared_record_count_is_honoured_and_trailing_bytes_beyond_it_ignored()
    {
        var bytes = PtuBytes.T2Header(0x01010204, 1e-12, 1).Records(1u << 25 | 1, 1u << 25 | 2).Raw([1, 2]).ToArray();
        Assert.Equal([new TimeTag(1, 1)], Read(bytes));
    }

    [Fact]
    public void A_file_shorter_than_its_declared_record_count_is_rejected_at_its_end()
    {
        var header = PtuBytes.T2Header(0x01010204, 1e-12, 3);
        var bytes = header.Records(1u << 25 | 1, 1u << 25 | 2).ToArray();
        var error = Assert.Throws<MalformedFileException>(() => Read(bytes));
        Assert.Equal(bytes.Length, error.Offset);
        Assert.Contains("after 2 records", error.Message);
    }

    [Fact]
    public void A_file_ending_inside_a_record_names_the_offset_of_the_partial_record()
    {
        var header = PtuBytes.T2Header(0x01010204, 1e-12, 0);
        var recordsStart = header.Length;
        var bytes = header.Records(1u << 25 | 1).Raw([0xAA, 0xBB]).ToArray();
        var error = Assert.Throws<MalformedFileException>(() => Read(bytes));
        Assert.Equal(recordsStart + 4, error.Offset);
    }

    [Fact]
    public void Wrong_magic_is_rejected_at_offset_zero()
    {
        var bytes = new PtuBytes("PQHIST").End().ToArray();
        var error = Assert.Throws<MalformedFileException>(() => Read(bytes));
        Assert.Equal(0, error.Offset);
        Assert.Contains("not a PTU file", error.Message);
    }

    [Fact]
    public void A_header_without_Header_End_and_an_unknown_tag_type_are_rejected_with_offsets()
    {
        var truncated = new PtuBytes().Int("TTResultFormat_TTTRRecType", 0x01010204).ToArray();
        var error = Assert.Throws<MalformedFileException>(() => Read(truncated));
        Assert.Equal(truncated.Length, error.Offset);

        var unknown = new PtuBytes().Tag("Weird", 0x77000008, new byte[8]).End().ToArray();
        error = Assert.Throws<MalformedFileException>(() => Read(unknown));
        Assert.Equal(16 + 36, error.Offset);
    }

    [Fact]
    public void T3_files_are_refused_with_their_record_type()
    {
        var bytes = PtuBytes.T2Header(0x00010307, 1e-12, 0).ToArray();
        var error = Assert.Throws<MalformedFileException>(() => Read(bytes));
        Assert.Contains("0x00010307 is a T3 record type", error.Message);
    }

    [Theory]
    [InlineData((int)PtuT2Layout.PicoHarp, 4)]
    [InlineData((int)PtuT2Layout.HydraHarpV1, 1)]
    [InlineData((int)PtuT2Layout.HydraHarpV2, 1)]
    [InlineData((int)PtuT2Layout.MultiHarp, 5)]
    public void Writer_round_trips_through_the_reader_across_many_wraps(int layoutCode, long resolutionPicoseconds)
    {
        var layout = (PtuT2Layout)layoutCode;
        var random = new Random((int)layout);
        var maxChannel = PtuT2Format.MaxChannel(layout);
        var tags = new List<TimeTag>();
        long ticks = 0;
        for (var i = 0; i < 3000; i++)
        {
            // Gaps from one tick to a few hundred wraps: the writer must emit (possibly multi-wrap) overflows.
            ticks += random.Next(4) == 0 ? random.NextInt64(1, 300L * PtuT2Format.Wrap(layout)) : random.Next(1, 5000);
            var kind = layout != PtuT2Layout.PicoHarp && random.Next(10) == 0 ? TimeTagKind.Sync : TimeTagKind.Detection;
            tags.Add(new TimeTag(ticks * resolutionPicoseconds, kind == TimeTagKind.Sync ? 0 : random.Next(maxChannel + 1), kind));
        }

        var stream = new MemoryStream();
        var writer = new PtuT2Writer(stream, layout, resolutionPicoseconds);
        foreach (var tag in tags)
        {
            Assert.True(writer.Write(tag));
        }

        writer.Finish();
        var header = PtuHeader.Read(new MemoryStream(stream.ToArray()));
        Assert.Equal(writer.RecordCount, header.GetInt(PtuHeader.NumberOfRecordsTag, 0));
        Assert.True(writer.RecordCount > tags.Count, "gaps of many wraps need overflow records");
        Assert.Equal(tags, Read(stream.ToArray()));
    }

    [Fact]
    public void HydraHarp_special_records_with_channel_codes_16_to_62_are_neither_markers_nor_time_and_copy_unchanged()
    {
        // PicoQuant's record specification defines special channel 0 (sync), 1-15 (marker bits) and 63 (overflow);
        // 16-62 have no meaning, and PicoQuant's reference reader skips them without touching the time.
        uint[] records =
        [
            1u << 25 | 100,                   // input channel 1 at 100 ps
            0x80000000u | 16u << 25 | 200,    // undefined special code 16
            0x80000000u | 0x3Fu << 25 | 1,    // one overflow
            0x80000000u | 62u << 25 | 300,    // undefined special code 62, in the second period
            0x80000000u | 15u << 25 | 400,    // markers 0b1111: still markers
        ];
        var bytes = PtuBytes.T2Header(0x01010204, 1e-12, records.Length).Records(records).ToArray();
        var tags = Read(bytes);
        Assert.Equal(
        [
            new TimeTag(100, 1),
            new TimeTag(200, 16, TimeTagKind.UndefinedSpecial),
            new TimeTag(33554432L + 300, 62, TimeTagKind.UndefinedSpecial),
            new TimeTag(33554432L + 400, 15, TimeTagKind.Marker),
        ], tags);

        // Written back as HydraHarp v2 at 1 ps, the records are the same words.
        var stream = new MemoryStream();
        var writer = new PtuT2Writer(stream);
        Assert.All(tags, tag => Assert.True(writer.Write(tag)));
        writer.Finish();
        var header = PtuHeader.Read(new MemoryStream(stream.ToArray()));
        var written = stream.ToArray()[(int)header.RecordsOffset..];
        Assert.Equal(records, Enumerable.Range(0, written.Length / 4).Select(i => BitConverter.ToUInt32(written, 4 * i)));

        // A PicoHarp T2 record has no place for them (its special records are markers or overflows).
        Assert.False(new PtuT2Writer(new MemoryStream(), PtuT2Layout.PicoHarp, 4).Write(tags[1]));
    }

    [Fact]
    public void Writer_puts_events_that_step_back_across_an_overflow_boundary_in_time_order()
    {
        // HydraHarp v2 at 1 ps wraps every 2^25 ps = 33.6 µs. Detector 3 is 97 µs late in the input (a real
        // timestamp7 skew): it belongs three periods back, so it must be written before the overflows after it.
        const long wrap = 1L << 25;
        TimeTag[] input = [new(wrap - 10, 0), new(2 * wrap + 5, 1), new(4 * wrap, 2), new(4 * wrap - 97_000_000, 3), new(4 * wrap, 0)];
        var stream = new MemoryStream();
        var writer = new PtuT2Writer(stream);
        Assert.All(input, tag => Assert.True(writer.Write(tag)));
        writer.Finish();
        Assert.Equal(input.OrderBy(t => t.TimePicoseconds), Read(stream.ToArray()));
    }

    [Fact]
    public void Writer_refuses_an_event_further_back_than_it_reorders_and_says_how_far()
    {
        var writer = new PtuT2Writer(new MemoryStream());
        writer.Write(new TimeTag(5_000_000_000, 0));
        writer.Write(new TimeTag(4_000_000_000, 1));   // 1 ms back: still reordered
        var error = Assert.Throws<UnrepresentableEventException>(() => writer.Write(new TimeTag(3_999_999_999, 2)));
        Assert.Equal("it is 1 ms earlier than an event before it; T2 records cannot step back across an overflow record, " +
                     "and gsctl puts events in time order only within 1 ms (detector skews stay well below)", error.Message);
    }

    [Fact]
    public void A_writer_on_a_stream_that_cannot_seek_leaves_the_record_count_at_zero_and_readers_still_get_every_event()
    {
        var inner = new MemoryStream();
        var writer = new PtuT2Writer(new ForwardOnlyStream(inner));
        writer.Write(new TimeTag(5, 1));
        writer.Write(new TimeTag(1L << 40, 2));
        writer.Finish();
        var bytes = inner.ToArray();
        Assert.Equal(0, PtuHeader.Read(new MemoryStream(bytes)).GetInt(PtuHeader.NumberOfRecordsTag, 0));
        Assert.Equal([new TimeTag(5, 1), new TimeTag(1L << 40, 2)], Read(bytes));
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
