using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Plotting;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Plotting;

/// <summary>
/// `gsctl plot` on paths it cannot use: one line naming the path, exit 2 for an unusable path or unreadable
/// timeline, exit 1 when writing fails part-way, and no image or temporary file left behind.
/// </summary>
public class PlotFileErrorTests
{
    private const string Timeline =
        "t_s,detections,beacon_detections,locked,sifted_bits,qber,timing_residual_rms_ps\n0,100,10,1,40,0.02,50\n1,110,10,1,44,0.02,50\n";

    [Fact]
    public void Unusable_or_full_outputs_fail_in_one_line_and_leave_nothing_behind()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(PassTimeline.FileName), Timeline);
        File.CreateSymbolicLink(dir.File("full.png"), "/dev/full");

        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", ".", "-o", "missing/pass.png"), ExitCodes.Usage,
            "missing/pass.png: cannot write: directory .*/missing does not exist$");
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", ".", "-o", "/proc/gsctl-test.png"), ExitCodes.Usage,
            "/proc/gsctl-test.png: cannot create a file in /proc: No such file or directory$");
        // A full file system (see ConvertFileErrorTests): the link still points at the device afterwards.
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", ".", "-o", "full.png"), ExitCodes.Failure,
            "full.png: cannot write: No space left on device$");
        Assert.Equal("/dev/full", new FileInfo(dir.File("full.png")).LinkTarget);
        Assert.Equal(["full.png", PassTimeline.FileName], dir.FileNames());
    }

    [Fact]
    public void A_timeline_that_cannot_be_read_fails_in_one_line_with_exit_2()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("empty-run"));
        var unreadable = UnreadableFile.Create(dir);

        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", unreadable, "-o", "pass.png"), ExitCodes.Usage,
            ".*: cannot read: Permission denied$");
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", "empty-run", "-o", "pass.png"), ExitCodes.Usage,
            $"empty-run/{PassTimeline.FileName}: no such file$");
        GsctlAssert.OneLineError(GsctlProcess.RunIn(dir.Path, "plot", "/proc/self/mem", "-o", "pass.png"), ExitCodes.Usage,
            "/proc/self/mem: cannot read: Input/output error$");
        Assert.DoesNotContain("pass.png", dir.FileNames());
    }
}
