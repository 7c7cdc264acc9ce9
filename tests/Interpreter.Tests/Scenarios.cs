namespace GroundStation.Tests.Interpreter;

/// <summary>The passes the tests run: the defaults under three seeds, and a pass with the opposite Doppler trend and other skews.</summary>
public static class Scenarios
{
    public static TheoryData<string> Passes => new()
    {
        "Seed=1",
        "Seed=2",
        "Seed=3",
        "Seed=11 RateOffsetPpb=-38000 RateChangePpbPerSecond=350 Skew0Ps=-200 Skew1Ps=90 Skew2Ps=-40 Skew3Ps=240",
    };
}
