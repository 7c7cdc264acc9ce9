using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.Sifting;

/// <summary>
/// The encoders the ground sifter uses on its per-detection path take its own layouts (varint deltas written as
/// detections come, 4-bit codes per sifted bit, disclosed bits in position order). Each must give byte for byte the
/// payload of the reference encoder fed the same detections or bits the plain way.
/// </summary>
public class IncrementalCodecTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 8)]
    [InlineData(4, 9)]
    [InlineData(5, 300)]
    public void Announce_from_parts_equals_the_reference_encoding(int seed, int count)
    {
        var random = new Random(seed);
        var slots = new long[count];
        var bases = new byte[count];
        var slot = random.NextInt64(0, 1L << 45);
        for (var i = 0; i < count; i++)
        {
            slot += i == 0 ? 0 : random.Next(4) switch { 0 => 1, 1 => random.Next(2, 128), 2 => random.Next(128, 16384), _ => random.NextInt64(16384, 1L << 40) };
            slots[i] = slot;
            bases[i] = (byte)random.Next(2);
        }

        var expected = new byte[8192];
        var n = SiftAnnounceCodec.Encode(expected, 0, 77, slots, bases, count);

        var deltas = new byte[count * SiftWire.MaxVarintBytes];
        var used = 0;
        for (var i = 1; i < count; i++)
        {
            used = SiftWire.WriteNonNegativeVarint(deltas, used, deltas.Length, slots[i] - slots[i - 1]);
        }

        var basisBits = new byte[SiftWire.BitBytes(count)];
        for (var i = 0; i < count; i++)
        {
            SiftWire.SetBit(basisBits, 0, i, bases[i]);
        }

        basisBits[^1] |= (byte)(count % 8 == 0 ? 0 : 0xFF << (count % 8)); // stray bits past count are cleared
        var actual = new byte[8192];
        Assert.Equal(n, SiftAnnounceCodec.EncodeFromParts(actual, 0, 77, count, slots[0], deltas, used, basisBits));
        Assert.Equal(expected[..n], actual[..n]);
    }

    [Theory]
    [InlineData(1, 0, 0.0)]
    [InlineData(2, 1, 0.0)]
    [InlineData(3, 17, 0.3)]
    [InlineData(4, 2048, 0.1)]
    [InlineData(5, 2047, 0.5)]
    public void Sifted_block_from_codes_equals_the_reference_encoding_without_the_removed_bits(int seed, int count, double removedFraction)
    {
        var random = new Random(seed);
        var codes = new byte[(count + 1) / 2];
        var key = new List<int>();
        var basis = new List<int>();
        var classes = new List<int>();
        var classCounts = new int[3];
        for (var i = 0; i < count; i++)
        {
            var k = random.Next(2);
            var b = random.Next(2);
            var c = random.Next(3);
            var removed = random.NextDouble() < removedFraction;
            var code = k | (b << 1) | ((removed ? 3 : c) << 2);
            codes[i / 2] |= (byte)(code << (i % 2 * 4));
            if (!removed)
            {
                key.Add(k);
                basis.Add(b);
                classes.Add(c);
                classCounts[c]++;
            }
        }

        var keyBits = new byte[SiftWire.BitBytes(key.Count) + 1];
        var basisBits = new byte[keyBits.Length];
        var pairs = new byte[SiftWire.PairBytes(key.Count) + 1];
        for (var i = 0; i < key.Count; i++)
        {
            SiftWire.SetBit(keyBits, 0, i, key[i]);
            SiftWire.SetBit(basisBits, 0, i, basis[i]);
            SiftWire.SetPair(pairs, 0, i, classes[i]);
        }

        var expected = Enumerable.Repeat((byte)0xA5, 4096).ToArray();
        var n = SiftedBlockCodec.Encode(expected, 0, 9, keyBits, basisBits, pairs, key.Count);
        var actual = Enumerable.Repeat((byte)0x5A, 4096).ToArray(); // other garbage: every payload byte is written
        Assert.Equal(n, SiftedBlockCodec.EncodeCodes(actual, 0, 9, codes, count, classCounts));
        Assert.Equal(expected[..n], actual[..n]);
    }

    [Fact]
    public void Sifted_block_from_codes_refuses_counts_that_disagree_with_the_codes()
    {
        byte[] codes = [0x40 | 0x04]; // bit 0 class 1, bit 1 class 1
        Assert.True(SiftedBlockCodec.EncodeCodes(new byte[64], 0, 1, codes, 2, [0, 2, 0]) > 0);
        Assert.Equal(-1, SiftedBlockCodec.EncodeCodes(new byte[64], 0, 1, codes, 2, [0, 1, 0]));
        Assert.Equal(-1, SiftedBlockCodec.EncodeCodes(new byte[64], 0, 1, codes, 2, [1, 2, 0]));
    }

    [Fact]
    public void Sample_from_codes_equals_the_reference_encoding()
    {
        var random = new Random(3);
        const int blockBits = 999;
        var mask = new byte[SiftWire.BitBytes(blockBits)];
        var keyBits = new byte[mask.Length];
        random.NextBytes(keyBits);
        var codes = new byte[(blockBits + 1) / 2];
        var k = 0;
        for (var i = 0; i < blockBits; i++)
        {
            // Code: the key bit, then basis and class bits that must not leak into the sample.
            var code = SiftWire.GetBit(keyBits, 0, i) | (random.Next(2) << 1) | (random.Next(3) << 2);
            codes[i / 2] |= (byte)(code << (i % 2 * 4));
            if (random.Next(10) == 0)
            {
                SiftWire.SetBit(mask, 0, i, 1);
                k++;
            }
        }

        var expected = new byte[2048];
        var n = SiftEstimateSampleCodec.Encode(expected, 0, 4, blockBits, mask, k, keyBits);
        var actual = new byte[2048];
        var scratch = Enumerable.Repeat((byte)0xFF, SiftWire.BitBytes(k)).ToArray(); // cleared before use
        Assert.Equal(n, SiftEstimateSampleCodec.EncodeCodes(actual, 0, 4, blockBits, mask, k, codes, scratch));
        Assert.Equal(expected[..n], actual[..n]);
        Assert.Equal(-1, SiftEstimateSampleCodec.EncodeCodes(actual, 0, 4, blockBits, mask, k + 1, codes, new byte[200]));
    }

    [Fact]
    public void Next_set_bit_walks_a_mask_in_order()
    {
        var random = new Random(8);
        var mask = new byte[40];
        random.NextBytes(mask);
        mask[3] = 0;
        mask[4] = 0;
        const int count = 315; // ends inside byte 39: set bits past it are not reported
        var expected = Enumerable.Range(0, count).Where(i => SiftWire.GetBit(mask, 0, i) != 0).ToList();
        var walked = new List<int>();
        for (var i = SiftWire.NextSetBit(mask, 0, 0, count); i < count; i = SiftWire.NextSetBit(mask, 0, i + 1, count))
        {
            walked.Add(i);
        }

        Assert.Equal(expected, walked);
        Assert.Equal(64, SiftWire.NextSetBit(new byte[8], 0, 0, 64)); // none set: the count
    }

    [Fact]
    public void Match_decoding_refuses_a_match_on_any_not_sent_slot()
    {
        // Every position of a 13-slot reply, one not-sent slot marked as matched: always refused; the same with the
        // match bit clear: accepted.
        for (var bad = 0; bad < 13; bad++)
        {
            var matches = new byte[13];
            var classes = new byte[13];
            for (var i = 0; i < 13; i++)
            {
                classes[i] = (byte)(i % 3);
                matches[i] = (byte)(i % 2);
            }

            classes[bad] = SiftCodes.ClassNotSent;
            matches[bad] = 0;
            var buffer = new byte[32];
            var n = SiftMatchCodec.Encode(buffer, 0, 1, matches, classes, 13);
            Assert.True(SiftMatchCodec.TryDecode(buffer, 0, n, out _, out _, out var matchStart, out _));
            SiftWire.SetBit(buffer, matchStart, bad, 1);
            Assert.False(SiftMatchCodec.TryDecode(buffer, 0, n, out _, out _, out _, out _), $"slot {bad}");
        }
    }
}
