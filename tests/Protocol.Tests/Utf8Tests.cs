using System.Text;
using GroundStation.Protocol;

namespace GroundStation.Tests.Protocol;

/// <summary>The protocol's own UTF-8 codec against the desktop's Encoding.UTF8 (an independent implementation).</summary>
public class Utf8Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("*IDN?")]
    [InlineData("DET:BIAS 2,1500")]
    [InlineData("Grüße, 温度 25 °C")]
    [InlineData("emoji \U0001F6F0 satellite")]
    public void Encodes_like_the_desktop(string text)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(text), Utf8.GetBytes(text));
    }

    [Fact]
    public void A_lone_surrogate_encodes_as_the_replacement_character()
    {
        Assert.Equal(new byte[] { 0x61, 0xEF, 0xBF, 0xBD, 0x62 }, Utf8.GetBytes("a\uD800b"));
        Assert.Equal(Encoding.UTF8.GetBytes("\uDC00x\uD83D"), Utf8.GetBytes("\uDC00x\uD83D"));
    }

    [Theory]
    [InlineData("e2 82 ac", "\u20AC")]                   // a three-byte sequence
    [InlineData("f0 9f 9b b0", "\U0001F6F0")]            // a four-byte sequence becomes a surrogate pair
    [InlineData("c0 af", "\uFFFD\uFFFD")]                // overlong lead: each byte replaced
    [InlineData("e0 80 af", "\uFFFD\uFFFD\uFFFD")]       // overlong three-byte form
    [InlineData("ed a0 80", "\uFFFD\uFFFD\uFFFD")]       // an encoded surrogate
    [InlineData("e2 82 41", "\uFFFDA")]                  // truncated: one replacement for the maximal subpart
    [InlineData("f4 90 80 80", "\uFFFD\uFFFD\uFFFD\uFFFD")] // above U+10FFFF
    [InlineData("41 80 42", "A\uFFFDB")]                 // a stray continuation byte
    public void Decodes_invalid_input_by_maximal_subparts(string hex, string expected)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.Equal(expected, Utf8.GetString(bytes, 0, bytes.Length));
        Assert.Equal(Encoding.UTF8.GetString(bytes), Utf8.GetString(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Decodes_random_bytes_exactly_like_the_desktop()
    {
        var random = new Random(14);
        var buffer = new byte[64];
        for (var trial = 0; trial < 20000; trial++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (trial % 2 == 0)
            {
                // Bias half the trials towards multi-byte structure, where the edge cases live.
                for (var i = 0; i < length; i++)
                {
                    buffer[i] = (byte)(0x80 | (buffer[i] & 0x7F));
                }
            }

            var offset = length == 0 ? 0 : random.Next(length);
            Assert.Equal(Encoding.UTF8.GetString(buffer, offset, length - offset), Utf8.GetString(buffer, offset, length - offset));
        }
    }

    [Fact]
    public void Round_trips_every_scalar_value_plane_sample()
    {
        var text = new StringBuilder();
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint += 97)
        {
            if (codePoint is < 0xD800 or > 0xDFFF)
            {
                text.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        var bytes = Utf8.GetBytes(text.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes(text.ToString()), bytes);
        Assert.Equal(text.ToString(), Utf8.GetString(bytes, 0, bytes.Length));
    }
}
