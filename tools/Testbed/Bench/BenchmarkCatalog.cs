namespace GroundStation.Testbed.Bench;

/// <summary>Every `gsctl bench` benchmark. One line per benchmark.</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new Timing.TimingBenchmark(),
        new SiftingBenchmark(),
        new LinkBenchmark(),
        new MemoryBenchmark(),
        new PostProcessingBenchmark(),
        new Core.CoreBenchmark(),
    ];
}
