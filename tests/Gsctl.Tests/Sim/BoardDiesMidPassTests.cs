using System.Diagnostics;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// The simulation board process dies mid-pass (SIGTERM, SIGKILL): `gsctl sim` ends within seconds with one line
/// naming what happened and exit code 3 (the device is gone), writing no run directory. Before, it hung forever
/// and silently: closing the dead port flushed a write queue nobody would ever drain.
/// </summary>
public sealed class BoardDiesMidPassTests
{
    [Theory]
    [InlineData("TERM", "was terminated (SIGTERM)")]
    [InlineData("KILL", "was killed (SIGKILL)")]
    public async Task Sim_ends_with_one_line_and_exit_3_when_the_board_is_killed(string signal, string expected)
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 120 }""");
        var output = temp.File("run");
        using var gsctl = GsctlProcess.Start(temp.Path, "sim", "--pass", passFile, "--out", output);
        var stdout = gsctl.StandardOutput.ReadToEndAsync();
        var progress = new List<string>();
        string? line;
        while ((line = gsctl.StandardError.ReadLine()) is not null && !line.StartsWith("pass ", StringComparison.Ordinal))
        {
            progress.Add(line);
        }

        Assert.True(line is not null, "gsctl ended before the pass started: " + string.Join(" | ", progress));
        var board = Assert.Single(GsctlProcess.Children(gsctl.Id));
        GsctlProcess.Signal(board, signal);
        var stderr = gsctl.StandardError.ReadToEndAsync();
        if (!gsctl.WaitForExit(30_000))
        {
            gsctl.Kill(entireProcessTree: true);
            Assert.Fail("gsctl sim still runs 30 s after its board died");
        }

        Assert.Equal(3, gsctl.ExitCode);
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("gsctl:", StringComparison.Ordinal)).ToArray();
        Assert.Contains(expected, Assert.Single(errorLines));
        Assert.False(Directory.Exists(output));
        await stdout;
    }
}
