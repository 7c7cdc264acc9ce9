using GroundStation.DeviceModels;
using GroundStation.Hal.Fakes;
using GroundStation.Firmware.App;
using GroundStation.Firmware.App.Config;
using GroundStation.Hal;

namespace GroundStation.Tests.App;

/// <summary>
/// Start-up on the fake board: the self-test names a missing or wrong chip, a bad stored configuration is replaced by
/// defaults and reported, and whatever happens the detectors stay gated off until explicitly enabled.
/// </summary>
public sealed class StartupFaultTests
{
    private const int DriverFault = (int)SafeStateReason.DriverFault;
    private const int ConfigurationReplaced = (int)SafeStateReason.ConfigurationReplaced;
    private const int AwaitingEnable = (int)SafeStateReason.AwaitingEnable;

    [Fact]
    public void Healthy_board_starts_gated_off_awaiting_enable_and_feeds_the_watchdog()
    {
        var rig = new FirmwareRig();
        rig.Run(50_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
        Assert.Equal(AwaitingEnable, rig.FaultBitsFromConsole());
        Assert.Equal("tagger FPGA FIFO tagger (tagger) ok; adc ok;", rig.Console("SYST:STAR?").TrimEnd());
        Assert.True(rig.Watchdog.IsStarted);
        Assert.Equal(50, rig.Watchdog.Feeds.Count(t => t <= 50_000));

        Assert.Equal("OK", rig.Console("DET:GATE 2,ON"));
        Assert.True(rig.Board.DetectorGates[1].IsHigh);
        Assert.Equal(0, rig.App.Safety.Reasons);
    }

    [Fact]
    public void Missing_tagger_is_named_and_leaves_a_driver_fault_with_detectors_off()
    {
        var rig = new FirmwareRig(taggerAbsent: true);
        rig.Run(10_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(DriverFault | AwaitingEnable, rig.App.Safety.Reasons);
        Assert.Equal(DriverFault | AwaitingEnable, rig.FaultBitsFromConsole());
        var startup = rig.Console("SYST:STAR?");
        Assert.Contains("time tagger FAILED", startup);
        Assert.Contains("IDENTITY reads 0xFFFFFFFF", startup);
        Assert.Contains("adc ok", startup);
        Assert.StartsWith("-221,", ErrorFrom(rig.Console("DET:GATE 1,ON")));
        Assert.True(rig.Board.AllDetectorsGatedOff);

        // Recovery is explicit and re-runs the self-test: the tagger is still missing, so the fault stays.
        Assert.StartsWith("driver fault persists: time tagger FAILED", rig.Console("SYST:REC"));
        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));
    }

    [Fact]
    public void Wrong_chip_on_the_tagger_select_is_reported_by_its_identity()
    {
        // Another chip where the FPGA tagger should be: it answers, but not with the tagger's IDENTITY.
        var rig = new FirmwareRig(taggerOverride: new ForeignChip());
        rig.Run(10_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));
        var startup = rig.Console("SYST:STAR?");
        Assert.Contains("time tagger FAILED", startup);
        Assert.Contains("IDENTITY reads 0x", startup);
        Assert.DoesNotContain("IDENTITY reads 0xFFFFFFFF", startup);
        Assert.Contains("time tagger", rig.Console("SYST:FAUL?"));
    }

    [Fact]
    public void Missing_adc_is_named_and_leaves_a_driver_fault()
    {
        var rig = new FirmwareRig(adcAbsent: true);
        rig.Run(10_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(DriverFault | AwaitingEnable, rig.FaultBitsFromConsole());
        var startup = rig.Console("SYST:STAR?");
        Assert.Contains("tagger FPGA FIFO tagger (tagger) ok", startup);
        Assert.Contains("ADC FAILED", startup);
        Assert.Contains("ADC not answering", startup);
        Assert.Contains("ADC", rig.Console("SYST:FAUL?"));
    }

    [Fact]
    public void Recovery_keeps_the_driver_fault_while_the_adc_is_still_missing()
    {
        FirmwareRig rig = new(beforeBoot: r => r.Adc.Answer = BusAnswer.AllOnes);

        Assert.StartsWith("driver fault persists: tagger FPGA FIFO tagger (tagger) ok; ADC FAILED", rig.Console("SYST:REC"));
        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));
        Assert.StartsWith("-221,", ErrorFrom(rig.Console("DET:GATE 1,ON")));
        Assert.True(rig.Board.AllDetectorsGatedOff);
    }

    [Fact]
    public void Adc_that_stops_answering_at_boot_is_a_driver_fault_until_it_answers_again()
    {
        FirmwareRig rig = new(beforeBoot: r => r.Adc.Answer = BusAnswer.AllOnes);
        Assert.True(rig.App.Safety.Holds(SafeStateReason.DriverFault));

        rig.Adc.Answer = BusAnswer.Normal;
        Assert.Equal("recovered; detectors stay off until enabled", rig.Console("SYST:REC"));
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
    }

    [Fact]
    public void Corrupt_stored_configuration_is_replaced_by_defaults_and_reported()
    {
        var rig = new FirmwareRig(beforeBoot: r =>
        {
            StoreConfiguration(r, c => c.LinkLossTimeoutMs = 4321);
            r.Board.Store.Slots.CorruptByte(0, 40);
            r.Board.Store.Reboot();
        });
        rig.Run(10_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal(ConfigurationReplaced | AwaitingEnable, rig.FaultBitsFromConsole());
        Assert.Equal(new DeviceConfig().LinkLossTimeoutMs, rig.App.Configuration.Current.LinkLossTimeoutMs);
        var startup = rig.Console("SYST:STAR?");
        Assert.Contains("configuration replaced by defaults (config: no slot holds a record with a valid checksum)", startup);
        Assert.Contains("configuration replaced by defaults", rig.Console("SYST:FAUL?"));

        // Enabling is refused until the operator acknowledges the replacement.
        Assert.StartsWith("-221,", ErrorFrom(rig.Console("DET:GATE 1,ON")));
        Assert.Equal("recovered; detectors stay off until enabled", rig.Console("SYST:REC"));
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal("OK", rig.Console("DET:GATE 1,ON"));
        Assert.True(rig.Board.DetectorGates[0].IsHigh);
    }

    [Fact]
    public void Stored_record_with_a_bad_configuration_checksum_is_replaced()
    {
        var rig = new FirmwareRig(beforeBoot: r =>
        {
            var record = Encode(new DeviceConfig());
            record[20] ^= 0x01;
            r.Board.Store.Replace(record, record.Length);
        });

        Assert.True(rig.App.Safety.Holds(SafeStateReason.ConfigurationReplaced));
        Assert.Contains("configuration checksum mismatch", rig.App.StartupReport);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Configuration_of_another_version_is_replaced_and_the_version_reported(int version)
    {
        var rig = new FirmwareRig(beforeBoot: r =>
        {
            var config = new DeviceConfig { LinkLossTimeoutMs = 777 };
            var record = Encode(config);
            LittleEndianWrite(record, 2, version, 2);
            LittleEndianWrite(record, DeviceConfigCodec.Length - 4, (int)Crc32.Compute(record, 0, DeviceConfigCodec.Length - 4), 4);
            r.Board.Store.Replace(record, record.Length);
        });

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.True(rig.App.Safety.Holds(SafeStateReason.ConfigurationReplaced));
        Assert.Equal(new DeviceConfig().LinkLossTimeoutMs, rig.App.Configuration.Current.LinkLossTimeoutMs);
        Assert.Contains($"configuration version {version} is not supported (this firmware reads 1)", rig.Console("SYST:STAR?"));
    }

    [Fact]
    public void Valid_stored_configuration_is_used_without_a_report()
    {
        var rig = new FirmwareRig(beforeBoot: r => StoreConfiguration(r, c => c.LinkLossTimeoutMs = 4321));

        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
        Assert.Equal(4321, rig.App.Configuration.Current.LinkLossTimeoutMs);
        Assert.DoesNotContain("configuration", rig.App.StartupReport);
    }

    [Fact]
    public void Watchdog_reset_is_reported_at_start_up_and_cleared_only_by_recovery()
    {
        var rig = new FirmwareRig(lastResetWasWatchdog: true);
        rig.Run(10_000);

        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal((int)SafeStateReason.WatchdogReset | AwaitingEnable, rig.FaultBitsFromConsole());
        Assert.StartsWith("watchdog reset; ", rig.Console("SYST:STAR?"));
        Assert.Contains("watchdog", rig.Console("SYST:FAUL?"));
        Assert.StartsWith("-221,", ErrorFrom(rig.Console("DET:GATE 3,ON")));

        rig.App.Telemetry.Refresh(rig.Clock.NowMicroseconds);
        Assert.Equal(1, rig.App.Telemetry.Latest.ResetReason);

        Assert.Equal("recovered; detectors stay off until enabled", rig.Console("SYST:REC"));
        Assert.Equal(AwaitingEnable, rig.App.Safety.Reasons);
        Assert.True(rig.Board.AllDetectorsGatedOff);
        Assert.Equal("OK", rig.Console("DET:GATE 3,ON"));
    }

    /// <summary>A console error line "ERROR -221,..." as "-221,...".</summary>
    internal static string ErrorFrom(string consoleAnswer)
    {
        Assert.StartsWith("ERROR ", consoleAnswer);
        return consoleAnswer["ERROR ".Length..];
    }

    private static void StoreConfiguration(FirmwareRig rig, Action<DeviceConfig> change)
    {
        var config = new DeviceConfig();
        change(config);
        var record = Encode(config);
        rig.Board.Store.Replace(record, record.Length);
    }

    private static byte[] Encode(DeviceConfig config)
    {
        var record = new byte[DeviceConfigCodec.Length];
        Assert.Equal(DeviceConfigCodec.Length, DeviceConfigCodec.Write(config, record));
        return record;
    }

    private static void LittleEndianWrite(byte[] buffer, int offset, int value, int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            buffer[offset + i] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>A chip that is not the tagger: it accepts any bus and answers every byte with 0xA5.</summary>
    private sealed class ForeignChip : ISpiDeviceModel
    {
        public SpiChipLimits Limits => SpiChipLimits.Any;

        public void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso) => miso.Fill(0xA5);
    }
}
