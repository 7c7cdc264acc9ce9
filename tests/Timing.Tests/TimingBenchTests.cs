using GroundStation.Gsctl.Bench.Timing;

namespace GroundStation.Tests.Timing;

public class TimingBenchTests
{
    [Fact]
    public void Quick_bench_reports_lock_reacquisition_and_timing_figures_against_truth()
    {
        var f = TimingBench.Run(seed: 3, quick: true);
        Assert.InRange(f.LockTimeSeconds, 0.05, 3);
        Assert.InRange(f.ReacquireTimeSeconds, 0, 2);
        Assert.InRange(f.HoldoverRelockSeconds, 0, 0.1);
        Assert.InRange(f.LossDetectedAfterSeconds, 0.03, 0.1);
        Assert.Equal(0, f.AssignedInOutageAfterLoss);
        Assert.Equal(0, f.SlotMisassignmentRate);
        Assert.InRange(f.AddedRmsTimingErrorPs, 1, 40);
        Assert.InRange(f.SkewCalibrationMaxErrorPs, 0, 15);
        Assert.Equal(0, f.AllocatedBytesPerDetection);
        Assert.True(f.DetectionsPerSecond > 0);
    }
}
