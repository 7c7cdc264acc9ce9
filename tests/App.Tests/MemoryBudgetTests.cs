using GroundStation.Testbed.Bench.Memory;
using Xunit.Abstractions;

namespace GroundStation.Tests.App;

/// <summary>
/// The memory budget, measured with the same probe as `gsctl bench memory` (allocation counters, not timings):
/// the ESP32-WROOM board (devkitc) fits its 64 KB at start-up and allocates nothing per second in steady state.
/// </summary>
public sealed class MemoryBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public void Wroom_board_starts_within_64_KB_and_allocates_nothing_in_steady_state()
    {
        var f = FirmwareMemoryProbe.Measure("devkitc", seed: 1, warmUpSeconds: 3, measureSeconds: 3, progress: output.WriteLine);
        output.WriteLine(f.ToString());

        // The steady state really flowed: timing locked, detections sifted, blocks accepted, telemetry sent.
        Assert.Equal("Locked", f.TimingState);
        Assert.True(f.Assigned > f.DetectionsFed / 2, $"assigned {f.Assigned} of {f.DetectionsFed}");
        Assert.True(f.BlocksAccepted > 0);
        Assert.True(f.TelemetryRecords >= 5);

        Assert.Equal(64 * 1024, f.HeapBudgetBytes);
        Assert.InRange(f.StartupAllocatedBytes, 1, 64 * 1024);
        Assert.Equal(0, f.SteadyStateAllocatedBytesPerSecond);

        // At most one runtime one-off (a few KB booked to the thread, see FirmwareMemoryProbe) in 3,000 iterations.
        Assert.InRange(f.IterationsThatAllocated, 0, 1);
        Assert.InRange(f.MeasuredWindowAllocatedBytes, 0, 16 * 1024);
    }
}
