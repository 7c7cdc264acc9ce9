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
        _driver = new Gpx2TimeTagger(_bench.Bus.Attach(4, "gpx2", _model, Gpx2TimeTagger.BusSettings), _interrupt, _bench.Clock, new Gpx2Settings());
    }

    [Fact]
    public void Default_configuration_is_the_datasheet_layout_for_4_cmos_stops_5MHz_and_1ps()
    {
        // CFG0 PIN_ENA_REFCLK|STOP1..4, CFG1 HIT_ENA_STOP1..4, CFG2 STOP_DATA_BITWIDTH 3 (20 bit) << 3 |
        // REF_INDEX_BITWIDTH 5 (24 bit) = 0x1D, CFG3..5 REFCLK_DIVISIONS 200000 = 0x030D40 little-endian, CFG6 0xC0,
        // CFG7 0x43 fixed | LVDS_DATA_VALID_ADJUST 1 << 4, CFG8..15 the GPX2's fixed values, CFG16 CMOS_INPUT.
        byte[] expected = { 0x1F, 0x0F, 0x1D, 0x40, 0x0D, 0x03, 0xC0, 0x53, 0xA1, 0x13, 0x00, 0x0A, 0xCC, 0xCC, 0xF1, 0x7D, 0x04 };

        Assert.Equal(expected, new Gpx2Settings().BuildConfiguration());
        Assert.Equal(1000, new Gpx2Settings().StopLsbFemtoseconds);
        Assert.Equal(24, new Gpx2Settings().ReferenceIndexBits);
    }

    [Fact]
    public void As6500_configuration_keeps_the_values_its_datasheet_fixes()
    {
        // The AS6500 codebases (README): CFG2 bits 5..0 fixed 0, CFG7 0x23 (| REFCLK_BY_XOSC, here external REFCLK),
        // CFG13 0x05, CFG16 0x04 (CMOS inputs only); the rest as on the GPX2.
        byte[] expected = { 0x1F, 0x0F, 0x00, 0x40, 0x0D, 0x03, 0xC0, 0x23, 0xA1, 0x13, 0x00, 0x0A, 0xCC, 0x05, 0xF1, 0x7D, 0x04 };

        Assert.Equal(expected, new Gpx2Settings { Part = Gpx2Part.As6500, CmosInputs = false }.BuildConfiguration());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 24)]
    [InlineData(6, 6)]
    [InlineData(7, 12)] // the old CFG2 = 0x1F: a 12-bit index, wrapping every 4096 x 200 ns = 819.2 us
    public void Reference_index_bitwidth_codes_select_the_widths_of_the_register_description(int code, int bits)
    {
        Assert.Equal(bits, Gpx2Registers.ReferenceIndexBits(code));
    }

    [Theory]
    [InlineData(0, 14)]
    [InlineData(1, 16)]
    [InlineData(2, 18)]
    [InlineData(3, 20)] // not 22
    public void Stop_data_bitwidth_codes_select_14_to_20_bits(int code, int bits)
    {
        Assert.Equal(bits, Gpx2Registers.StopDataBits(code));
    }

    [Fact]
    public void A_chip_configured_for_a_12_bit_index_wraps_it_every_819_us()
    {
        // Write the old configuration (CFG2 = 0x1F: REF_INDEX_BITWIDTH 7) straight to a model and hit STOP1 1 ms after init.
        var model = new Gpx2Model();
        byte[] config = new Gpx2Settings().BuildConfiguration();
        config[2] = 0x1F;
        model.Exchange([0x80, .. config], new byte[18]);
        model.Exchange([0x18], new byte[1]);
        model.Hit(0, 1_000_000_000); // 1 ms = index 5000 = 0x1388; 12 bits keep 0x388

        var miso = new byte[7];
        model.Exchange([0x68, 0, 0, 0, 0, 0, 0], miso);

        Assert.Equal(12, model.ReferenceIndexBits);
        Assert.Equal(new byte[] { 0x00, 0x03, 0x88 }, miso[1..4]);
    }

    [Fact]
    public void Hits_keep_their_place_across_index_roll_overs_on_an_as6500()
    {
        var bench = new Bench();
        var model = new Gpx2Model(Gpx2Part.As6500);
        var driver = new Gpx2TimeTagger(bench.Bus.Attach(4, "as6500", model, Gpx2TimeTagger.BusSettings), null, bench.Clock,
            new Gpx2Settings { Part = Gpx2Part.As6500 });
        driver.Start();
        long[] hits = { 1_000_000_000_000, 4_000_000_000_000, 7_500_000_000_000 }; // wraps every 3.355 s
        var got = new List<long>();
        foreach (long t in hits)
        {
            bench.Clock.AdvanceTo(t / 1_000_000);
            model.Hit(1, t);
            int n = driver.ReadBatch(_times, _channels, 0, 64);
            got.AddRange(_times.Take(n));
        }

        Assert.Equal(24, model.ReferenceIndexBits);
        Assert.Equal(hits, got);
        Assert.StartsWith("AS6500", driver.Name);
    }

    [Theory]
    [InlineData(Gpx2Part.As6500, Gpx2Part.TdcGpx2, "CFG13 = 0xCC, fixed at 0x05")]
    [InlineData(Gpx2Part.TdcGpx2, Gpx2Part.As6500, "CFG13 = 0x05, fixed at 0xCC")]
    public void A_configuration_for_the_other_part_is_refused_at_init(Gpx2Part chip, Gpx2Part configuredFor, string violation)
    {
        var model = new Gpx2Model(chip);
        var driver = new Gpx2TimeTagger(_bench.Bus.Attach(11, "tdc", model, Gpx2TimeTagger.BusSettings), null, _bench.Clock,
            new Gpx2Settings { Part = configuredFor });

        var e = Assert.Throws<DatasheetViolationException>(() => driver.Start());

        Assert.Contains(violation, e.Message);
        Assert.False(model.Measuring);
    }

    [Theory]
    [InlineData(2, 0xFF, "CFG2 = 0x1D: bits 5..0 are fixed 0")] // the GPX2's bit widths written to an AS6500
    [InlineData(7, 0x53, "CFG7 = 0x53: bits 6..0 are fixed 0100011")]
    public void An_as6500_refuses_each_gpx2_only_value(int register, int value, string violation)
    {
        var model = new Gpx2Model(Gpx2Part.As6500);
        byte[] config = new Gpx2Settings { Part = Gpx2Part.As6500 }.BuildConfiguration();
        config[register] = register == 2 ? new Gpx2Settings().BuildConfiguration()[2] : (byte)value;
        model.Exchange([0x80, .. config], new byte[18]);

        var e = Assert.Throws<DatasheetViolationException>(() => model.Exchange([0x18], new byte[1]));

        Assert.Contains(violation, e.Message);
    }

    [Fact]
    public void The_chip_is_driven_in_spi_mode_1_and_refuses_mode_0()
    {
        Assert.Equal(1, Gpx2TimeTagger.BusSettings.Mode);
        var driver = new Gpx2TimeTagger(_bench.Bus.Attach(12, "gpx2-mode0", new Gpx2Model(), new SpiBusSettings(0, 20_000_000)),
            null, _bench.Clock, new Gpx2Settings());

        var e = Assert.Throws<DatasheetViolationException>(() => driver.Start());

        Assert.Contains("TDC-GPX2 works only in mode 1 (CPOL 0, CPHA 1)", e.Message);
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

    [Theory]
    [InlineData(0, 16)] // HIGH_RESOLUTION off
    [InlineData(1, 8)]  // 2x
    [InlineData(2, 4)]  // 4x
    public void A_full_stop_fifo_is_reported_as_overflow_and_the_first_depth_hits_survive(int highResolution, int depth)
    {
        var model = new Gpx2Model();
        var interrupt = _bench.ActiveLowLine(23, "gpx2-int-hr", h => model.InterruptChanged += h);
        var driver = new Gpx2TimeTagger(_bench.Bus.Attach(13, "gpx2-hr", model, Gpx2TimeTagger.BusSettings), interrupt, _bench.Clock,
            new Gpx2Settings { HighResolution = highResolution });
        driver.Start();
        for (int i = 1; i <= depth + 4; i++)
        {
            model.Hit(0, i * 100_000);
        }

        int n = driver.ReadBatch(_times, _channels, 0, 64);

        Assert.Equal(depth, model.FifoDepth);
        Assert.Equal(depth, n);
        Assert.Equal(4, model.LostHits(0));
        Assert.Equal(1, driver.FifoFullObservations);
        Assert.Equal(1, driver.Counters.Overflowed);
        Assert.False(model.InterruptLow);
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
        var spi = _bench.Bus.Attach(9, "gpx2-b", new BitFlipOnReadBack(new Gpx2Model(), register: 7), Gpx2TimeTagger.BusSettings);
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
        public SpiChipLimits Limits => inner.Limits;

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
