using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GroundStation.Gsctl.Dashboard;

/// <summary>Lays a <see cref="DeviceStatus"/> out as the live dashboard's screen.</summary>
internal static class StatusDashboard
{
    /// <summary>Per-channel telemetry keys the dashboard places itself ("rate_hz.0", ...).</summary>
    private static readonly string[] ChannelPrefixes = ["rate_hz", "corrected_hz", "gate", "fault", "bias_v", "temp_c", "bias_mv", "temp_mc"];

    /// <summary>Telemetry keys the dashboard places itself (or shows through a derived one); the rest go to "Other".</summary>
    private static readonly string[] PlacedKeys =
    [
        "lock", "timing_state", "index_resolved", "residual_rms_ps", "timing_residual_ps", "rate_offset_ppb", "beacon_hz",
        "beacon_rate_hz", "lock_count", "qber_pct", "last_qber_ppm", "sifted_bits", "sifted_bps", "alarms", "safe_state",
        "safe_reasons", "link_pending", "link_capacity", "buffer_fill_pct", "uptime_ms", "reset_reason", "free_memory_bytes",
        "hal_faults", "assigned", "dropped_unlocked", "dropped_window", "tagger_overflowed", "tagger_missed", "sift_dropped",
    ];

    public static IRenderable Render(DeviceStatus status, string via)
    {
        var d = status.Device;
        var source = status.Source switch
        {
            TelemetrySource.Record => "telemetry: binary record",
            TelemetrySource.TextReply => $"telemetry: {DeviceStatus.TelemetryQuery} text (fallback)",
            _ => "telemetry: none",
        };
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(d.Name)}[/] firmware {Markup.Escape(d.FirmwareVersion)} on {Markup.Escape(d.BoardName)}, " +
                       $"protocol {d.ProtocolMajor}.{d.ProtocolMinor}, via {Markup.Escape(via)}"),
            new Markup($"[grey]{status.TakenUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}   {Markup.Escape(source)}   q or Ctrl+C quits[/]"),
        };

        if (status.TelemetryNote is { } note)
        {
            rows.Add(new Markup($"[yellow]{Markup.Escape(note)}[/]"));
        }

        rows.Add(new Columns(Detectors(status), Acquisition(status)) { Expand = false });
        rows.Add(new Columns(Link(status), Health(status)) { Expand = false });
        var other = status.Telemetry.Where(p => !PlacedKeys.Contains(p.Key) &&
            !ChannelPrefixes.Any(prefix => p.Key.StartsWith(prefix + ".", StringComparison.Ordinal))).ToList();
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
            .AddColumn("ch").AddColumn(new TableColumn("counts/s").RightAligned()).AddColumn(new TableColumn("corrected/s").RightAligned())
            .AddColumn("gate").AddColumn("fault")
            .AddColumn(new TableColumn("bias V").RightAligned()).AddColumn(new TableColumn("temp °C").RightAligned());
        var channels = status.Channels(ChannelPrefixes).ToList();
        if (channels.Count == 0)
        {
            table.AddRow("-", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
        }

        foreach (var c in channels)
        {
            var gate = status.Number($"gate.{c}") switch { null => "n/a", 0 => "off", _ => "[green]on[/]" };
            var fault = status.Number($"fault.{c}") switch
            {
                null => "n/a",
                0 => "-",
                1 => "[red bold]over-light[/]",
                2 => "[red bold]module fault[/]",
                var other => $"[red bold]{other}[/]",
            };
            table.AddRow(c.ToString(CultureInfo.InvariantCulture), Figure(status, $"rate_hz.{c}", "0"),
                Figure(status, $"corrected_hz.{c}", "0"), gate, fault,
                Figure(status, $"bias_v.{c}", "0.00"), Figure(status, $"temp_c.{c}", "0.0"));
        }

        return table;
    }

    private static Table Acquisition(DeviceStatus status)
    {
        var table = Untitled("Timing and key");
        var lockState = status.Telemetry.GetValueOrDefault("lock");
        var lockMarkup = lockState is null ? "n/a"
            : lockState is "Locked" or "TRACK" ? $"[green]{Markup.Escape(lockState)}[/]" : $"[yellow]{Markup.Escape(lockState)}[/]";
        table.AddRow("lock", lockMarkup);
        table.AddRow("index resolved", status.Number("index_resolved") switch { null => "n/a", 0 => "no", _ => "yes" });
        table.AddRow("timing residual", Figure(status, "residual_rms_ps", "0.0", " ps"));
        table.AddRow("rate offset", Figure(status, "rate_offset_ppb", "0", " ppb"));
        table.AddRow("beacon", Figure(status, "beacon_hz", "0", " /s"));
        var qber = status.Number("qber_pct");
        table.AddRow("last QBER", qber is { } q ? q > 11 ? $"[red]{q:0.00} %[/]" : $"{q:0.00} %"
            : status.Number("last_qber_ppm") is < 0 ? "not measured yet" : "n/a");
        table.AddRow("sifted", Figure(status, "sifted_bits", "0", " bits"));
        table.AddRow("sifted rate", Figure(status, "sifted_bps", "0", " bit/s"));
        var alarms = status.Telemetry.GetValueOrDefault("alarms");
        table.AddRow("alarms", alarms is null ? "n/a"
            : alarms is "" or "0" or "none" ? "[green]0[/]" : $"[red bold]{Markup.Escape(alarms)}[/]");
        var safe = status.Telemetry.GetValueOrDefault("safe_state");
        table.AddRow("safe state", safe is null ? "n/a" : safe == "none" ? "[green]none[/]" : $"[yellow]{Markup.Escape(safe)}[/]");
        return table;
    }

    private static Table Link(DeviceStatus status)
    {
        var table = Untitled("Link");
        var pending = status.Number("link_pending");
        var capacity = status.Number("link_capacity");
        table.AddRow("send window", pending is { } p && capacity is { } c
            ? $"{p:0}/{c:0} ({status.Number("buffer_fill_pct") ?? 0:0.0} %)" : "n/a");
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

    private static Table Health(DeviceStatus status)
    {
        var table = Untitled("Health");
        table.AddRow("uptime", status.Number("uptime_ms") is { } ms
            ? TimeSpan.FromMilliseconds(ms).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : "n/a");
        table.AddRow("last reset", status.Number("reset_reason") switch { null => "n/a", 1 => "[yellow]watchdog[/]", _ => "power-on" });
        table.AddRow("free memory", Figure(status, "free_memory_bytes", "0", " B"));
        table.AddRow("HAL faults", status.Number("hal_faults") switch { null => "n/a", 0 => "0", var n => $"[yellow]{n}[/]" });
        table.AddRow("locks", Figure(status, "lock_count", "0"));
        table.AddRow("assigned", Figure(status, "assigned", "0"));
        table.AddRow("dropped unlocked", Figure(status, "dropped_unlocked", "0"));
        table.AddRow("dropped window", Figure(status, "dropped_window", "0"));
        table.AddRow("tagger overflow", Figure(status, "tagger_overflowed", "0"));
        table.AddRow("tagger missed", Figure(status, "tagger_missed", "0"));
        table.AddRow("sift dropped", Figure(status, "sift_dropped", "0"));
        return table;
    }

    private static Table Untitled(string title)
    {
        var table = new Table { Title = new TableTitle(title) }.AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.ShowHeaders = false;
        return table;
    }

    private static string Figure(DeviceStatus status, string key, string format, string unit = "") =>
        status.Number(key) is { } value
            ? Markup.Escape(value.ToString(format, CultureInfo.InvariantCulture) + unit)
            : status.Telemetry.TryGetValue(key, out var text) ? Markup.Escape(text) : "n/a";
}
