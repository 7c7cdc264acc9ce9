namespace GroundStation.Gsctl.Bench;

/// <summary>Every `gsctl bench` benchmark. One line per benchmark.</summary>
internal static class BenchmarkCatalog
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
