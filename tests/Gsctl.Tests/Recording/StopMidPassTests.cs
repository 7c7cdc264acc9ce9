using System.Globalization;
using System.Text.RegularExpressions;
using GroundStation.Gsctl.Commands;
using GroundStation.Gsctl.Recording;
using GroundStation.Host.Keys;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

/// <summary>
/// A technician stops `gsctl record` while the firmware is still detecting (--seconds or Ctrl+C mid-pass). Before,
/// the flush was followed by more clicks and the recording failed after 60 s with "sifting did not settle"; now the
/// detectors are gated off first, the recording ends whole, and every bit the device sifted is in it (the device's
/// own SIFT:STAT? is the independent count).
/// </summary>
public sealed class StopMidPassTests
{
    /// <summary>Far longer than the test: the pass is still running when the recording stops.</summary>
    private const string LongPass = """{ "durationSeconds": 120 }""";

    [Fact]
    public void Seconds_ending_mid_pass_gates_the_detectors_off_keeps_every_sifted_bit_and_exits_0()
    {
        using var temp = new TempDirectory();
        using var board = StartPass(temp);
        var directory = temp.File("rec");

        var result = GsctlProcess.Run("record", "--port", board.UartPath, "--out", directory, "--seconds", "3");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("gsctl: stopped", StringComparison.Ordinal));
        AssertStoppedCleanly(board, directory, line, "stopped after 3 s");
    }

    [Fact]
    public async Task Ctrl_c_mid_pass_gates_the_detectors_off_keeps_every_sifted_bit_and_exits_130()
    {
        using var temp = new TempDirectory();
        using var board = StartPass(temp);
        var directory = temp.File("rec");
        using var gsctl = GsctlProcess.Start(temp.Path, "record", "--port", board.UartPath, "--out", directory);
        var stdout = gsctl.StandardOutput.ReadToEndAsync();
        var stderr = gsctl.StandardError.ReadToEndAsync();

        // The key file appears once the device answered; then blocks flow for a while before the interrupt.
        var keyFile = Path.Combine(directory, RecordingWriter.DetectionsFileName);
        for (var waited = 0; !File.Exists(keyFile) && waited < 300 && !gsctl.HasExited; waited++)
        {
            await Task.Delay(100);
        }

        if (!File.Exists(keyFile))
        {
            Assert.Fail("gsctl record did not start: " + (gsctl.HasExited ? await stderr : "no key file after 30 s"));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        GsctlProcess.Signal(gsctl.Id, "INT");
        if (!gsctl.WaitForExit(60_000))
        {
            gsctl.Kill(entireProcessTree: true);
            Assert.Fail("gsctl record still runs 60 s after Ctrl+C");
        }

        await stdout;
        var errors = await stderr;
        Assert.True(gsctl.ExitCode == 130, errors);
        var line = Assert.Single(errors.Split('\n'), l => l.StartsWith("gsctl: stopped", StringComparison.Ordinal));
        AssertStoppedCleanly(board, directory, line, "stopped by Ctrl\\+C");
    }

    private static SimBoardProcess StartPass(TempDirectory temp)
    {
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, LongPass);
        return PlayingBoard.Start(passFile);
    }

    private static void AssertStoppedCleanly(SimBoardProcess board, string directory, string line, string how)
    {
        var match = Regex.Match(line, $@"^gsctl: {how}: detectors 1-4 gated off, sifting flushed; kept (\d+) detections in (\d+) device blocks for post-pass");
        Assert.True(match.Success, line);
        var verification = RecordingVerifier.Verify(directory);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        var (_, _, blocks) = SiftedKeyFile.Read(Path.Combine(directory, RecordingWriter.DetectionsFileName));
        long bits = blocks.Sum(b => (long)b.Entries.Count());
        Assert.True(bits > 0, "nothing was recorded before the stop");
        Assert.Equal(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), bits);
        Assert.Equal(long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), blocks.Count);

        using var operatorSession = DeviceConnection.OpenPort(board.UartPath, PlayingBoard.Baud);
        var client = operatorSession.Client;
        Assert.StartsWith("1,", DeviceScpi.Run(client, "SIM:STAT?")); // the pass still runs: the stop was mid-pass
        for (var detector = 1; detector <= 4; detector++)
        {
            Assert.Equal("0", DeviceScpi.Run(client, $"DET:GATE? {detector}"));
        }

        // Nobody answered the device before gsctl did: everything it ever sifted is in the recording.
        Assert.Equal(DeviceScpi.Sifting(client).SiftedBits, bits);
    }
}
