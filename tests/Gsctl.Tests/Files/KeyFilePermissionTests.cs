using GroundStation.Gsctl.Recording;
using GroundStation.Host.Keys;
using GroundStation.Testbed.Sim;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Files;

/// <summary>Key files are 0600 and their directories 0700, whatever the umask of the process that writes them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyFilePermissionTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    [Theory]
    [InlineData("000")] // everything the process creates would be world-readable and writable
    [InlineData("277")] // everything would be read-only for its owner
    public void Sim_key_files_are_0600_in_a_0700_run_directory_under_any_umask(string umask)
    {
        using var temp = new TempDirectory();
        var passFile = temp.File("pass.json");
        File.WriteAllText(passFile, """{ "durationSeconds": 2 }""");
        var run = temp.File("run");
        var gsctl = Path.Combine(AppContext.BaseDirectory, "gsctl.dll");

        using var shell = System.Diagnostics.Process.Start("sh", ["-c", $"umask {umask} && exec dotnet \"$0\" \"$@\"", gsctl,
            "sim", "--pass", passFile, "--out", run, "--skew-seconds", "0"])!;
        Assert.True(shell.WaitForExit(120_000), "gsctl sim did not end");

        Assert.Equal(0, shell.ExitCode);
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(run));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(run, SimRunFiles.StationSiftedFileName)));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(run, SimRunFiles.TransmitterSiftedFileName)));
        foreach (var side in new[] { SimRunFiles.StationKeysDirectory, SimRunFiles.TransmitterKeysDirectory })
        {
            var keys = Path.Combine(run, side);
            if (!Directory.Exists(keys))
            {
                continue; // 2 s make no final key (tests/Host.Tests and the default pass do)
            }

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(keys));
            Assert.All(Directory.GetFiles(keys), f => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(f)));
        }
    }

    [Fact]
    public void A_recordings_key_stream_is_0600_in_a_0700_directory()
    {
        using var temp = new TempDirectory();
        var directory = temp.File("recording");

        using (var writer = new RecordingWriter(directory, new KeyFileHeader(KeySide.Station, "st", "tx", "p"), SiftedContent.Sifted, []))
        {
            writer.Complete(RecordingManifest.LiveMode);
        }

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(directory));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(directory, RecordingWriter.SiftedFileName)));
    }
}
