using GroundStation.Protocol.Sifting;

namespace GroundStation.Tests.Sifting;

public class SiftWireTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Varints_match_LEB128_known_encodings(ulong value, byte[] expected)
    {
        var buffer = new byte[12];
        var end = SiftWire.WriteVarint(buffer, 0, buffer.Length, value);
        Assert.Equal(expected, buffer[..end]);
        Assert.Equal(expected.Length, SiftWire.VarintLength(value));
        var p = 0;
        Assert.True(SiftWire.TryReadVarint(buffer, ref p, end, out var read));
        Assert.Equal(value, read);
        Assert.Equal(end, p);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 })] // non-minimal zero
    [InlineData(new byte[] { 0x80 })] // truncated
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })] // > 64 bits
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })] // 11 bytes
    public void Bad_varints_are_rejected(byte[] bytes)
    {
        var p = 0;
        Assert.False(SiftWire.TryReadVarint(bytes, ref p, bytes.Length, out _));
    }

    [Fact]
    public void Bits_and_pairs_pack_least_significant_first()
    {
        var bits = new byte[2];
        SiftWire.SetBit(bits, 0, 0, 1);
        SiftWire.SetBit(bits, 0, 9, 1);
        Assert.Equal(new byte[] { 0x01, 0x02 }, bits);
        var pairs = new byte[1];
        SiftWire.SetPair(pairs, 0, 0, 2);
        SiftWire.SetPair(pairs, 0, 3, 3);
        Assert.Equal(0b11_00_00_10, pairs[0]);
        Assert.Equal(3, SiftWire.GetPair(pairs, 0, 3));
    }
}
