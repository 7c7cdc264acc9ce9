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
        using var sim = new RunningSim();

        GsctlProcess.Signal(sim.Board, signal);
        var (exitCode, errorLines) = await sim.Ended(within: TimeSpan.FromSeconds(30));

        Assert.Equal(3, exitCode);
        Assert.Contains(expected, Assert.Single(errorLines));
        Assert.False(Directory.Exists(sim.OutputDirectory));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_pass_with_one_line_and_exit_130_even_though_the_board_shares_the_terminal()
    {
        using var sim = new RunningSim();

        // A terminal's Ctrl+C reaches the whole foreground process group: gsctl and the board it started.
        GsctlProcess.Signal(sim.Board, "INT");
        GsctlProcess.Signal(sim.Gsctl, "INT");
        var (exitCode, errorLines) = await sim.Ended(within: TimeSpan.FromSeconds(30));

        Assert.Equal(130, exitCode);
        Assert.Matches(@"^gsctl: interrupted \(Ctrl\+C\) at \d+\.\d s of the pass; nothing written$", Assert.Single(errorLines).TrimEnd());
        Assert.False(Directory.Exists(sim.OutputDirectory));
    }
}
