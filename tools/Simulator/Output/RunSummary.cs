using System.Text.Json;
using System.Text.Json.Serialization;
using GroundStation.Simulator.Events;

namespace GroundStation.Simulator.Output;

/// <summary>
/// summary.json. Detections is filled from truth (the integrator may replace it with the firmware's count);
/// SiftedBits, Qber, LockTimeSeconds, Alarms and BitErrorsVsSatellite come from the firmware run and gsctl.
/// </summary>
public sealed record RunSummary
{
    public long Detections { get; init; }
    public long? SiftedBits { get; init; }
    public double? Qber { get; init; }
    /// <summary>Pass time at which the firmware first reported lock; null if it never locked.</summary>
    public double? LockTimeSeconds { get; init; }
    public string[] Alarms { get; init; } = [];
    /// <summary>Ground sifted bits that differ from what the satellite sent in the same slot and basis.</summary>
    public long? BitErrorsVsSatellite { get; init; }
    /// <summary>What the firmware shed because the link, the host or the tagger could not keep up (its own counters);
    /// null for a run without firmware.</summary>
    public FirmwareDrops? Dropped { get; init; }
    public ulong Seed { get; init; }
    public double PassDurationSeconds { get; init; }
    public long SlotsSent { get; init; }
    public TruthSummary Truth { get; init; } = new();

    /// <summary>A summary with the simulator's part filled. Call after the stream has been consumed.</summary>
    public static RunSummary FromSimulator(PassSimulator sim)
    {
        var t = sim.Truth;
        return new RunSummary
        {
            Detections = t.Detections,
            Seed = sim.Seed,
            PassDurationSeconds = sim.Physics.DurationSeconds,
            SlotsSent = sim.Physics.SlotCount,
            Truth = new TruthSummary
            {
                SignalClicks = t.SignalClicks,
                SignalSlotsDetected = t.SignalSlotsDetected,
                SignalClicksPerIntensityClass = t.SignalClicksPerClass.ToArray(),
                MultiClickSlots = t.MultiClickSlots,
                DarkCounts = t.DarkCounts,
                BackgroundCounts = t.BackgroundCounts,
                Afterpulses = t.Afterpulses,
                DeadTimeLosses = t.DeadTimeLosses,
                SignalQber = t.SignalQber,
                BeaconPulsesSent = t.BeaconPulsesSent,
                BeaconDetections = t.BeaconDetections,
                BeaconBackgroundCounts = t.BeaconBackgroundCounts,
                FifoOverflowsPredicted = t.FifoOverflowsPredicted,
            },
        };
    }

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
    public static RunSummary FromJson(string json) => JsonSerializer.Deserialize<RunSummary>(json, Options)!;
    public void Write(string path) => File.WriteAllText(path, ToJson() + "\n");
}

/// <summary>
/// Load the firmware shed, never silently: tagger records lost to a full FIFO, and clicks sifting dropped
/// (never announced, so both sides stay consistent) because every announcement buffer was waiting for the link or
/// the satellite side.
/// </summary>
public sealed record FirmwareDrops
{
    public long TaggerOverflowRecords { get; init; }
    public long SiftingClicks { get; init; }
}

/// <summary>Simulator truth in summary.json (see <see cref="SimulationTruth"/> for each field's meaning).</summary>
public sealed record TruthSummary
{
    public long SignalClicks { get; init; }
    public long SignalSlotsDetected { get; init; }
    public long[] SignalClicksPerIntensityClass { get; init; } = [];
    public long MultiClickSlots { get; init; }
    public long DarkCounts { get; init; }
    public long BackgroundCounts { get; init; }
    public long Afterpulses { get; init; }
    public long DeadTimeLosses { get; init; }
    public double SignalQber { get; init; }
    public long BeaconPulsesSent { get; init; }
    public long BeaconDetections { get; init; }
    public long BeaconBackgroundCounts { get; init; }
    public long FifoOverflowsPredicted { get; init; }
}
