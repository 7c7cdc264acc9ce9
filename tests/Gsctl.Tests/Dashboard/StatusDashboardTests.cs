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
    public void Telemetry_pairs_parse_with_commas_or_semicolons_and_lowercase_keys()
    {
        var pairs = DeviceStatus.ParseTelemetry("RATE_HZ.0=1200; rate_hz.1=980,lock=TRACK, alarms=\"none\"");
        Assert.Equal(new Dictionary<string, string>
        {
            ["alarms"] = "none", ["lock"] = "TRACK", ["rate_hz.0"] = "1200", ["rate_hz.1"] = "980",
        }, pairs);
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
            "rate_hz.0=1200,rate_hz.1=980,rate_hz.3=15,bias_v.0=-24.5,temp_c.0=-20.1,lock=TRACK,residual_rms_ps=42.5," +
            "buffer_fill_pct=12.5,qber_pct=2.31,sifted_bps=5400,alarms=none,beacon_hz=10000,uptime_s=77"));
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
            "STATus:SNAPshot? answered -113: Undefined header");
        var text = RenderToText(status);
        Assert.Contains("telemetry unavailable: STATus:SNAPshot? answered -113", text);
        Assert.Contains("n/a", text);
        Assert.DoesNotContain("0.00 %", text);
    }

    [Fact]
    public void Json_snapshot_has_numbers_as_numbers()
    {
        using var json = JsonDocument.Parse(Status("rate_hz.0=1200,lock=TRACK").ToJson());
        var root = json.RootElement;
        Assert.Equal(1200, root.GetProperty("telemetry").GetProperty("rate_hz.0").GetDouble());
        Assert.Equal("TRACK", root.GetProperty("telemetry").GetProperty("lock").GetString());
        Assert.Equal(3, root.GetProperty("link").GetProperty("frames_rejected").GetInt64());
        Assert.Equal("1.0", root.GetProperty("device").GetProperty("protocol").GetString());
    }
}
