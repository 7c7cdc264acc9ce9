using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GroundStation.Gsctl.Dashboard;

/// <summary>Lays a <see cref="DeviceStatus"/> out as the live dashboard's screen.</summary>
internal static class StatusDashboard
{
    /// <summary>Telemetry keys the dashboard places itself; the rest go to the "Other" table.</summary>
    private static readonly string[] PlacedPrefixes = ["rate_hz", "bias_v", "temp_c"];

    private static readonly string[] PlacedKeys =
    [
        "lock", "residual_rms_ps", "buffer_fill_pct", "qber_pct", "sifted_bps", "beacon_hz", "alarms",
        // raw firmware figures already shown through a derived one
        "timing_state", "timing_residual_ps", "beacon_rate_hz", "last_qber_ppm", "link_pending",
    ];

    private static readonly string[] HiddenPrefixes = ["bias_mv", "temp_mc"];

    public static IRenderable Render(DeviceStatus status, string via)
    {
        var d = status.Device;
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(d.Name)}[/] firmware {Markup.Escape(d.FirmwareVersion)} on {Markup.Escape(d.BoardName)}, " +
                       $"protocol {d.ProtocolMajor}.{d.ProtocolMinor}, via {Markup.Escape(via)}"),
            new Markup($"[grey]{status.TakenUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}   q or Ctrl+C quits[/]"),
        };

        if (status.TelemetryNote is { } note)
        {
            rows.Add(new Markup($"[yellow]telemetry unavailable: {Markup.Escape(note)}[/]"));
        }

        var columns = new List<IRenderable> { Detectors(status), Acquisition(status), Link(status) };
        rows.Add(new Columns(columns) { Expand = false });
        var other = status.Telemetry.Where(p => !PlacedKeys.Contains(p.Key) &&
            !PlacedPrefixes.Concat(HiddenPrefixes).Any(prefix => p.Key.StartsWith(prefix + ".", StringComparison.Ordinal))).ToList();
        if (other.Count > 0)
        {
            var table = new Table { Title = new TableTitle("Other") }.AddColumn("figure").AddColumn("value");
            foreach (var (key, value) in other)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(value));
            }

            rows.Add(table);
        }

        return new Panel(new Rows(rows)) { Header = new PanelHeader(" gsctl status "), Expand = false };
    }

    private static Table Detectors(DeviceStatus status)
    {
        var table = new Table { Title = new TableTitle("Detectors") }
            .AddColumn("ch").AddColumn(new TableColumn("counts/s").RightAligned())
            .AddColumn(new TableColumn("bias V").RightAligned()).AddColumn(new TableColumn("temp °C").RightAligned());
        var channels = status.Channels(PlacedPrefixes).ToList();
        if (channels.Count == 0)
        {
            table.AddRow("-", "n/a", "n/a", "n/a");
        }

        foreach (var c in channels)
        {
            table.AddRow(c.ToString(CultureInfo.InvariantCulture), Figure(status, $"rate_hz.{c}", "0"),
                Figure(status, $"bias_v.{c}", "0.00"), Figure(status, $"temp_c.{c}", "0.0"));
        }

        return table;
    }

    private static Table Acquisition(DeviceStatus status)
    {
        var table = new Table { Title = new TableTitle("Timing and key") }.AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.ShowHeaders = false;
        var lockState = status.Telemetry.GetValueOrDefault("lock");
        var lockMarkup = lockState is null ? "n/a"
            : lockState.Equals("TRACK", StringComparison.OrdinalIgnoreCase) || lockState == "1"
                ? $"[green]{Markup.Escape(lockState)}[/]"
                : $"[yellow]{Markup.Escape(lockState)}[/]";
        table.AddRow("lock", lockMarkup);
        table.AddRow("timing residual", Figure(status, "residual_rms_ps", "0.0", " ps"));
        table.AddRow("beacon", Figure(status, "beacon_hz", "0", " /s"));
        table.AddRow("buffer fill", Figure(status, "buffer_fill_pct", "0.0", " %"));
        var qber = status.Number("qber_pct");
        table.AddRow("QBER", qber is null ? "n/a" : qber > 11 ? $"[red]{qber:0.00} %[/]" : $"{qber:0.00} %");
        table.AddRow("sifted", Figure(status, "sifted_bps", "0", " bit/s"));
        var alarms = status.Telemetry.GetValueOrDefault("alarms");
        table.AddRow("alarms", alarms is null ? "n/a"
            : alarms is "" or "0" or "none" ? "[green]none[/]" : $"[red bold]{Markup.Escape(alarms)}[/]");
        return table;
    }

    private static Table Link(DeviceStatus status)
    {
        var table = new Table { Title = new TableTitle("Link") }.AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.ShowHeaders = false;
        var link = status.Link;
        if (link is null)
        {
            table.AddRow("counters", "n/a");
            return table;
        }

        table.AddRow("mode", Markup.Escape(link.Mode));
        table.AddRow("frames in", link.FramesReceived.ToString(CultureInfo.InvariantCulture));
        table.AddRow("frames out", link.FramesSent.ToString(CultureInfo.InvariantCulture));
        table.AddRow("rejected", link.FramesRejected == 0 ? "0" : $"[yellow]{link.FramesRejected}[/]");
        table.AddRow("resent", link.Retransmissions.ToString(CultureInfo.InvariantCulture));
        table.AddRow("pending", link.Pending.ToString(CultureInfo.InvariantCulture));
        return table;
    }

    private static string Figure(DeviceStatus status, string key, string format, string unit = "") =>
        status.Number(key) is { } value
            ? Markup.Escape(value.ToString(format, CultureInfo.InvariantCulture) + unit)
            : status.Telemetry.TryGetValue(key, out var text) ? Markup.Escape(text) : "n/a";
}
