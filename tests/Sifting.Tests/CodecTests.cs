using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.Sifting;

public class CodecTests
{
    private static readonly long[] Slots = [5, 6, 300, 1_000_000_007];
    private static readonly byte[] Bases = [0, 1, 1, 0];

    private static byte[] Announce()
    {
        var buffer = new byte[64];
        var n = SiftAnnounceCodec.Encode(buffer, 0, 7, Slots, Bases, Slots.Length);
        return buffer[..n];
    }

    [Fact]
    public void Announce_has_the_documented_bytes_and_round_trips()
    {
        var payload = Announce();

        // batch 7, count 4, first slot 5, deltas 1, 294 (0xA6 0x02), 999999707 (4 bytes), bases 0b0110.
        Assert.Equal(new byte[] { 7, 4, 5, 1, 0xA6, 0x02, 0xDB, 0x91, 0xEB, 0xDC, 0x03, 0b0110 }, payload);
        Assert.Equal(payload.Length, SiftAnnounceCodec.HeaderLength(7, 4, 5) + 1 + 2 + 5 + 1);
        var slots = new long[4];
        var bases = new byte[4];
        Assert.True(SiftAnnounceCodec.TryDecode(payload, 0, payload.Length, out var batch, slots, bases, out var count));
        Assert.Equal(7u, batch);
        Assert.Equal(4, count);
        Assert.Equal(Slots, slots);
        Assert.Equal(Bases, bases);
    }

    [Fact]
    public void Announce_rejects_equal_slots_on_encode_and_zero_deltas_on_decode()
    {
        Assert.Equal(-1, SiftAnnounceCodec.Encode(new byte[64], 0, 0, [4, 4], [0, 0], 2));
        byte[] zeroDelta = [0, 2, 4, 0, 0];
        Assert.False(SiftAnnounceCodec.TryDecode(zeroDelta, 0, zeroDelta.Length, out _, new long[2], new byte[2], out _));
    }

    [Fact]
    public void Announce_rejects_padding_bits_and_too_small_arrays()
    {
        var payload = Announce();
        payload[^1] |= 0x80;
        Assert.False(SiftAnnounceCodec.TryDecode(payload, 0, payload.Length, out _, new long[4], new byte[4], out _));
        var good = Announce();
        Assert.False(SiftAnnounceCodec.TryDecode(good, 0, good.Length, out _, new long[3], new byte[3], out _));
    }

    [Fact]
    public void Match_round_trips_and_rejects_a_match_on_a_slot_never_sent()
    {
        byte[] matches = [1, 0, 0, 1, 1];
        byte[] classes = [0, 3, 2, 1, 0];
        var buffer = new byte[16];
        var n = SiftMatchCodec.Encode(buffer, 0, 300, matches, classes, 5);
        Assert.Equal(SiftMatchCodec.Length(300, 5), n);

        // batch 300 (2 bytes), count 5, match bits 0b11001, classes 0,3,2,1 | 0.
        Assert.Equal(new byte[] { 0xAC, 0x02, 5, 0b11001, 0b01_10_11_00, 0b00 }, buffer[..n]);
        Assert.True(SiftMatchCodec.TryDecode(buffer, 0, n, out var batch, out var count, out var m, out var c));
        Assert.Equal((300u, 5), (batch, count));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(matches[i], SiftWire.GetBit(buffer, m, i));
            Assert.Equal(classes[i], SiftWire.GetPair(buffer, c, i));
        }

        buffer[m] |= 0b10; // slot 1 is "not sent" but marked as a match
        Assert.False(SiftMatchCodec.TryDecode(buffer, 0, n, out _, out _, out _, out _));
        Assert.Equal(-1, SiftMatchCodec.Encode(new byte[16], 0, 0, [1], [3], 1));
    }

    [Fact]
    public void Estimation_messages_round_trip()
    {
        var buffer = new byte[64];
        var n = SiftEstimateRequestCodec.Encode(buffer, 0, 9, 150);
        Assert.True(SiftEstimateRequestCodec.TryDecode(buffer, 0, n, out var block, out var k));
        Assert.Equal((9u, 150), (block, k));

        var mask = new byte[4];
        byte[] key = [0xFF, 0x00, 0xFF, 0x00];
        foreach (var position in new[] { 1, 8, 17, 31 })
        {
            SiftWire.SetBit(mask, 0, position, 1);
        }

        n = SiftEstimateSampleCodec.Encode(buffer, 0, 2, 32, mask, 4, key);
        var positions = new int[4];
        var bits = new byte[4];
        Assert.True(SiftEstimateSampleCodec.TryDecode(buffer, 0, n, out block, out var blockBits, positions, bits, out k));
        Assert.Equal((2u, 32, 4), (block, blockBits, k));
        Assert.Equal(new[] { 1, 8, 17, 31 }, positions);
        Assert.Equal(new byte[] { 1, 0, 1, 0 }, bits);

        n = SiftEstimateReferenceCodec.Encode(buffer, 0, 2, [1, 1, 0, 1], 4);
        Assert.True(SiftEstimateReferenceCodec.TryDecode(buffer, 0, n, out block, out k, out var start));
        Assert.Equal(0b1011, buffer[start]);

        int[] sampled = [10, 2, 5, 1, 3, 0];
        int[] errors = [1, 0, 2, 1, 2, 0];
        n = SiftEstimateResultCodec.Encode(buffer, 0, 4, SiftEstimateResultCodec.VerdictAlarm, 110000, sampled, errors);
        var s2 = new int[6];
        var e2 = new int[6];
        Assert.True(SiftEstimateResultCodec.TryDecode(buffer, 0, n, out block, out var verdict, out var threshold, s2, e2));
        Assert.Equal((4u, (byte)1, 110000), (block, verdict, threshold));
        Assert.Equal(sampled, s2);
        Assert.Equal(errors, e2);

        n = SiftAlarmCodec.Encode(buffer, 0, 4, 0, 1, 200000, 2, 10);
        Assert.True(SiftAlarmCodec.TryDecode(buffer, 0, n, out block, out var cls, out var basis, out var qber, out var err, out var smp));
        Assert.Equal((4u, 0, 1, 200000, 2, 10), (block, cls, basis, qber, err, smp));
    }

    [Fact]
    public void Sifted_block_groups_bits_by_class_in_sifting_order()
    {
        // Interleaved: bits 1,0,1,1 with classes signal, decoy, signal, vacuum and bases Z, X, X, Z.
        var key = new byte[1];
        var bases = new byte[1];
        var classes = new byte[1];
        int[] bitValues = [1, 0, 1, 1];
        int[] basisValues = [0, 1, 1, 0];
        int[] classValues = [0, 1, 0, 2];
        for (var i = 0; i < 4; i++)
        {
            SiftWire.SetBit(key, 0, i, bitValues[i]);
            SiftWire.SetBit(bases, 0, i, basisValues[i]);
            SiftWire.SetPair(classes, 0, i, classValues[i]);
        }

        var buffer = new byte[32];
        var n = SiftedBlockCodec.Encode(buffer, 0, 3, key, bases, classes, 4);

        // block 3 | signal: 2 bits key 0b11 bases 0b10 | decoy: 1 bit key 0 basis 1 | vacuum: 1 bit key 1 basis 0.
        Assert.Equal(new byte[] { 3, 2, 0b11, 0b10, 1, 0b0, 0b1, 1, 0b1, 0b0 }, buffer[..n]);
        Assert.Equal(n, SiftedBlockCodec.Length(3, [2, 1, 1]));
        var counts = new int[3];
        Assert.True(SiftedBlockCodec.TryDecode(buffer, 0, n, out var block, counts, new int[3], new int[3]));
        Assert.Equal(new[] { 2, 1, 1 }, counts);
    }

    public static TheoryData<string> Codecs => new() { "announce", "match", "closed", "request", "sample", "reference", "result", "alarm", "block" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Every_truncation_and_every_trailing_byte_is_rejected(string codec)
    {
        var payload = Valid(codec);
        Assert.True(Decode(codec, payload, payload.Length));
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.False(Decode(codec, payload, length), $"{codec} accepted a {length}-byte prefix");
        }

        var longer = payload.Append((byte)0).ToArray();
        Assert.False(Decode(codec, longer, longer.Length), $"{codec} accepted a trailing byte");
    }

    private static byte[] Valid(string codec)
    {
        var b = new byte[64];
        var n = codec switch
        {
            "announce" => SiftAnnounceCodec.Encode(b, 0, 1, Slots, Bases, 4),
            "match" => SiftMatchCodec.Encode(b, 0, 1, [1, 0, 1], [0, 1, 2], 3),
            "closed" => SiftBlockClosedCodec.Encode(b, 0, 1, [5, 3, 1]),
            "request" => SiftEstimateRequestCodec.Encode(b, 0, 1, 5),
            "sample" => SiftEstimateSampleCodec.Encode(b, 0, 1, 9, [0b1000_0101, 0], 3, [0xFF, 0]),
            "reference" => SiftEstimateReferenceCodec.Encode(b, 0, 1, [1, 0, 1], 3),
            "result" => SiftEstimateResultCodec.Encode(b, 0, 1, 0, 110000, [1, 1, 1, 1, 1, 1], [0, 1, 0, 0, 0, 0]),
            "alarm" => SiftAlarmCodec.Encode(b, 0, 1, 0, 1, 250000, 1, 4),
            _ => SiftedBlockCodec.Encode(b, 0, 1, [0b101], [0b011], [0b10_01_00], 3),
        };
        return b[..n];
    }

    private static bool Decode(string codec, byte[] p, int length) => codec switch
    {
        "announce" => SiftAnnounceCodec.TryDecode(p, 0, length, out _, new long[8], new byte[8], out _),
        "match" => SiftMatchCodec.TryDecode(p, 0, length, out _, out _, out _, out _),
        "closed" => SiftBlockClosedCodec.TryDecode(p, 0, length, out _, new int[3]),
        "request" => SiftEstimateRequestCodec.TryDecode(p, 0, length, out _, out _),
        "sample" => SiftEstimateSampleCodec.TryDecode(p, 0, length, out _, out _, new int[8], new byte[8], out _),
        "reference" => SiftEstimateReferenceCodec.TryDecode(p, 0, length, out _, out _, out _),
        "result" => SiftEstimateResultCodec.TryDecode(p, 0, length, out _, out _, out _, new int[6], new int[6]),
        "alarm" => SiftAlarmCodec.TryDecode(p, 0, length, out _, out _, out _, out _, out _, out _),
        _ => SiftedBlockCodec.TryDecode(p, 0, length, out _, new int[3], new int[3], new int[3]),
    };

    [Fact]
    public void Sample_positions_beyond_the_block_and_errors_above_sampled_are_rejected()
    {
        byte[] outside = [1, 4, 1, 4, 0]; // block 1 of 4 bits, one position at 4
        Assert.False(SiftEstimateSampleCodec.TryDecode(outside, 0, outside.Length, out _, out _, new int[1], new byte[1], out _));
        var b = new byte[32];
        var n = SiftEstimateResultCodec.Encode(b, 0, 1, 0, 110000, [1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]);
        Assert.False(SiftEstimateResultCodec.TryDecode(b, 0, n, out _, out _, out _, new int[6], new int[6]));
    }
}
