using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Cli;

/// <summary>
/// Every command-line mistake takes one path: one line naming the problem, one line pointing at the command's
/// help, exit 2, nothing on stdout (before: 13-50 lines of help, exit 1, and a stack trace for `--baud 0`).
/// </summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("gsctl connect", "Option '--port' is required", "connect")]
    [InlineData("gsctl connect", "--baud must be 50 .. 4000000 baud, not 0", "connect", "--port", "/dev/ttyGS-x", "--baud", "0")]
    [InlineData("gsctl connect", "'abc' for option '--baud' as a whole number", "connect", "--port", "/dev/ttyGS-x", "--baud", "abc")]
    [InlineData("gsctl record", "--seconds must be 0 .. 604800 s, not -1", "record", "--sim", "--out", "unused", "--seconds", "-1")]
    [InlineData("gsctl record", "--reconnect-seconds must be 0 .. 86400 s, not -5", "record", "--sim", "--out", "unused", "--reconnect-seconds", "-5")]
    [InlineData("gsctl record verify", "Required argument 'dir' missing", "record", "verify")]
    [InlineData("gsctl sim", "--skew-seconds must be 0 .. 3600 s, not -1", "sim", "--skew-seconds", "-1")]
    [InlineData("gsctl sim", "'-3' for option '--seed' as a whole number of at least 0", "sim", "--seed", "-3")]
    [InlineData("gsctl config import", "Required argument", "config", "import")]
    [InlineData("gsctl", "Unrecognized command or argument 'bogus'", "bogus")]
    public void A_command_line_mistake_is_one_line_plus_a_hint_and_exit_2(string command, string problem, params string[] args)
    {
        using var temp = new TempDirectory();

        var result = GsctlProcess.RunIn(temp.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{command}: ", lines[0]);
        Assert.Contains(problem, lines[0]);
        Assert.DoesNotContain("System.", lines[0]);
        Assert.Equal($"Try '{command} --help'.", lines[1]);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path)); // nothing ran
    }

    [Fact]
    public void Help_is_still_shown_when_asked_for_even_with_a_required_option_missing()
    {
        var result = GsctlProcess.Run("connect", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--port", result.Stdout);
    }
}
