using GroundStation.InterpreterScenarios;

namespace GroundStation.Tests.Interpreter;

/// <summary>Tests that redirect Console.Out: never in parallel with each other.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>What the program prints: the lines compared between the desktop and nanoCLR.</summary>
[Collection("Console")]
public class ProgramOutputTests
{
    [Fact]
    public void A_run_prints_the_parameters_first_the_typing_probe_with_its_hand_computed_answers_and_end_last()
    {
        var lines = RunMain("Seed=4", "StreamMs=600", "ShortFadeStartMs=5000", "LongFadeStartMs=5000");

        Assert.StartsWith("params Mode=0 Seed=4 StreamMs=600 ", lines[0]);
        Assert.Contains("typing AsInt64 negated>>4=-11 negated%7=0", lines);
        Assert.Contains("typing AsInt64 difference>>1=-4 difference%4=-3", lines);
        Assert.Contains("typing AsInt32 difference>>1=-4 difference%4=-3", lines);
        Assert.Contains("typing Widen negated>>2=-4 negated%3=-1", lines);
        Assert.Contains("typing Widen large=4294967280 large>>4=268435455", lines);
        Assert.Contains("typing AsUInt64 minusOne>>60=15 AsUInt32 minusTwo%10=4", lines);
        Assert.Contains("typing roundTrip64=-9223372036854775808 roundTrip32=-2147483648", lines);
        Assert.Contains(lines, l => l.StartsWith("timing state=Locked ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("satellite malformed=0 unexpected=0 refused=0", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("error", StringComparison.Ordinal));
        Assert.Equal("end", lines[^1]);
    }

    [Fact]
    public void A_bad_parameter_is_one_error_line_then_end()
    {
        var lines = RunMain("Sed=3");

        Assert.Equal(["error System.ArgumentException: unknown parameter: Sed", "end"], lines);
    }

    [Fact]
    public void The_cost_run_prints_one_line_per_stage()
    {
        var lines = RunMain("Mode=1", "CostStage=0", "StreamMs=300");

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("cost stage=0 events=", lines[1]);
        Assert.Contains(" truncated=0 detectionsSeen=0 assigned=0 ", lines[1]);
    }

    private static string[] RunMain(params string[] args)
    {
        var previous = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            Program.Main(args);
        }
        finally
        {
            Console.SetOut(previous);
        }

        return writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
