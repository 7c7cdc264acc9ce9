using System.Text.Json;
using GroundStation.Gsctl.Dashboard;
using GroundStation.Gsctl.Link;
using Spectre.Console;

namespace GroundStation.Tests.Gsctl.Dashboard;

public class StatusDashboardTests
{
    private static readonly DeviceInfo Device = new("GroundStationFw", "0.1.0", "sim", 1, 0, 7, false, 1024, 64);

    private static DeviceStatus Status(string telemetry) => new(DateTimeOffset.UnixEpoch, Device,
        LinkCounters.Parse("BINARY,2,0,120,3,1,130"), DeviceStatus.ParseTelemetry(telemetry), null);

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

    [Fact]
    public void The_firmware_TEL_reply_maps_to_dashboard_figures_in_their_units()
    {
        var pairs = DeviceStatus.ParseTelemetry(
            "uptime_ms=5000\ntiming_state=3\nbeacon_rate_hz=10000\ntiming_residual_ps=41\n" +
            "det1=rate_hz:1200,corrected_hz:1210,gate:1,fault:0,temp_mc:-20150,bias_mv:24500\n" +
            "det2=rate_hz:980,corrected_hz:985,gate:1,fault:0,temp_mc:-2147483648,bias_mv:-1\n" +
            "link_pending=16/64\nlast_qber_ppm=23100\nalarms=0");
        Assert.Equal("1200", pairs["rate_hz.0"]);
        Assert.Equal("980", pairs["rate_hz.1"]);
        Assert.Equal("24.5", pairs["bias_v.0"]);
        Assert.Equal("-20.15", pairs["temp_c.0"]);
        Assert.False(pairs.ContainsKey("temp_c.1"), "an unreadable monitor (int.MinValue) is not a temperature");
        Assert.False(pairs.ContainsKey("bias_v.1"), "an unreadable monitor (-1 mV) is not a bias");
        Assert.Equal("2.31", pairs["qber_pct"]);
        Assert.Equal("25", pairs["buffer_fill_pct"]);
        Assert.Equal("41", pairs["residual_rms_ps"]);
        Assert.Equal("3", pairs["lock"]);
        Assert.Equal("5000", pairs["uptime_ms"]);
    }

    [Fact]
    public void Link_counters_parse_the_LINK_STAT_reply_and_reject_others()
    {
        Assert.Equal(new LinkCounters("BINARY", 2, 0, 120, 3, 1, 130), LinkCounters.Parse("BINARY,2,0,120,3,1,130"));
        Assert.Null(LinkCounters.Parse("BINARY,2,0"));
    }

    [Fact]
    public void The_dashboard_shows_each_channel_and_each_figure_in_its_place()
    {
        var text = RenderToText(Status(
            "rate_hz.0=1200;rate_hz.1=980;rate_hz.3=15;bias_v.0=-24.5;temp_c.0=-20.1;lock=TRACK;residual_rms_ps=42.5;" +
            "buffer_fill_pct=12.5;qber_pct=2.31;sifted_bps=5400;alarms=none;beacon_hz=10000;uptime_s=77"));
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains(" 0 ") && l.Contains("1200") && l.Contains("-24.50") && l.Contains("-20.1"));
        Assert.Contains(lines, l => l.Contains(" 3 ") && l.Contains("15"));
        Assert.DoesNotContain(lines, l => l.Contains("│ 2 "));
        Assert.Contains(lines, l => l.Contains("lock") && l.Contains("TRACK"));
        Assert.Contains(lines, l => l.Contains("timing residual") && l.Contains("42.5 ps"));
        Assert.Contains(lines, l => l.Contains("QBER") && l.Contains("2.31 %"));
        Assert.Contains(lines, l => l.Contains("buffer fill") && l.Contains("12.5 %"));
        Assert.Contains(lines, l => l.Contains("rejected") && l.Contains('3'));
        Assert.Contains(lines, l => l.Contains("uptime_s") && l.Contains("77"));
        Assert.Contains("GroundStationFw firmware 0.1.0 on sim", text);
    }

    [Fact]
    public void Missing_telemetry_is_said_not_shown_as_zero()
    {
        var status = new DeviceStatus(DateTimeOffset.UnixEpoch, Device, null, new Dictionary<string, string>(),
            "TELemetry? answered -113: Undefined header");
        var text = RenderToText(status);
        Assert.Contains("telemetry unavailable: TELemetry? answered -113", text);
        Assert.Contains("n/a", text);
        Assert.DoesNotContain("0.00 %", text);
    }

    [Fact]
    public void Json_snapshot_has_numbers_as_numbers()
    {
        using var json = JsonDocument.Parse(Status("rate_hz.0=1200\nlock=TRACK").ToJson());
        var root = json.RootElement;
        Assert.Equal(1200, root.GetProperty("telemetry").GetProperty("rate_hz.0").GetDouble());
        Assert.Equal("TRACK", root.GetProperty("telemetry").GetProperty("lock").GetString());
        Assert.Equal(3, root.GetProperty("link").GetProperty("frames_rejected").GetInt64());
        Assert.Equal("1.0", root.GetProperty("device").GetProperty("protocol").GetString());
    }
}
