using GroundStation.Simulator.Config;
using GroundStation.Simulator.Physics;
using GroundStation.Simulator.Source;

namespace GroundStation.Simulator.Events;

/// <summary>
/// Event-level pass simulator. It never visits every pulse: within each 100 us segment the per-pulse detection
/// probability is constant, so the gap to the next candidate slot is drawn from a geometric distribution at the
/// brightest class's probability, and each candidate is kept with probability p(class of the slot) / p(brightest)
/// (thinning). Noise is a Poisson process in ground time. Events leave in ground-time order, in batches of 10 ms of
/// emission. Same config and seed: the same stream, bit for bit.
/// </summary>
public sealed class PassSimulator
{
    public PassSimulator(PassConfig config, ulong? seed = null)
    {
        Config = config;
        Seed = seed ?? config.Seed;
        Physics = new PassPhysics(config);
        Satellite = new SatelliteRecord(config.Source, Seed, Physics.SlotCount);
    }

    public PassConfig Config { get; }
    public ulong Seed { get; }
    public PassPhysics Physics { get; }
    /// <summary>What the satellite sent, slot by slot (valid before, during and after a run).</summary>
    public SatelliteRecord Satellite { get; }
    /// <summary>Truth of the latest run; complete after its last batch.</summary>
    public SimulationTruth Truth { get; } = new();

    /// <summary>Runs the pass from the start (each call replays the identical stream and resets <see cref="Truth"/>).
    /// The yielded batch object is reused.</summary>
    public IEnumerable<TaggerEventBatch> Batches() => new PassRun(this).Run();

    /// <summary>All events one by one, in ground-time order.</summary>
    public IEnumerable<TaggerEvent> Events()
    {
        foreach (var batch in Batches())
            for (int i = 0; i < batch.Count; i++)
                yield return batch.Buffer[i];
    }
}
