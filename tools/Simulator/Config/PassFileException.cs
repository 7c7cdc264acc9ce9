namespace GroundStation.Simulator.Config;

/// <summary>A pass file that cannot be used. <see cref="JsonPath"/> names the offending field ("$.source.pulseRateHz").</summary>
public sealed class PassFileException(string jsonPath, string problem)
    : Exception($"{jsonPath}: {problem}")
{
    public string JsonPath { get; } = jsonPath;
    public string Problem { get; } = problem;
}
