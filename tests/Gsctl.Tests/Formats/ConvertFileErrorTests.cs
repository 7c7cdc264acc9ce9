using GroundStation.Gsctl.Cli;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Formats;

/// <summary>
/// `gsctl convert` on paths it cannot use: one line on stderr naming the path the user gave (not a temporary
/// file), exit 2 for an unusable path or unreadable input, exit 1 when writing fails part-way, nothing left behind.
/// </summary>
public class ConvertFileErrorTests
{
    private const string Csv = "time_ps,channel,kind\n10,1,detection\n20,2,detection\n";

    [Fact]
    public void Unusable_output_paths_exit_2_and_leave_nothing_behind()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.csv"), Csv);
        Directory.CreateDirectory(dir.File("adir"));

        // A directory that does not exist.
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "in.csv", "missing/out.ptu"), ExitCodes.Usage,
            "missing/out.ptu: cannot write: directory .*/missing does not exist$");
        // A directory where the file should go.
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "in.csv", "adir", "--to", "ptu-t2"), ExitCodes.Usage,
            "adir: is a directory$");
        // A directory in which no file can be created (procfs refuses new files even to root; a read-only file
        // system fails at the same step, creating the temporary file).
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "in.csv", "/proc/gsctl-test.ptu"), ExitCodes.Usage,
            "/proc/gsctl-test.ptu: cannot create a file in /proc: No such file or directory$");

        Assert.Equal(["in.csv"], dir.FileNames());
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("adir")));
    }

    [Fact]
    public void A_full_device_fails_part_way_with_exit_1_and_the_device_is_not_replaced()
    {
        // /dev/full answers every write with ENOSPC: a full file system, reached through a link in the test's own
        // directory so that a regression replaces the link and never the machine's /dev/full.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.csv"), Csv);
        File.CreateSymbolicLink(dir.File("full.ptu"), "/dev/full");
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "in.csv", "full.ptu"), ExitCodes.Failure,
            "full.ptu: cannot write: No space left on device$");
        Assert.Equal("/dev/full", new FileInfo(dir.File("full.ptu")).LinkTarget);
        Assert.Equal(["full.ptu", "in.csv"], dir.FileNames());
    }

    [Fact]
    public void Inputs_that_cannot_be_read_exit_2_and_create_no_output()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("adir.csv"));
        var unreadable = UnreadableFile.Create(dir);

        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "adir.csv", "out.ptu"), ExitCodes.Usage,
            "adir.csv: is a directory, not a file$");
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "absent.csv", "out.ptu"), ExitCodes.Usage,
            "absent.csv: no such file$");
        // Opening fails: no read permission.
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", unreadable, "out.ptu", "--from", "qcrypto-a1"), ExitCodes.Usage,
            ".*: cannot read: Permission denied$");
        // Opening succeeds, reading fails: a process's own memory file at address 0, which is never mapped (EIO).
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "convert", "/proc/self/mem", "out.ptu", "--from", "qcrypto-a1"), ExitCodes.Usage,
            "/proc/self/mem: cannot read: Input/output error$");

        Assert.DoesNotContain("out.ptu", dir.FileNames());
        Assert.DoesNotContain(dir.FileNames(), name => name.EndsWith(".partial", StringComparison.Ordinal));
    }
}
