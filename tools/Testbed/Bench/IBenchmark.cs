namespace GroundStation.Testbed.Bench;

/// <summary>
/// One `gsctl bench &lt;name&gt;` benchmark: runs firmware code on the desktop against a generated workload with known
/// truth and reports named figures. Register it in <see cref="BenchmarkCatalog"/>.
/// </summary>
public interface IBenchmark
{
    /// <summary>Sub-command name, e.g. "timing".</summary>
    string Name { get; }

    /// <summary>One sentence for --help: what is run and what is reported.</summary>
    string Description { get; }

    BenchReport Run(BenchOptions options);
}

/// <summary>A benchmark measured per board: `gsctl bench &lt;name&gt;` gets a --board option with these names.</summary>
public interface IBoardBenchmark : IBenchmark
{
    IReadOnlyList<string> Boards { get; }
}

/// <summary>A benchmark that converts an interpreter cost: `gsctl bench &lt;name&gt;` gets --nanoclr-il-per-event.</summary>
public interface IInterpreterCostBenchmark : IBenchmark
{
}

/// <param name="Seed">Seed of every random workload, so runs repeat.</param>
/// <param name="Quick">A smaller workload (used by tests); figures are noisier.</param>
/// <param name="Progress">Progress lines for humans (stderr); null when --json keeps stdout clean.</param>
/// <param name="Board">--board of an <see cref="IBoardBenchmark"/>; null for the others.</param>
/// <param name="NanoclrIlPerEvent">--nanoclr-il-per-event of an <see cref="IInterpreterCostBenchmark"/>; null: its documented figure.</param>
public sealed record BenchOptions(int Seed, bool Quick, Action<string>? Progress, string? Board = null, int? NanoclrIlPerEvent = null);
