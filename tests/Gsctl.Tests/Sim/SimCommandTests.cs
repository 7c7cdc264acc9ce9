using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Output;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>`gsctl sim` as a user runs it: a separate process, its summary, its exit codes and its files.</summary>
public sealed class SimCommandTests
{
    [Fact]
    public void A_short_pass_prints_the_summary_and_writes_the_run_directory()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 3 }""");
        var output = temp.File("run");

        var result = GsctlProcess.Run("sim", "--pass", passFile, "--seed", "3", "--out", output, "--skew-seconds", "1");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"skew\s+H [+-]\d+, V [+-]\d+, D [+-]\d+, A [+-]\d+ ps", result.Stdout);
        Assert.Contains("lock time", result.Stdout);
        Assert.Contains("sifted bits", result.Stdout);
        Assert.Contains("QBER", result.Stdout);
        Assert.Contains("alarms           none", result.Stdout);
        Assert.Contains($"files in {output}", result.Stdout);
        Assert.Contains("pass 100%", result.Stderr); // not a terminal: plain progress lines
        foreach (var name in new[] { RunDirectory.TimelineFileName, RunDirectory.SummaryFileName, SimRunFiles.StationSiftedFileName,
                     SimRunFiles.TransmitterSiftedFileName, RunDirectory.PassFileName })
        {
            Assert.True(File.Exists(Path.Combine(output, name)), name);
        }

        var summaryJson = File.ReadAllText(Path.Combine(output, RunDirectory.SummaryFileName));
        Assert.Equal(3ul, RunSummary.FromJson(summaryJson).Seed);

        // 3 s give no single-photon bound, so no key and no phase-error bound: said as such, and null in the JSON
        // (before: "phase error bound NaN %" and "phaseErrorBound": "NaN").
        Assert.Matches(@"phase error bound n/a \(no key: no single-photon events can be bounded", result.Stdout);
        Assert.DoesNotContain("NaN", result.Stdout);
        Assert.DoesNotContain("NaN", summaryJson);
        using var summary = System.Text.Json.JsonDocument.Parse(summaryJson);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.RootElement.GetProperty("phaseErrorBound").ValueKind);
    }

    [Fact]
    public void A_bad_pass_file_is_one_line_naming_the_field_exit_2_and_nothing_written()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("bad.json");
        File.WriteAllText(passFile, """{ "receiver": { "darkCountsPerSecond": -5 } }""");
        var output = temp.File("run");

        var result = GsctlProcess.Run("sim", "--pass", passFile, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("$.receiver.darkCountsPerSecond", result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_non_empty_output_directory_is_refused_before_anything_runs()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("keep.txt"), "mine");

        var result = GsctlProcess.Run("sim", "--out", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Stderr);
        Assert.Equal(["keep.txt"], temp.FileNames());
    }

    [Fact]
    public void A_negative_skew_time_is_refused_with_exit_2()
    {
        using var temp = new TempDirectory();
        var output = temp.File("run");

        var result = GsctlProcess.Run("sim", "--out", output, "--skew-seconds", "-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--skew-seconds must be 0 .. 3600", result.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
