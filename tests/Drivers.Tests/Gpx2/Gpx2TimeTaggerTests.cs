using GroundStation.DeviceModels;
using GroundStation.DeviceModels.Gpx2;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;
using GroundStation.Tests.Drivers.Support;

namespace GroundStation.Tests.Drivers.Gpx2;

public class Gpx2TimeTaggerTests
{
    private readonly Bench _bench = new();
    private readonly Gpx2Model _model = new(referenceClockPeriodPicoseconds: 200_000);
    private readonly FakeDigitalInput _interrupt;
    private readonly Gpx2TimeTagger _driver;
    private readonly long[] _times = new long[64];
    private readonly byte[] _channels = new byte[64];

    public Gpx2TimeTaggerTests()
    {
        _interrupt = _bench.ActiveLowLine(22, "gpx2-int", h => _model.InterruptChanged += h);
        _driver = new Gpx2TimeTagger(_bench.Bus.Attach(4, "gpx2", _model), _interrupt, _bench.Clock, new Gpx2Settings());
    }

    [Fact]
    public void Default_configuration_is_the_datasheet_layout_for_4_cmos_stops_5MHz_and_1ps()
    {
        // CFG0 PIN_ENA_REFCLK|STOP1..4, CFG1 HIT_ENA_STOP1..4, CFG2 stop 22 bit / index 24 bit, CFG3..5 REFCLK_DIVISIONS
        // 200000 = 0x030D40 little-endian, CFG6..15 fixed values, CFG16 CMOS_INPUT.
        byte[] expected = { 0x1F, 0x0F, 0x1F, 0x40, 0x0D, 0x03, 0xC0, 0x53, 0xA1, 0x13, 0x00, 0x0A, 0xCC, 0xCC, 0xF1, 0x7D, 0x04 };

        Assert.Equal(expected, new Gpx2Settings().BuildConfiguration());
        Assert.Equal(1000, new Gpx2Settings().StopLsbFemtoseconds);
    }

    [Fact]
    public void Datasheet_example_with_stop1_only_and_high_resolution_4x()
    {
        var settings = new Gpx2Settings { HighResolution = 2, LogicalChannelOfStop = new byte[] { 0, 0xFF, 0xFF, 0xFF } };

        byte[] cfg = settings.BuildConfiguration();

        Assert.Equal(0x11, cfg[0]);
        Assert.Equal(0x81, cfg[1]);
        Assert.Equal(new byte[] { 0x40, 0x0D, 0x03 }, cfg[3..6]);
    }

    [Fact]
    public void Start_sends_power_on_reset_config_write_read_back_and_init()
    {
        _driver.Start();

        var frames = _bench.Bus.Frames;
        Assert.Equal(4, frames.Count);
        Assert.Equal(new byte[] { 0x30 }, frames[0].Mosi);
        Assert.Equal(0x80, frames[1].Mosi[0]);
        Assert.Equal(_driver.Configuration, frames[1].Mosi[1..]);
        Assert.Equal(0x40, frames[2].Mosi[0]);
        Assert.Equal(_driver.Configuration, frames[2].Miso[1..]);
        Assert.Equal(new byte[] { 0x18 }, frames[3].Mosi);
        Assert.True(_model.Measuring);
    }

    [Fact]
    public void Result_bytes_convert_to_picoseconds_with_5MHz_reference_and_1ps_lsb()
    {
        _driver.Start();
        _bench.Bus.Frames.Clear();
        _model.Hit(0, 450_000); // index 2 (2 x 200 ns) + 50 000 LSB

        int n = _driver.ReadBatch(_times, _channels, 0, 64);

        var read = _bench.Bus.Frames[0];
        Assert.Equal(0x68, read.Mosi[0]); // 0x60 | address 8
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x00, 0xC3, 0x50 }, read.Miso[1..7]);
        Assert.Equal(1, n);
        Assert.Equal(450_000L, _times[0]);
        Assert.Equal(0, _channels[0]);
        Assert.Equal(450_000L, _driver.ToPicoseconds(2, 50_000));
    }

    [Fact]
    public void Stops_map_to_logical_channels_H_V_D_and_beacon()
    {
        _driver.Start();
        _model.Hit(0, 1_000);
        _model.Hit(1, 2_000);
        _model.Hit(2, 3_000);
        _model.Hit(3, 4_000);

        int n = _driver.ReadBatch(_times, _channels, 0, 64);

        Assert.Equal(4, n);
        Assert.Equal(new byte[] { 0, 1, 2, 4 }, _channels[..4]);
        Assert.Equal(new long[] { 1_000, 2_000, 3_000, 4_000 }, _times[..4]);
    }

    [Fact]
    public void Reference_index_rollover_is_extended_even_across_silences_longer_than_a_wrap()
    {
        _driver.Start();
        const long wrapPs = (1L << 24) * 200_000; // 3.355 s
        long[] hits = { 1_000_000_000_000, 2_000_000_000_000, 3_500_000_000_000, 4_000_000_000_000, 9_000_000_000_000, 9_100_000_000_000 };
        var got = new List<long>();
        foreach (long t in hits)
        {
            _bench.Clock.AdvanceTo(t / 1_000_000);
            _model.Hit(3, t);
            int n = _driver.ReadBatch(_times, _channels, 0, 64);
            got.AddRange(_times.Take(n));
        }

        Assert.Equal(hits, got);
        Assert.Equal(9_100_000_000_000 / wrapPs, _driver.Counters.Rollovers);
    }

    [Fact]
    public void A_full_stop_fifo_is_reported_as_overflow_and_the_first_8_hits_survive()
    {
        _driver.Start();
        for (int i = 1; i <= 12; i++)
        {
            _model.Hit(0, i * 100_000);
        }

        int n = _driver.ReadBatch(_times, _channels, 0, 64);

        Assert.Equal(8, n);
        Assert.Equal(4, _model.LostHits(0));
        Assert.Equal(1, _driver.FifoFullObservations);
        Assert.Equal(1, _driver.Counters.Overflowed);
        Assert.False(_model.InterruptLow);
    }

    [Theory]
    [InlineData(BusAnswer.AllOnes)]
    [InlineData(BusAnswer.AllZeros)]
    public void Absent_chip_fails_the_configuration_read_back(BusAnswer answer)
    {
        _model.Answer = answer;

        var ex = Assert.Throws<HalException>(() => _driver.Start());

        Assert.Equal(HalFault.DeviceAbsent, ex.Fault);
        Assert.Equal("gpx2", ex.Device);
    }

    [Fact]
    public void A_config_byte_that_reads_back_different_is_named()
    {
        var spi = _bench.Bus.Attach(9, "gpx2-b", new BitFlipOnReadBack(new Gpx2Model(), register: 7));
        var driver = new Gpx2TimeTagger(spi, null, _bench.Clock, new Gpx2Settings());

        var ex = Assert.Throws<HalException>(() => driver.Start());

        Assert.Contains("CFG7", ex.Message);
        Assert.Contains("TDC-GPX2", ex.Message);
    }

    [Fact]
    public void A_chip_that_stops_answering_with_interrupt_low_is_reported_after_three_reads()
    {
        _driver.Start();
        _model.Hit(0, 1_000);
        _model.Answer = BusAnswer.AllOnes;

        Assert.Equal(0, _driver.ReadBatch(_times, _channels, 0, 64));
        Assert.Equal(0, _driver.ReadBatch(_times, _channels, 0, 64));
        var ex = Assert.Throws<HalException>(() => _driver.ReadBatch(_times, _channels, 0, 64));
        Assert.Equal(HalFault.DeviceAbsent, ex.Fault);
    }

    [Fact]
    public void A_power_glitch_is_caught_by_the_periodic_configuration_check()
    {
        _driver.Start();
        _driver.VerifyConfiguration();
        _model.PowerGlitch();

        Assert.Throws<HalException>(() => _driver.VerifyConfiguration());
    }

    /// <summary>A GPX2 whose configuration read-back corrupts one register (a marginal MISO line).</summary>
    private sealed class BitFlipOnReadBack(Gpx2Model inner, int register) : ISpiDeviceModel
    {
        public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
        {
            inner.Exchange(mosi, miso);
            if ((mosi[0] & 0xE0) == 0x40 && miso.Length > 1 + register)
            {
                miso[1 + register] ^= 0x10;
            }
        }
    }
}
