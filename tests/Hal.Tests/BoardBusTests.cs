using System.Device.Spi;
using GroundStation.Boards.Esp32;
using GroundStation.Boards.Linux;
using GroundStation.DeviceModels.FifoTagger;
using GroundStation.DeviceModels.Gpx2;
using GroundStation.DeviceModels.Mcp3208;
using GroundStation.DeviceModels.Mcp4922;
using GroundStation.Firmware.App;
using GroundStation.Firmware.Drivers.Gpx2;
using GroundStation.Hal;
using GroundStation.Hal.Fakes;

namespace GroundStation.Tests.Hal;

/// <summary>
/// Boards declare, drivers own: every board adapter opens each chip select with the SPI mode of the chip's driver and
/// a clock no faster than the driver allows and the board carries, and that mode and clock are ones the chip's model
/// (written from the datasheet, independently of the driver) accepts. A board or driver drifting from the datasheet
/// (the FIFO tagger opened in mode 1, as the boards once did) fails here.
/// </summary>
public class BoardBusTests
{
    public static TheoryData<string> Esp32Boards => new() { "esp32-devkitc", "esp32-devkitc+gpx2", "esp32-devkitc+as6500", "esp32-wrover" };

    [Theory]
    [MemberData(nameof(Esp32Boards))]
    public void Esp32_boards_open_every_chip_in_a_mode_and_at_a_clock_its_datasheet_accepts(string board)
    {
        var map = board switch
        {
            "esp32-devkitc+gpx2" => GroundStation.Boards.Esp32DevKitC.PinMap.Create(TaggerKind.TdcGpx2),
            "esp32-devkitc+as6500" => GroundStation.Boards.Esp32DevKitC.PinMap.Create(TaggerKind.As6500),
            "esp32-wrover" => GroundStation.Boards.Esp32Wrover.PinMap.Create(),
            _ => GroundStation.Boards.Esp32DevKitC.PinMap.Create(),
        };

        foreach (var (chipSelect, bus, chip) in Chips(map.Wiring, map.TaggerChipSelect, map.DacChipSelect, map.AdcChipSelect))
        {
            var settings = Esp32BoardBuilder.ConnectionSettings(map, chipSelect, bus);
            AssertAccepted(chip, settings, map.SpiMaxClockHz);
        }
    }

    [Fact]
    public void The_linux_board_opens_every_chip_in_a_mode_and_at_a_clock_its_datasheet_accepts()
    {
        var map = new LinuxPinMap();
        foreach (var (node, bus, chip) in new[]
        {
            (map.Tagger, BoardChips.TaggerBus(map.Wiring.Tagger), ChipFor(map.Wiring.Tagger)),
            (map.Dac, BoardChips.DacBus, (ISpiDeviceModel)new Mcp4922Model()),
            (map.Adc, BoardChips.AdcBus, new Mcp3208Model()),
        })
        {
            AssertAccepted(chip, LinuxBoard.ConnectionSettings(node, bus, map.SpiMaxClockHz), map.SpiMaxClockHz);
        }
    }

    [Theory]
    [InlineData(TaggerKind.FifoTagger, SpiMode.Mode0, 20_000_000)] // FIFO tagger register map: mode 0, 20 MHz
    [InlineData(TaggerKind.TdcGpx2, SpiMode.Mode1, 20_000_000)]    // GPX2: mode 1, 50 MHz; the ESP32 carries 20 MHz
    [InlineData(TaggerKind.As6500, SpiMode.Mode1, 20_000_000)]
    public void The_esp32_tagger_bus_follows_the_tagger_the_board_definition_names(TaggerKind tagger, SpiMode mode, int clockHz)
    {
        var map = GroundStation.Boards.Esp32DevKitC.PinMap.Create(tagger);

        var settings = Esp32BoardBuilder.ConnectionSettings(map, map.TaggerChipSelect, BoardChips.TaggerBus(map.Wiring.Tagger));

        Assert.Equal(mode, settings.Mode);
        Assert.Equal(clockHz, settings.ClockFrequency);
        Assert.Equal(map.TaggerChipSelect, settings.ChipSelectLine);
    }

    [Fact]
    public void A_chip_opened_in_the_mode_the_boards_once_used_for_the_fifo_tagger_is_refused_by_its_model()
    {
        var bus = new FakeSpiBus();
        var tagger = bus.Attach(5, "tagger", new FifoTaggerModel(), new SpiBusSettings(1, 20_000_000));

        var e = Assert.Throws<DatasheetViolationException>(() => new GroundStation.Firmware.Drivers.FifoTagger.FifoTimeTagger(tagger).Start());

        Assert.Contains("mode 1", e.Message);
        Assert.Contains("FPGA FIFO tagger works only in mode 0", e.Message);
    }

    [Fact]
    public void The_board_limit_only_ever_lowers_a_driver_clock()
    {
        var bus = new SpiBusSettings(1, 50_000_000);
        Assert.Equal(20_000_000, bus.ClockHzOn(20_000_000));
        Assert.Equal(50_000_000, bus.ClockHzOn(80_000_000));
        Assert.Equal(50_000_000, bus.ClockHzOn(0));
    }

    private static IEnumerable<(int ChipSelect, SpiBusSettings Bus, ISpiDeviceModel Chip)> Chips(BoardWiring wiring, int tagger, int dac, int adc)
    {
        yield return (tagger, BoardChips.TaggerBus(wiring.Tagger), ChipFor(wiring.Tagger));
        yield return (dac, BoardChips.DacBus, new Mcp4922Model());
        yield return (adc, BoardChips.AdcBus, new Mcp3208Model());
    }

    private static ISpiDeviceModel ChipFor(TaggerKind tagger) => tagger switch
    {
        TaggerKind.FifoTagger => new FifoTaggerModel(),
        TaggerKind.As6500 => new Gpx2Model(Gpx2Part.As6500),
        _ => new Gpx2Model(),
    };

    private static void AssertAccepted(ISpiDeviceModel chip, SpiConnectionSettings settings, int boardLimitHz)
    {
        var used = new SpiBusSettings((int)settings.Mode, settings.ClockFrequency);
        chip.Limits.Check(chip.Limits.Chip, used, settings.ClockFrequency); // throws DatasheetViolationException
        Assert.True(settings.ClockFrequency <= boardLimitHz, $"{chip.Limits.Chip}: {settings.ClockFrequency} Hz above the board's {boardLimitHz} Hz");
    }
}
