using GroundStation.Gsctl.Calibration;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Calibration;

/// <summary>
/// gsctl calibrate flows against one idle simulation board (no pass: rates and residuals are zero, so these tests
/// assert the flows' structure, exit codes and side effects), and the window rule against hand-computed values.
/// </summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly SimBoardProcess _board = SimBoardProcess.Start(["--baud", "921600"], TimeSpan.FromSeconds(30));

    public void Dispose() => _board.Dispose();

    [Fact]
    public void Dark_counts_every_detector_and_prints_one_row_per_detector()
    {
        var result = Gsctl("calibrate", "dark", "--seconds", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = TableRows(result.Stdout, "detector");
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.True(long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) >= 0));
        Assert.Contains("counting", result.Stderr); // progress lines when not a terminal

        // The device counts nothing on a gated-off detector: the flow switched them on, and off again afterwards.
        Assert.Contains("switching on detector 4", result.Stderr);
        Assert.Equal(0, Gsctl("calibrate", "dark", "--seconds", "1").ExitCode);
    }

    [Fact]
    public void Skew_without_beacon_lock_is_refused_by_the_device_with_its_reason()
    {
        // An idle board has no beacon: CAL:SKEW:STAR answers an error instead of an OK that would measure nothing.
        var result = Gsctl("calibrate", "skew", "--seconds", "1", "--save");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skew calibration needs beacon lock", result.Stderr);
        Assert.DoesNotContain("configuration saved", result.Stdout);
    }

    [Fact]
    public void Bias_scan_steps_every_level_and_restores_the_configured_bias()
    {
        Assert.Equal(0, Gsctl("config", "set", "BiasMillivolts[1]", "1100").ExitCode);
        var result = Gsctl("calibrate", "bias", "--from", "900", "--to", "1000", "--step", "50", "--settle-ms", "20", "--channel", "2");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = TableRows(result.Stdout, "detector");
        Assert.Equal(["900", "950", "1000"], rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal("2", r[0]));
        Assert.All(rows, r => Assert.Equal(5, r.Length));

        // The simulation board's ADC reads back the DAC's output: within 2 LSB (3.3 V / 4096) of the set value.
        Assert.All(rows, r => Assert.InRange(int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) - 2, int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("1000,1100,1000,1000", Gsctl("config", "get", "BiasMillivolts").Stdout.Trim());
    }

    [Fact]
    public void Bias_scan_with_an_impossible_range_is_a_usage_error()
    {
        var result = Gsctl("calibrate", "bias", "--from", "1200", "--to", "800");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from", result.Stderr);
    }

    [Fact]
    public void Window_without_beacon_lock_recommends_nothing_and_keeps_the_window()
    {
        var result = Gsctl("calibrate", "window", "--samples", "2", "--interval-ms", "50", "--apply");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("searching", result.Stdout);
        Assert.Contains("none (no beacon lock)", result.Stdout);
        Assert.Equal("500", Gsctl("config", "get", "CoincidenceWindowPs").Stdout.Trim());
    }

    [Fact]
    public void A_changed_window_is_in_effect_at_once_and_a_changed_pulse_rate_says_it_waits_for_a_restart()
    {
        var window = Gsctl("config", "set", "CoincidenceWindowPs", "700");
        Assert.True(window.ExitCode == 0, window.Stderr);
        Assert.DoesNotContain("next start", window.Stdout);

        var rate = Gsctl("config", "set", "PulseRateHz", "200000000");
        Assert.True(rate.ExitCode == 0, rate.Stderr);
        Assert.Contains("takes effect at the device's next start: PulseRateHz (save, then restart the device)", rate.Stdout);
    }

    [Theory]
    [InlineData(100.0, 760)] // sigma = 125.33 ps, 6 sigma = 751.9 -> 760
    [InlineData(40.0, 310)] // sigma = 50.13, 6 sigma = 300.8 -> 310
    [InlineData(5.0, 100)] // 37.6 ps is below the floor
    [InlineData(1e6, 1000000)] // capped at the firmware's limit
    public void Window_rule_is_six_sigma_rounded_up_to_10_ps(double meanAbsResidualPs, int expected) =>
        Assert.Equal(expected, CoincidenceWindowRule.RecommendPs(meanAbsResidualPs));

    [Fact]
    public void Window_rule_gives_nothing_without_a_residual() => Assert.Null(CoincidenceWindowRule.RecommendPs(0));

    [Fact]
    public void Every_calibrate_flow_has_help()
    {
        foreach (var flow in new[] { "dark", "skew", "bias", "window" })
        {
            var help = GsctlProcess.Run("calibrate", flow, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--save", help.Stdout);
        }
    }

    /// <summary>The rows under the plain-text header line that starts with <paramref name="firstColumn"/>.</summary>
    private static List<string[]> TableRows(string stdout, string firstColumn)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.TrimStart().StartsWith(firstColumn, StringComparison.Ordinal));
        Assert.True(header >= 0, stdout);
        return lines.Skip(header + 1).TakeWhile(l => l.Length > 0 && char.IsDigit(l.TrimStart()[0]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
    }

    private GsctlResult Gsctl(params string[] args) => GsctlProcess.Run([.. args, "--port", _board.UartPath]);
}
