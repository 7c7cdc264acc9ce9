using GroundStation.PostProcessing.Bits;

namespace GroundStation.Host.Keys;

/// <summary>Key bits as bytes, bit i in byte i/8 at position i%8 (LSB first, as every file and message here).</summary>
public static class KeyBytes
{
    public static byte[] Of(BitString bits)
    {
        var packed = new byte[(bits.Length + 7) / 8];
        var words = bits.Words;
        for (var i = 0; i < packed.Length; i++)
        {
            packed[i] = (byte)(words[i >> 3] >> (8 * (i & 7)));
        }

        return packed;
    }

    public static BitString ToBits(ReadOnlySpan<byte> packed, int bits)
    {
        var words = new ulong[BitString.WordCount(bits)];
        for (var i = 0; i < packed.Length; i++)
        {
            words[i >> 3] |= (ulong)packed[i] << (8 * (i & 7));
        }

        return BitString.FromWords(words, bits);
    }
}
