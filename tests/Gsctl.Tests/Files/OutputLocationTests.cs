using GroundStation.Gsctl.Commands;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Files;

/// <summary>
/// Every command that writes a directory checks it before its work: a bad --out is one line and exit 2 within a
/// second, before any board starts (before: `sim` ran the whole pass, then threw; `record` printed a stack trace).
/// </summary>
public sealed class OutputLocationTests
{
    [Theory]
    [InlineData("sim", "/proc/gsctl-x", "cannot create it: /proc takes no new files")]
    [InlineData("sim", "{file}/sub", "{file} is a file, not a directory")]
    [InlineData("record", "{file}", "is a file")]
    [InlineData("record", "/proc/gsctl-x", "cannot create it: /proc takes no new files")]
    [InlineData("record", "{file}/sub", "{file} is a file, not a directory")]
    public void A_bad_output_location_is_refused_before_anything_starts(string command, string output, string problem)
    {
        using var temp = new TempDirectory();
        var file = temp.File("afile");
        File.WriteAllText(file, "mine");
        output = output.Replace("{file}", file, StringComparison.Ordinal);
        string[] args = command == "sim" ? ["sim", "--out", output] : ["record", "--sim", "--out", output, "--seconds", "1"];

        var result = GsctlProcess.RunIn(temp.Path, args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"gsctl: --out {output}: ", line);
        Assert.Contains(problem.Replace("{file}", file, StringComparison.Ordinal), line);
        Assert.DoesNotContain("simulation board", result.Stdout); // nothing was started
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("/proc/gsctl-x.json", "cannot write it: /proc takes no new files")]
    [InlineData("{dir}", "is a directory")]
    [InlineData("{dir}/missing/config.json", "cannot write it: {dir}/missing does not exist")]
    public void Config_export_to_a_place_it_cannot_write_is_one_line_and_exit_2(string target, string problem)
    {
        using var temp = new TempDirectory();
        target = target.Replace("{dir}", temp.Path, StringComparison.Ordinal);

        var result = GsctlProcess.Run("config", "export", target, "--sim");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"gsctl: {target}: {problem.Replace("{dir}", temp.Path, StringComparison.Ordinal)}", Assert.Single(result.Stderr.TrimEnd().Split('\n')));
    }

    [Fact]
    public void A_file_system_without_the_space_needed_is_refused_before_the_work()
    {
        using var temp = new TempDirectory();
        var free = new DriveInfo(temp.Path).AvailableFreeSpace;

        var e = Assert.Throws<UserError>(() => OutputLocation.Prepare("--out", temp.File("run"), neededBytes: free + 1_000_000_000));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Matches(@"^--out .*/run: only [\d.]+ MB free on its file system; this needs about [\d.]+ MB$", e.Message);
    }

    [Fact]
    public void Default_run_directories_started_in_the_same_second_are_distinct()
    {
        using var temp = new TempDirectory();
        var runs = temp.File("runs");
        var sameSecond = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

        // Eight runs racing for one name: each claim is exclusive, so every run gets its own directory.
        var claims = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => RunOutput.Claim(null, 1, sameSecond, 0, runs)).ToArray();

        var names = claims.Select(c => Path.GetFileName(c.Path)).Order().ToArray();
        Assert.Equal(8, names.Distinct().Count());
        Assert.Contains("20261128-120000-seed1", names);
        Assert.Contains("20261128-120000-seed1-8", names);
    }

    [Fact]
    public void A_released_claim_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var claim = RunOutput.Claim(temp.File("run"), 1, DateTime.UtcNow, 0);

        RunOutput.Release(claim);

        Assert.False(Directory.Exists(temp.File("run")));
    }
}
