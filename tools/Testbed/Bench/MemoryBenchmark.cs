using GroundStation.Testbed.Bench.Memory;

namespace GroundStation.Testbed.Bench;

/// <summary>
/// `gsctl bench memory --board devkitc|wrover|sim [--json]` (or the boards/ folder names esp32-devkitc, esp32-wrover):
/// the firmware's managed allocations at start-up and per
/// second in steady state on the desktop build, with the board's buffer budget (<see cref="FirmwareMemoryProbe"/>).
/// </summary>
public sealed class MemoryBenchmark : IBoardBenchmark
{
    public IReadOnlyList<string> Boards => FirmwareMemoryProbe.Boards;

    public string Name => "memory";

    public string Description =>
        "Build the firmware on a fake board with a board's buffer budget (--board devkitc|wrover|sim, or the folder names " +
        "esp32-devkitc|esp32-wrover) and report the " +
        "bytes it allocates from construction to the end of start-up and per second in steady state (a pass flowing " +
        "through tagger, timing, sifting and the link to an acknowledging host), from the runtime's allocation counter " +
        "(desktop object sizes: larger headers and references than nanoFramework's).";

    public BenchReport Run(BenchOptions options)
    {
        string board = options.Board ?? "devkitc";
        var f = FirmwareMemoryProbe.Measure(board, options.Seed, options.Quick ? 2 : 3, options.Quick ? 2 : 5,
            options.Progress);
        return new BenchReport(Name)
            .Add("board", f.Board)
            .Add("heapBudgetBytes", f.HeapBudgetBytes, "B")
            .Add("startupAllocatedBytes", f.StartupAllocatedBytes, "B")
            .Add("steadyStateAllocatedBytesPerSecond", f.SteadyStateAllocatedBytesPerSecond, "B/s")
            .Add("steadyStateSeconds", f.MeasuredSeconds, "s")
            .Add("measuredWindowAllocatedBytes", f.MeasuredWindowAllocatedBytes, "B")
            .Add("loopIterations", f.LoopIterations)
            .Add("iterationsThatAllocated", f.IterationsThatAllocated)
            .Add("detectionsFed", f.DetectionsFed)
            .Add("beaconsFed", f.BeaconsFed)
            .Add("assigned", f.Assigned)
            .Add("siftedBits", f.SiftedBits)
            .Add("siftDroppedClicks", f.DroppedClicks)
            .Add("blocksAccepted", f.BlocksAccepted)
            .Add("telemetryRecords", f.TelemetryRecords)
            .Add("timingState", f.TimingState);
    }
}
