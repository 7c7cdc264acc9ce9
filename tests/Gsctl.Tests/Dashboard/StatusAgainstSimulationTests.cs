using System.Diagnostics;
using System.Text.Json;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Dashboard;

/// <summary>gsctl status against the simulation board: the JSON snapshot, and the live dashboard read off a tmux screen.</summary>
public class StatusAgainstSimulationTests
{
    [Fact]
    public void Status_json_against_the_simulation_board_prints_one_snapshot()
    {
        var result = GsctlProcess.Run("status", "--sim", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("device").GetProperty("name").GetString()));
        Assert.Equal("BINARY", root.GetProperty("link").GetProperty("mode").GetString());

        // The figures come from the binary record (the TEL? text reply is cut at one 512-byte frame).
        Assert.Equal("record", root.GetProperty("telemetry_source").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("telemetry_note").ValueKind);
        var telemetry = root.GetProperty("telemetry");
        Assert.Equal(0, telemetry.GetProperty("alarms").GetInt32());
        Assert.True(telemetry.GetProperty("link_capacity").GetInt32() > 0);
        Assert.True(telemetry.GetProperty("uptime_ms").GetInt64() > 0);
        Assert.True(telemetry.GetProperty("free_memory_bytes").GetInt64() > 0);
        Assert.Equal(-1, telemetry.GetProperty("last_qber_ppm").GetInt32());
        Assert.Equal(0, telemetry.GetProperty("hal_faults").GetInt32());
        for (var channel = 0; channel < 4; channel++)
        {
            Assert.True(telemetry.TryGetProperty($"rate_hz.{channel}", out _), $"rate of channel {channel}");
        }

        // A fresh simulation board waits for the operator to enable the detectors.
        Assert.Equal("AwaitingEnable", telemetry.GetProperty("safe_state").GetString());
    }

    [Fact]
    public void Status_without_a_port_or_sim_is_one_usage_error()
    {
        var result = GsctlProcess.Run("status");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("gsctl: give either --port PATH or --sim", result.Stderr.Trim());
        Assert.Equal(0, GsctlProcess.Run("status", "--help").ExitCode);
    }

    [Fact]
    public void Live_dashboard_under_tmux_shows_the_device_and_quits_on_q()
    {
        var session = "gsctl-test-" + Guid.NewGuid().ToString("N")[..8];
        var gsctl = Path.Combine(AppContext.BaseDirectory, "gsctl.dll");
        Tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", $"dotnet '{gsctl}' status --sim --interval-ms 300; sleep 30");
        try
        {
            var screen = WaitForScreen(session, s => s.Contains("Timing and key") && s.Contains("Link") && s.Contains("BINARY"),
                TimeSpan.FromSeconds(45));
            Assert.Contains("gsctl status", screen);
            Assert.Contains("frames in", screen);
            Assert.Matches(@"protocol \d+\.\d+, via simulation board", screen);

            // Telemetry from the binary record: figures the cut TEL? reply lost are there.
            Assert.Contains("telemetry: binary record", screen);
            Assert.Matches(@"│\s*alarms\s*│\s*0\s*│", screen);
            var window = System.Text.RegularExpressions.Regex.Match(screen, @"send window\s*│\s*(\d+)/(\d+)");
            Assert.True(window.Success && int.Parse(window.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, screen);
            Assert.Matches(@"free memory\s*│\s*\d+ B", screen);
            Assert.Matches(@"last QBER\s*│\s*not measured yet", screen);

            // The dashboard refreshes: the received-frame counter grows between two readings.
            var before = FramesIn(screen);
            var later = WaitForScreen(session, s => FramesIn(s) > before, TimeSpan.FromSeconds(10));
            Assert.True(FramesIn(later) > before);

            Tmux("send-keys", "-t", session, "q");
            // After q, gsctl exits and the shell's "sleep" keeps the pane: the dashboard stops changing.
            var stopped = WaitForScreen(session, _ => !GsctlRunning(session), TimeSpan.FromSeconds(15));
            Assert.Contains("Timing and key", stopped);
        }
        finally
        {
            Tmux("kill-session", "-t", session);
        }
    }

    private static long FramesIn(string screen)
    {
        var match = System.Text.RegularExpressions.Regex.Match(screen, @"frames in\s*│?\s*(\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private static bool GsctlRunning(string session) =>
        Tmux("list-panes", "-t", session, "-F", "#{pane_current_command}").Trim() != "sleep";

    private static string WaitForScreen(string session, Func<string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Tmux("capture-pane", "-p", "-t", session);
            if (done(screen))
            {
                return screen;
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException($"the tmux screen did not reach the expected state within {timeout.TotalSeconds} s:\n{screen}");
    }

    private static string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start (is it installed?)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
