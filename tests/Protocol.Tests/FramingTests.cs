using GroundStation.Protocol;

namespace GroundStation.Tests.Protocol;

public class FramingTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void Crc16_of_the_standard_check_string_is_0x29B1()
    {
        var data = "123456789"u8.ToArray();
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(data, 0, data.Length));
    }

    [Theory]
    [InlineData("00", "01 01")]
    [InlineData("00 00", "01 01 01")]
    [InlineData("11 22 00 33", "03 11 22 02 33")]
    [InlineData("11 22 33 44", "05 11 22 33 44")]
    [InlineData("11 00 00 00", "02 11 01 01 01")]
    public void Cobs_matches_the_published_examples(string raw, string encoded)
    {
        var source = Hex(raw);
        var output = new byte[Cobs.MaxEncodedLength(source.Length)];
        int length = Cobs.Encode(source, 0, source.Length, output, 0);
        Assert.Equal(Hex(encoded), output[..length]);
        var decoded = new byte[source.Length];
        Assert.Equal(source.Length, Cobs.Decode(output, 0, length, decoded, 0));
        Assert.Equal(source, decoded);
    }

    [Fact]
    public void Cobs_splits_runs_of_254_nonzero_bytes()
    {
        var source = Enumerable.Range(1, 254).Select(i => (byte)i).ToArray();
        var output = new byte[Cobs.MaxEncodedLength(source.Length)];
        int length = Cobs.Encode(source, 0, source.Length, output, 0);
        Assert.Equal(256, length);
        Assert.Equal(0xFF, output[0]);
        Assert.Equal(0x01, output[255]);
        Assert.DoesNotContain((byte)0, output[..length]);
    }

    /// <summary>The worked example of protocol/README.md ("A Hello on the wire"), byte for byte.</summary>
    [Fact]
    public void Hello_frame_matches_the_specification_example()
    {
        var hello = new HelloPayload { Major = 1, Minor = 0, SessionId = 0, ReceiveNext = 0, ReceiveWindow = 33, MaxPayload = 1024 };
        var payload = new byte[HelloPayload.Length];
        hello.Write(payload, 0);
        Assert.Equal(Hex("01 00 00000000 00000000 2100 0004"), payload);

        var wire = new byte[Frame.MaxWireLength(payload.Length)];
        int length = new FrameWriter().Write(MessageType.Hello, 0, 0, 0, payload, 0, payload.Length, wire, 0);
        Assert.Equal(Hex(SpecExamples.HelloWire), wire[..length]);
    }

    [Fact]
    public void Command_frame_matches_the_specification_example()
    {
        var payload = new byte[64];
        int count = CommandPayload.WriteCommand(payload, 0, 7, "*IDN?");
        var wire = new byte[Frame.MaxWireLength(count)];
        int length = new FrameWriter().Write(MessageType.Command, 0, 0, 5, payload, 0, count, wire, 0);
        Assert.Equal(Hex(SpecExamples.CommandWire), wire[..length]);
    }

    [Fact]
    public void Sequenced_data_frame_matches_the_specification_example()
    {
        var payload = Hex("DE AD BE EF");
        var wire = new byte[Frame.MaxWireLength(payload.Length)];
        int length = new FrameWriter().Write((MessageType)0x42, Frame.FlagSequenced, 0x12345678, 3, payload, 0, 4, wire, 0);
        Assert.Equal(Hex(SpecExamples.DataWire), wire[..length]);
    }

    [Fact]
    public void Decoder_returns_each_written_frame_with_its_fields()
    {
        var random = new Random(5);
        var writer = new FrameWriter();
        var decoder = new FrameDecoder(Frame.MaxPayload);
        var wire = new byte[Frame.MaxWireLength(Frame.MaxPayload)];
        for (int round = 0; round < 2000; round++)
        {
            var payload = new byte[random.Next(0, Frame.MaxPayload + 1)];
            random.NextBytes(payload);
            if (round % 3 == 0)
            {
                Array.Clear(payload); // all zeros: the worst case for stuffing
            }

            uint seq = (uint)random.Next();
            uint ack = (uint)random.Next();
            byte flags = (byte)(round & 1);
            int length = writer.Write((MessageType)(round & 0xFF), flags, seq, ack, payload, 0, payload.Length, wire, 0);
            Assert.True(length <= Frame.MaxWireLength(payload.Length));
            Assert.DoesNotContain((byte)0, wire[1..(length - 1)]);
            int good = 0;
            for (int i = 0; i < length; i++)
            {
                if (decoder.Push(wire[i]))
                {
                    good++;
                    Assert.Equal((MessageType)(round & 0xFF), decoder.Type);
                    Assert.Equal(seq, decoder.Seq);
                    Assert.Equal(ack, decoder.Ack);
                    Assert.Equal(flags == 1, decoder.IsSequenced);
                    Assert.Equal(payload, decoder.Buffer.AsSpan(decoder.PayloadOffset, decoder.PayloadLength).ToArray());
                }
            }

            Assert.Equal(1, good);
        }

        Assert.Equal(0, decoder.RejectedFrames);
    }

    [Fact]
    public void Corrupted_and_oversized_frames_are_counted_and_the_next_good_frame_still_decodes()
    {
        var writer = new FrameWriter();
        var decoder = new FrameDecoder(16);
        var wire = new byte[Frame.MaxWireLength(64)];
        var payload = new byte[64];

        payload[0] = 0x11;
        payload[1] = 0x22;
        payload[2] = 0x33;
        payload[3] = 0x44;
        int length = writer.Write(MessageType.Ack, 0, 1, 2, payload, 0, 4, wire, 0);
        wire[Array.IndexOf(wire, (byte)0x33)] ^= 0x10; // a payload byte, not a COBS code byte
        Feed(decoder, wire, length);
        Assert.Equal(1, decoder.CrcErrors);

        length = writer.Write(MessageType.Ack, 0, 1, 2, payload, 0, 64, wire, 0);
        Feed(decoder, wire, length);
        Assert.Equal(1, decoder.OversizedFrames);

        Feed(decoder, Hex("00 03 11 22 00"), 5);
        Assert.Equal(1, decoder.MalformedFrames);

        length = writer.Write(MessageType.Ack, 0, 1, 2, payload, 0, 4, wire, 0);
        Assert.Equal(1, Feed(decoder, wire, length));
        Assert.Equal(3, decoder.RejectedFrames);
    }

    [Fact]
    public void Decoding_allocates_nothing()
    {
        var writer = new FrameWriter();
        var decoder = new FrameDecoder(Frame.MaxPayload);
        var wire = new byte[Frame.MaxWireLength(512)];
        var payload = new byte[512];
        new Random(1).NextBytes(payload);
        int length = writer.Write(MessageType.Ack, 1, 1, 2, payload, 0, 512, wire, 0);
        Feed(decoder, wire, length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            length = writer.Write(MessageType.Ack, 1, (uint)i, 2, payload, 0, 512, wire, 0);
            Feed(decoder, wire, length);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101, decoder.FramesAccepted);
    }

    internal static int Feed(FrameDecoder decoder, byte[] bytes, int count)
    {
        int frames = 0;
        for (int i = 0; i < count; i++)
        {
            if (decoder.Push(bytes[i]))
            {
                frames++;
            }
        }

        return frames;
    }
}
