using GroundStation.Host.Keys;
using GroundStation.Gsctl.Commands;
using GroundStation.Host.Link;
using GroundStation.Gsctl.Recording;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

/// <summary>
/// `gsctl record` judges the device's sifting over the recording (SIFT:STAT? before and after): drops are a
/// warning, stalled sifting a failure (before: "manifest written", exit 0, with 99.98 % of clicks dropped).
/// </summary>
public sealed class SiftingHealthTests
{
    [Fact]
    public void Sifting_that_kept_up_gives_no_warning()
    {
        var (warnings, stalled) = SiftingHealth.Judge(new SiftingCounters(Clicks: 1000, SiftedBits: 480, 1, 0, DroppedClicks: 0));

        Assert.Empty(warnings);
        Assert.False(stalled);
    }

    [Fact]
    public void Some_drops_are_a_warning_with_the_count_and_percentage()
    {
        var (warnings, stalled) = SiftingHealth.Judge(new SiftingCounters(Clicks: 8000, SiftedBits: 3500, 2, 0, DroppedClicks: 100));

        Assert.False(stalled);
        Assert.StartsWith("warning: the device's sifting dropped 100 of 8000 clicks (1.25 %)", Assert.Single(warnings));
    }

    [Fact]
    public void Dropping_almost_everything_is_stalled()
    {
        // The case: 2 of 10,000 clicks survived because nobody answered the announcements.
        var (warnings, stalled) = SiftingHealth.Judge(new SiftingCounters(Clicks: 10_000, SiftedBits: 1, 0, 0, DroppedClicks: 9998));

        Assert.True(stalled);
        Assert.Contains("(99.98 %)", warnings[0]);
        Assert.StartsWith("warning: sifting is stalled (1 sifted bits from 10000 clicks)", warnings[1]);
    }

    [Fact]
    public void Recording_a_pass_without_a_transmitter_keeps_every_detection_for_post_pass_and_the_recording_is_whole()
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 60 }""");
        using var board = PlayingBoard.Start(passFile);

        // Stopped mid-pass, as before 66d3068 (StopMidPassTests checks the stop itself).
        var directory = temp.File("rec");
        var result = GsctlProcess.Run("record", "--port", board.UartPath, "--out", directory, "--seconds", "3");

        // gsctl answers every announcement itself (no --peer): nothing stalls, and the detections wait for the transmitter.
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("stalled", result.Stderr);
        Assert.Contains("manifest written (post-pass)", result.Stdout);
        Assert.True(RecordingVerifier.Verify(directory).Ok);
        var (_, content, blocks) = SiftedKeyFile.Read(Path.Combine(directory, RecordingWriter.DetectionsFileName));
        Assert.Equal(SiftedContent.Detections, content);
        Assert.NotEmpty(blocks);
        Assert.All(blocks.SelectMany(b => b.Entries), e => Assert.Equal(SiftedKeyFile.UnknownClass, e.IntensityClass));
        var entries = blocks.SelectMany(b => b.Entries).ToList();
        Assert.InRange(entries.Count(e => e.Basis == 0), 0.4 * entries.Count, 0.6 * entries.Count); // the passive 50/50 receiver
    }
}
