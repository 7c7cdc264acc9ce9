using GroundStation.InterpreterScenarios;

namespace GroundStation.Tests.Interpreter;

public class ScenarioParametersTests
{
    [Fact]
    public void Tokens_set_fields_and_the_description_reads_back_as_the_same_parameters()
    {
        var p = new ScenarioParameters();
        p.Apply("  Seed=987654321  RateOffsetPpb=-41000 StreamMs=1200 ");
        p.Resolve();

        Assert.Equal(987654321, p.Seed);
        Assert.Equal(-41000, p.RateOffsetPpb);
        Assert.Equal(1200, p.StreamMs);
        var again = new ScenarioParameters();
        again.Apply(p.Describe()["params ".Length..]);
        Assert.Equal(p.Describe(), again.Describe());
    }

    [Fact]
    public void The_start_is_drawn_from_the_seed_unless_given()
    {
        var a = Resolved("Seed=5");
        var b = Resolved("Seed=6");
        var given = Resolved("Seed=5 StartSlot=123 GroundStartPs=456");

        Assert.NotEqual(a.StartSlot, b.StartSlot);
        Assert.InRange(a.StartSlot, 100_000_000_000L, 110_000_000_000L);
        Assert.Equal(a.StartSlot, Resolved("Seed=5").StartSlot);
        Assert.Equal(123, given.StartSlot);
        Assert.Equal(456, given.GroundStartPs);
    }

    [Theory]
    [InlineData("Seed", "parameter token without '='")]
    [InlineData("Seed=", "not an integer")]
    [InlineData("Seed=12a", "not an integer")]
    [InlineData("Seed=1234567890123456789", "up to 18 digits")]
    [InlineData("seed=1", "unknown parameter: seed")]
    public void A_bad_token_is_refused_naming_it(string token, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new ScenarioParameters().Apply(token));
        Assert.Contains(message, e.Message);
    }

    private static ScenarioParameters Resolved(string tokens)
    {
        var p = new ScenarioParameters();
        p.Apply(tokens);
        p.Resolve();
        return p;
    }
}
