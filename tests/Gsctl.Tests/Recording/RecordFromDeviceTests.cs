using System.Text.Json;
using GroundStation.Gsctl.Recording;
using GroundStation.Host.Keys;
using GroundStation.Host.Sifting;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Recording;

/// <summary>The device-fed `gsctl record`: block accounting of the recording, and a recording from the simulation board.</summary>
public sealed class RecordFromDeviceTests
{
    [Fact]
    public void A_lost_device_block_shows_as_missing_a_discarded_one_does_not_and_verify_fails()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "pass");
        var header = new KeyFileHeader(KeySide.Station, "st", "tx", "p");
        using (var writer = new RecordingWriter(directory, header, SiftedContent.Sifted, []))
        {
            foreach (var n in new long[] { 5, 6, 9 })
            {
                writer.AddBlock(n, [new SiftedEntry(10 * n, 0, 0, 1), new SiftedEntry(10 * n + 1, 1, 1, 0)]);
            }

            writer.AddDiscarded(7); // the alarm discarded block 7; block 8 never arrived
            var manifest = writer.Complete(RecordingManifest.LiveMode);
            Assert.Equal([8L], manifest.Key.MissingBlockIds);
            Assert.Equal([7L], manifest.Key.DiscardedBlockIds);
            Assert.Equal(3, manifest.Key.Blocks);
            Assert.Equal(6, manifest.Key.Bits);
            Assert.Equal(3, manifest.Key.BitsByIntensity["decoy"]);
            Assert.Equal(3, manifest.Key.BitsByBasis["x"]);
        }

        Assert.Equal(["1 key blocks missing: 8"], RecordingVerifier.Verify(directory).Problems);
    }

    [Fact]
    public void Recording_the_idle_simulation_board_gives_a_manifest_of_zero_blocks_that_verifies()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "pass");
        var result = GsctlProcess.Run("record", "--sim", "--out", directory, "--seconds", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("manifest written", result.Stdout);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var blocks = manifest.RootElement.GetProperty("key").GetProperty("blocks").GetInt64();
        Assert.Equal(0, blocks); // the idle board sifts nothing
        Assert.Equal("post-pass", manifest.RootElement.GetProperty("mode").GetString()); // no --peer: detections kept for later
        var verify = GsctlProcess.Run("record", "verify", directory);
        Assert.True(verify.ExitCode == 0, verify.Stderr);
    }

    [Fact]
    public void Record_into_a_non_empty_directory_or_without_out_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("x"), "x");
        Assert.Equal(2, GsctlProcess.Run("record", "--sim", "--out", temp.Path, "--seconds", "1").ExitCode);
        Assert.Equal(2, GsctlProcess.Run("record", "--sim").ExitCode);
        Assert.Equal(0, GsctlProcess.Run("record", "--help").ExitCode);
    }

    [Fact]
    public void A_negative_reconnect_time_is_a_usage_error_and_help_explains_the_resumption()
    {
        using var temp = new TempDirectory();
        var result = GsctlProcess.Run("record", "--sim", "--out", temp.File("rec"), "--reconnect-seconds", "-1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--reconnect-seconds must be 0 .. 86400", result.Stderr);
        Assert.False(Directory.Exists(temp.File("rec")));
        Assert.Contains("resumes the session", GsctlProcess.Run("record", "--help").Stdout);
    }
}
