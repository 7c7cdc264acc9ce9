using GroundStation.DeviceModels;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.Firmware.Drivers.Mcp320x;
using GroundStation.Hal;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.Mcp320x;

public class Mcp3208Tests
{
    private readonly Bench _bench = new();
    private readonly Mcp3208Model _model = new(referenceMillivolts: 2500);
    private readonly Mcp3208 _adc;

    public Mcp3208Tests()
    {
        _adc = new Mcp3208(_bench.Bus.Attach(6, "adc", _model, Mcp3208.BusSettings), referenceMillivolts: 2500);
    }

    [Theory]
    // DS21298 section 6.1: byte 0 = 00000 1 SGL D2, byte 1 = D1 D0 000000.
    [InlineData(0, true, 0x06, 0x00)]
    [InlineData(5, true, 0x07, 0x40)]
    [InlineData(7, true, 0x07, 0xC0)]
    [InlineData(2, false, 0x04, 0x80)]
    public void Command_frames_follow_the_datasheet(int channel, bool single, byte b0, byte b1)
    {
        var frame = new byte[3];

        Mcp3208.BuildCommand(channel, single, frame);

        Assert.Equal(new byte[] { b0, b1, 0x00 }, frame);
    }

    [Fact]
    public void Reply_bits_decode_to_the_code_the_model_converted()
    {
        _model.SetInputMillivolts(5, 1000); // 4096 * 1000 / 2500 = 1638.4 -> 1638 = 0x666

        int code = _adc.ReadCode(5);

        var frame = _bench.Bus.Frames.Single();
        Assert.Equal(new byte[] { 0x07, 0x40, 0x00 }, frame.Mosi);
        Assert.Equal(0x06, frame.Miso[1] & 0x1F); // null bit 0, B11..B8 = 0110
        Assert.Equal(0x66, frame.Miso[2]);
        Assert.Equal(0x666, code);
        Assert.Equal((5, true), _model.LastConversion);
        Assert.Equal(999, _adc.ReadMillivolts(5)); // 1638 * 2500 / 4096 = 999.8
    }

    [Fact]
    public void Differential_reads_in_plus_minus_in_minus()
    {
        _model.SetInputMillivolts(2, 1500);
        _model.SetInputMillivolts(3, 500);

        Assert.Equal(4096 * 1000 / 2500, _adc.ReadDifferentialCode(2));
        Assert.Equal((2, false), _model.LastConversion);
    }

    [Fact]
    public void A_missing_adc_fails_the_null_bit_check()
    {
        _model.Answer = BusAnswer.AllOnes;

        var ex = Assert.Throws<HalException>(() => _adc.ReadCode(0));

        Assert.Equal(HalFault.DeviceAbsent, ex.Fault);
        Assert.Equal("adc", ex.Device);
    }
}
