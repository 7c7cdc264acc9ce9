using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Testbed.Bench;

namespace GroundStation.Gsctl.Bench;

/// <summary>`gsctl bench &lt;name&gt; [--json] [--seed N] [--quick]`.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench",
            "Benchmark firmware code on this machine against generated workloads with known truth.\n" +
            "Figures are measurements, not pass/fail checks; --json prints them for scripts.");
        foreach (var benchmark in BenchmarkCatalog.All)
        {
            command.Subcommands.Add(CreateSubcommand(benchmark));
        }

        return command;
    }

    private static Command CreateSubcommand(IBenchmark benchmark)
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on stdout." };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated workload.", DefaultValueFactory = _ => 1 };
        var quick = new Option<bool>("--quick") { Description = "A smaller workload: faster, noisier figures." };
        var command = new Command(benchmark.Name, benchmark.Description) { json, seed, quick };
        Option<string>? board = null;
        if (benchmark is IBoardBenchmark perBoard)
        {
            board = new Option<string>("--board")
            {
                Description = "Board whose buffer budget the firmware is built with: " + string.Join("|", perBoard.Boards) + ".",
                DefaultValueFactory = _ => perBoard.Boards[0],
            };
            board.AcceptOnlyFromAmong([.. perBoard.Boards]);
            command.Options.Add(board);
        }

        Option<int?>? ilPerEvent = null;
        if (benchmark is IInterpreterCostBenchmark)
        {
            ilPerEvent = new Option<int?>("--nanoclr-il-per-event")
            {
                Description = "IL-op-equivalents per tagger event of the managed core measured on nanoCLR (tests/Interpreter/README.md); " +
                              "default: the figure documented there.",
            };
            ilPerEvent.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1 or > 1_000_000)
                {
                    result.AddError("--nanoclr-il-per-event must be 1 .. 1000000");
                }
            });
            command.Options.Add(ilPerEvent);
        }

        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var asJson = parse.GetValue(json);
            var options = new BenchOptions(parse.GetValue(seed), parse.GetValue(quick),
                asJson ? null : line => Console.Error.WriteLine(line), board is null ? null : parse.GetValue(board),
                ilPerEvent is null ? null : parse.GetValue(ilPerEvent));
            var report = benchmark.Run(options);
            Console.WriteLine(asJson ? report.ToJson() : report.ToText());
            return ExitCodes.Ok;
        }));
        return command;
    }
}
