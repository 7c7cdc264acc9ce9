using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.Drivers.Mcp49xx;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.Mcp49xx;

public class Mcp4922Tests
{
    private readonly Bench _bench = new();
    private readonly Mcp4922Model _model = new(referenceMillivolts: 2500);
    private readonly Mcp4922 _dac;

    public Mcp4922Tests()
    {
        _dac = new Mcp4922(_bench.Bus.Attach(7, "dac", _model, Mcp4922.BusSettings), channels: 2, referenceMillivolts: 2500);
    }

    [Theory]
    // DS21897 write command: A/B | BUF | GA | SHDN | D11..D0.
    [InlineData(0, 0x800, false, false, 0x3800)] // DAC A, unbuffered, 1x, active, mid-scale
    [InlineData(1, 0xFFF, false, false, 0xBFFF)] // DAC B, full scale
    [InlineData(0, 0x123, true, true, 0x5123)]   // buffered, gain 2x
    public void Command_word_matches_the_datasheet_bit_layout(int channel, int code, bool buffered, bool gain2x, int expected)
    {
        _dac.Buffered = buffered;
        _dac.Gain2x = gain2x;

        Assert.Equal(expected, _dac.CommandWord(channel, code, active: true));
    }

    [Fact]
    public void Write_sends_one_16_bit_frame_msb_first_and_the_model_latches_it()
    {
        _dac.Write(1, 0x0A5C);

        Assert.Equal(new byte[] { 0xBA, 0x5C }, _bench.Bus.Frames.Single().Mosi);
        Assert.Equal(0x0A5C, _model.Code(1));
        Assert.True(_model.Active(1));
        Assert.Equal(2500 * 0x0A5C / 4096, _model.OutputMillivolts(1));
    }

    [Fact]
    public void Shutdown_clears_SHDN()
    {
        _dac.Write(0, 100);
        _dac.Shutdown(0);

        Assert.Equal(new byte[] { 0x20, 0x00 }, _bench.Bus.Frames[^1].Mosi);
        Assert.False(_model.Active(0));
        Assert.Equal(0, _model.OutputMillivolts(0));
    }

    [Theory]
    [InlineData(1250, 2048)] // half of VREF
    [InlineData(2500, 4095)] // clamps at full scale
    [InlineData(-5, 0)]
    public void Code_for_a_voltage_rounds_and_clamps(int millivolts, int code)
    {
        Assert.Equal(code, _dac.CodeForMillivolts(millivolts));
    }

    [Theory]
    [InlineData(false, 0x3800)] // BUF 0: VREF unbuffered
    [InlineData(true, 0x7800)]  // BUF 1: VREF buffered
    public void The_model_decodes_the_buf_bit_the_driver_sends(bool buffered, int word)
    {
        _dac.Buffered = buffered;

        _dac.Write(0, 0x800);

        Assert.Equal(new byte[] { (byte)(word >> 8), (byte)word }, _bench.Bus.Frames.Single().Mosi);
        Assert.Equal(buffered, _model.Buffered(0));
        Assert.Equal(1250, _model.OutputMillivolts(0)); // BUF changes the reference input, not the transfer function
    }

    [Fact]
    public void A_frame_longer_than_16_clocks_latches_its_first_16_and_a_shorter_one_nothing()
    {
        // DS21897 section 5.2: "All writes to the MCP492X are 16-bit words. Any clocks past 16 will be ignored."
        var spi = _bench.Bus.Attach(9, "dac-long", _model, Mcp4922.BusSettings);
        spi.Transfer([0xBA, 0x5C, 0x12, 0x34], new byte[4], 4); // DAC B, 1x, active, 0xA5C; then 16 clocks ignored
        Assert.Equal(0x0A5C, _model.Code(1));
        Assert.True(_model.Active(1));
        Assert.Equal(1, _model.Writes);

        spi.Transfer([0x3F], new byte[1], 1); // 8 clocks: no command
        Assert.Equal(1, _model.Writes);
        Assert.Equal(1, _model.ShortFrames);
        Assert.Equal(0, _model.Code(0));
    }

    [Fact]
    public void Mcp4921_has_only_dac_A()
    {
        var single = new Mcp4922(_bench.Bus.Attach(8, "dac1", new Mcp4922Model(), Mcp4922.BusSettings), channels: 1, referenceMillivolts: 3300);

        Assert.Throws<ArgumentOutOfRangeException>(() => single.Write(1, 10));
    }
}
