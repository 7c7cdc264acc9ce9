using GroundStation.Testbed.Bench.Timing;

namespace GroundStation.Tests.Timing;

public class TimingBenchTests
{
    // Bounds hold for every seed of 1..400 (checked when they were set): the realised stream depends on the
    // platform's libm, so a bound tuned to one seed's figures would fail on another machine.
    [Theory]
    [InlineData(3)]
    [InlineData(109)]
    public void Quick_bench_reports_lock_reacquisition_and_timing_figures_against_truth(int seed)
    {
        var f = TimingBench.Run(seed, quick: true);
        Assert.InRange(f.LockTimeSeconds, 0.05, 3);
        Assert.InRange(f.ReacquireTimeSeconds, 0, 2);
        Assert.InRange(f.HoldoverRelockSeconds, 0, 0.1);

        // Loss is declared 400 missed beacons (40 ms) after the last one accepted, which is at or before the fade.
        Assert.InRange(f.LossDetectedAfterSeconds, 0, 0.045);
        Assert.Equal(0, f.AssignedInOutageAfterLoss);
        Assert.Equal(0, f.SlotMisassignmentRate);
        Assert.InRange(f.AddedRmsTimingErrorPs, 1, 40);

        // A 2 s calibration also learns the tracking loop's slow phase wander (common to all channels): up to
        // about 20 ps, a fifth of the detectors' 100 ps jitter.
        Assert.InRange(f.SkewCalibrationMaxErrorPs, 0, 30);
        Assert.Equal(0, f.AllocatedBytesPerDetection);
        Assert.InRange(f.AllocatedBytesWholeRun, 0, 64 * 1024);
        Assert.True(f.DetectionsPerSecond > 0);
    }
}
