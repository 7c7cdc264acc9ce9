using System.Text.Json;
using GroundStation.Gsctl.Dashboard;
using GroundStation.Host.Link;
using GroundStation.Protocol;
using Spectre.Console;

namespace GroundStation.Tests.Gsctl.Dashboard;

public class StatusDashboardTests
{
    private static readonly DeviceInfo Device = new("GroundStationFw", "0.1.0", "sim", 1, 0, 7, false, 1024, 64);
    private static readonly LinkCounters? Counters = LinkCounters.Parse("BINARY,2,0,120,3,1,130");

    /// <summary>A record with a distinct, hand-chosen value in every field.</summary>
    private static TelemetryRecord KnownRecord(long uptimeMs = 3_723_000, long siftedBits = 48_000)
    {
        var r = new TelemetryRecord
        {
            UptimeMs = uptimeMs,
            ResetReason = 1,
            SafeStateReasons = 2 | 4,
            TimingState = 2,
            IndexResolved = 1,
            BeaconRateHz = 9_998,
            TimingResidualPs = 41,
            RateOffsetPpb = -1_234,
            LockCount = 2,
            DroppedUnlocked = 501,
            DroppedOutsideWindow = 502,
            TaggerOverflowed = 503,
            TaggerMissed = 504,
            SiftDroppedClicks = 505,
            Assigned = 506_000,
            LinkPending = 4,
            LinkCapacity = 16,
            SiftedBits = siftedBits,
            LastQberPpm = 23_100,
            Alarms = 7,
            HalFaults = 3,
            FreeMemoryBytes = 123_456,
        };
        for (var d = 0; d < TelemetryRecord.Detectors; d++)
        {
            r.CountRateHz[d] = 1_200 + d;
            r.CorrectedRateHz[d] = 1_300 + d;
            r.GateOn[d] = (byte)(d == 3 ? 0 : 1);
            r.LatchedFault[d] = (byte)(d == 1 ? 1 : 0);
            r.TemperatureMilliCelsius[d] = -20_120 + d * 1_000;
            r.BiasMillivolts[d] = 24_500 + d * 100;
        }

        r.TemperatureMilliCelsius[2] = int.MinValue;
        r.BiasMillivolts[2] = -1;
        return r;
    }

    private static byte[] Encode(TelemetryRecord record)
    {
        var bytes = new byte[TelemetryRecord.Length];
        Assert.Equal(TelemetryRecord.Length, record.Write(bytes, 0));
        return bytes;
    }

    /// <summary>The record as the link delivers it: encoded, through the listener (TryRead), then to figures.</summary>
    private static DeviceStatus StatusFromWire(params TelemetryRecord[] records)
    {
        using var listener = new TelemetryListener();
        foreach (var record in records)
        {
            listener.OnReceived(MessageType.Telemetry, Encode(record));
        }

        var received = listener.Latest ?? throw new InvalidOperationException("no record decoded");
        return new DeviceStatus(DateTimeOffset.UnixEpoch, Device, Counters,
            DeviceStatus.FromRecord(received.Record, received.Previous?.Record), null, TelemetrySource.Record);
    }

    private static string RenderToText(DeviceStatus status)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        console.Write(StatusDashboard.Render(status, "/dev/pts/9"));
        return writer.ToString();
    }

    /// <summary>The <paramref name="cells"/> table cells right of the cell reading <paramref name="label"/>, joined by '|'.</summary>
    private static string Row(string text, string label, int cells = 1)
    {
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split('│').Select(p => p.Trim()).ToList();
            var at = parts.IndexOf(label);
            if (at >= 0 && at + cells < parts.Count)
            {
                return string.Join("|", parts.Skip(at + 1).Take(cells));
            }
        }

        throw new Xunit.Sdk.XunitException($"no row '{label}' in:\n{text}");
    }

    [Fact]
    public void Every_record_field_becomes_a_figure_in_its_unit()
    {
        var t = StatusFromWire(KnownRecord()).Telemetry;
        Assert.Equal("1200", t["rate_hz.0"]);
        Assert.Equal("1303", t["corrected_hz.3"]);
        Assert.Equal("1", t["gate.0"]);
        Assert.Equal("0", t["gate.3"]);
        Assert.Equal("1", t["fault.1"]);
        Assert.Equal("-20.12", t["temp_c.0"]);
        Assert.Equal("24.6", t["bias_v.1"]);
        Assert.False(t.ContainsKey("temp_c.2"), "an unreadable monitor (int.MinValue) is not a temperature");
        Assert.False(t.ContainsKey("bias_v.2"), "an unreadable monitor (-1 mV) is not a bias");
        Assert.Equal("Locked", t["lock"]);
        Assert.Equal("1", t["index_resolved"]);
        Assert.Equal("41", t["residual_rms_ps"]);
        Assert.Equal("-1234", t["rate_offset_ppb"]);
        Assert.Equal("9998", t["beacon_hz"]);
        Assert.Equal("2", t["lock_count"]);
        Assert.Equal("4", t["link_pending"]);
        Assert.Equal("16", t["link_capacity"]);
        Assert.Equal("25", t["buffer_fill_pct"]);
        Assert.Equal(["501", "502", "503", "504", "505", "506000"],
            new[] { "dropped_unlocked", "dropped_window", "tagger_overflowed", "tagger_missed", "sift_dropped", "assigned" }.Select(k => t[k]));
        Assert.Equal("48000", t["sifted_bits"]);
        Assert.Equal("2.31", t["qber_pct"]);
        Assert.Equal("7", t["alarms"]);
        Assert.Equal("3", t["hal_faults"]);
        Assert.Equal("123456", t["free_memory_bytes"]);
        Assert.Equal("3723000", t["uptime_ms"]);
        Assert.Equal("1", t["reset_reason"]);
        Assert.Equal("DriverFault+OverLight", t["safe_state"]);
    }

    [Fact]
    public void A_record_with_known_values_renders_them_in_their_places()
    {
        var text = RenderToText(StatusFromWire(KnownRecord()));
        Assert.Contains("telemetry: binary record", text);
        Assert.Equal("1200|1300|on|-|24.50|-20.1", Row(text, "0", 6));
        Assert.Equal("1201|1301|on|over-light|24.60|-19.1", Row(text, "1", 6));
        Assert.Equal("1202|1302|on|-|n/a|n/a", Row(text, "2", 6));
        Assert.Equal("1203|1303|off|-|24.80|-17.1", Row(text, "3", 6));
        Assert.Equal("Locked", Row(text, "lock"));
        Assert.Equal("yes", Row(text, "index resolved"));
        Assert.Equal("41.0 ps", Row(text, "timing residual"));
        Assert.Equal("-1234 ppb", Row(text, "rate offset"));
        Assert.Equal("9998 /s", Row(text, "beacon"));
        Assert.Equal("2.31 %", Row(text, "last QBER"));
        Assert.Equal("48000 bits", Row(text, "sifted"));
        Assert.Equal("7", Row(text, "alarms"));
        Assert.Equal("DriverFault+OverLight", Row(text, "safe state"));
        Assert.Equal("4/16 (25.0 %)", Row(text, "send window"));
        Assert.Equal("0.01:02:03", Row(text, "uptime"));
        Assert.Equal("watchdog", Row(text, "last reset"));
        Assert.Equal("123456 B", Row(text, "free memory"));
        Assert.Equal("3", Row(text, "HAL faults"));
        Assert.Equal("501", Row(text, "dropped unlocked"));
        Assert.Equal("502", Row(text, "dropped window"));
        Assert.Equal("503", Row(text, "tagger overflow"));
        Assert.Equal("504", Row(text, "tagger missed"));
        Assert.Equal("505", Row(text, "sift dropped"));
        Assert.Equal("3", Row(text, "rejected"));
        Assert.DoesNotContain("Other", text);
    }

    [Fact]
    public void The_sifted_rate_comes_from_the_previous_record_and_the_latest_record_wins()
    {
        // 1 000 ms of board time apart, 2 500 more sifted bits: 2 500 bit/s.
        var status = StatusFromWire(KnownRecord(10_000, 1_000), KnownRecord(11_000, 3_500));
        Assert.Equal("3500", status.Telemetry["sifted_bits"]);
        Assert.Equal("2500", status.Telemetry["sifted_bps"]);
        Assert.Equal("2500 bit/s", Row(RenderToText(status), "sifted rate"));
        Assert.False(StatusFromWire(KnownRecord()).Telemetry.ContainsKey("sifted_bps"), "one record alone has no rate");
    }

    [Fact]
    public void No_QBER_yet_and_unknown_memory_are_said_not_shown_as_numbers()
    {
        var record = KnownRecord();
        record.LastQberPpm = -1;
        record.FreeMemoryBytes = -1;
        record.SafeStateReasons = 0;
        var text = RenderToText(StatusFromWire(record));
        Assert.Equal("not measured yet", Row(text, "last QBER"));
        Assert.Equal("n/a", Row(text, "free memory"));
        Assert.Equal("none", Row(text, "safe state"));
    }

    [Fact]
    public void The_listener_ignores_other_messages_and_payloads_TryRead_refuses()
    {
        using var listener = new TelemetryListener();
        var good = Encode(KnownRecord());
        listener.OnReceived(MessageType.Telemetry, good.AsSpan(0, TelemetryRecord.Length - 1));
        listener.OnReceived(MessageType.SiftedBlock, good);
        Assert.Null(listener.Latest);
        Assert.Null(listener.WaitForRecord(TimeSpan.FromMilliseconds(20)));
        listener.OnReceived(MessageType.Telemetry, good);
        Assert.Equal(3_723_000, listener.WaitForRecord(TimeSpan.Zero)?.Record.UptimeMs);
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "AwaitingEnable")]
    [InlineData(8 | 64, "LinkLost+DetectorFault")]
    [InlineData(16 | 32 | 128, "WatchdogReset+ConfigurationReplaced+0x80")]
    public void Safe_state_bits_are_named_after_the_firmware_enum(int bits, string names) =>
        Assert.Equal(names, DeviceStatus.SafeStateNames(bits));

    [Fact]
    public void The_TEL_text_fallback_gives_the_same_keys_as_the_record()
    {
        var fromText = DeviceStatus.ParseTelemetry(
            "uptime_ms=5000\nsafe_reasons=1\ntiming_state=3\nbeacon_rate_hz=10000\ntiming_residual_ps=41\n" +
            "det1=rate_hz:1200,corrected_hz:1210,gate:1,fault:0,temp_mc:-20150,bias_mv:24500\n" +
            "det2=rate_hz:980,corrected_hz:985,gate:1,fault:0,temp_mc:-2147483648,bias_mv:-1\n" +
            "link_pending=16/64\nlast_qber_ppm=23100\nalarms=0\nfree_memory=4096");
        Assert.Equal("1200", fromText["rate_hz.0"]);
        Assert.Equal("985", fromText["corrected_hz.1"]);
        Assert.Equal("24.5", fromText["bias_v.0"]);
        Assert.Equal("-20.15", fromText["temp_c.0"]);
        Assert.False(fromText.ContainsKey("temp_c.1"));
        Assert.False(fromText.ContainsKey("bias_v.1"));
        Assert.Equal("2.31", fromText["qber_pct"]);
        Assert.Equal("16", fromText["link_pending"]);
        Assert.Equal("64", fromText["link_capacity"]);
        Assert.Equal("25", fromText["buffer_fill_pct"]);
        Assert.Equal("Holdover", fromText["lock"]);
        Assert.Equal("AwaitingEnable", fromText["safe_state"]);
        Assert.Equal("4096", fromText["free_memory_bytes"]);

        var fromRecord = StatusFromWire(KnownRecord()).Telemetry;
        Assert.Empty(fromText.Keys.Except(fromRecord.Keys));
    }

    [Fact]
    public void The_text_fallback_is_said_on_the_screen()
    {
        var status = new DeviceStatus(DateTimeOffset.UnixEpoch, Device, Counters, DeviceStatus.ParseTelemetry("alarms=0"),
            "no telemetry record within 2.5 s: showing the TELemetry? text reply", TelemetrySource.TextReply);
        var text = RenderToText(status);
        Assert.Contains("TELemetry? text (fallback)", text);
        Assert.Contains("no telemetry record within 2.5 s", text);
        Assert.Equal("n/a", Row(text, "free memory"));
    }

    [Fact]
    public void Missing_telemetry_is_said_not_shown_as_zero()
    {
        var status = new DeviceStatus(DateTimeOffset.UnixEpoch, Device, null, new Dictionary<string, string>(),
            "no telemetry record within 2.5 s, and TELemetry? answered -113: Undefined header");
        var text = RenderToText(status);
        Assert.Contains("TELemetry? answered -113", text);
        Assert.Contains("telemetry: none", text);
        Assert.Equal("n/a", Row(text, "alarms"));
        Assert.DoesNotContain("0.00 %", text);
    }

    [Fact]
    public void Link_counters_parse_the_LINK_STAT_reply_and_reject_others()
    {
        Assert.Equal(new LinkCounters("BINARY", 2, 0, 120, 3, 1, 130), LinkCounters.Parse("BINARY,2,0,120,3,1,130"));
        Assert.Null(LinkCounters.Parse("BINARY,2,0"));
    }

    [Fact]
    public void Json_snapshot_has_numbers_as_numbers_and_names_its_source()
    {
        using var json = JsonDocument.Parse(StatusFromWire(KnownRecord()).ToJson());
        var root = json.RootElement;
        var telemetry = root.GetProperty("telemetry");
        Assert.Equal("record", root.GetProperty("telemetry_source").GetString());
        Assert.Equal(1200, telemetry.GetProperty("rate_hz.0").GetDouble());
        Assert.Equal(16, telemetry.GetProperty("link_capacity").GetInt32());
        Assert.Equal(7, telemetry.GetProperty("alarms").GetInt32());
        Assert.Equal(2.31, telemetry.GetProperty("qber_pct").GetDouble());
        Assert.Equal("Locked", telemetry.GetProperty("lock").GetString());
        Assert.Equal(3, root.GetProperty("link").GetProperty("frames_rejected").GetInt64());
        Assert.Equal("1.0", root.GetProperty("device").GetProperty("protocol").GetString());
    }
}
