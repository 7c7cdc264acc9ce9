using GroundStation.Gsctl.Calibration;
using GroundStation.Gsctl.Sim;
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
    }

    [Fact]
    public void Skew_collects_applies_and_lists_tagger_channels_0_to_4()
    {
        var result = Gsctl("calibrate", "skew", "--seconds", "1", "--save");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Channel skew (applied to", result.Stdout);
        Assert.Equal(["0", "1", "2", "3", "4"], TableRows(result.Stdout, "tagger channel").Select(r => r[0]));
        Assert.Contains("configuration saved on the device", result.Stdout);
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
