using GroundStation.Gsctl.Commands;
using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Config;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>
/// One short pass (6 s around culmination, the brightest part of the default pass: ~26 kcounts/s) run end to end
/// once for all tests of the class: the real simulation board process with the pass, gsctl's link over the
/// pseudo-terminal, the host's sifting, and the run directory written by the simulator's writers.
/// </summary>
public sealed class SimulatedPassFixture : IDisposable
{
    public const ulong Seed = 5;

    /// <summary>Skew histograms collected for 2 s of the 6 s pass after lock, then applied.</summary>
    public const double SkewSeconds = 2;
    private readonly TempDirectory _temp = new();

    public SimulatedPassFixture()
    {
        PassFilePath = _temp.File("short-pass.json");
        File.WriteAllText(PassFilePath, """{ "durationSeconds": 6 }""");
        Config = PassFile.Load(PassFilePath);
        Simulator = new PassSimulator(Config, Seed);
        using var connection = DeviceConnection.StartSimulation(DeviceConnection.DefaultBaud,
            ["--seed", Seed.ToString(), "--pass", PassFilePath]);
        Outcome = new SimulatedPass(connection.Client, Simulator) { SkewCalibrationSeconds = SkewSeconds }.Run();
        RunDirectoryPath = _temp.File("run");
        Summary = RunOutput.Write(RunDirectoryPath, Simulator, Outcome);
    }

    public string PassFilePath { get; }

    public PassConfig Config { get; }

    public PassSimulator Simulator { get; }

    public PassOutcome Outcome { get; }

    public RunSummary Summary { get; }

    public string RunDirectoryPath { get; }

    public string RunFile(string name) => Path.Combine(RunDirectoryPath, name);

    public void Dispose() => _temp.Dispose();
}
