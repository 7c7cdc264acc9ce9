using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Output;

/// <summary>File names of a run directory and a one-call writer for all of them.</summary>
public static class RunDirectory
{
    public const string PassFileName = "pass.json";
    public const string TimelineFileName = "timeline.csv";
    public const string SummaryFileName = "summary.json";
    public const string GroundKeyFileName = "key_ground.csv";
    public const string SatelliteKeyFileName = "key_satellite.csv";

    /// <summary>
    /// Writes pass.json (the full configuration used), timeline.csv, summary.json and, when a ground key is given,
    /// key_ground.csv and key_satellite.csv (the satellite's bits for the same slots). If the summary has no
    /// BitErrorsVsSatellite yet, it is filled from the comparison.
    /// </summary>
    public static RunSummary Write(string directory, Events.PassSimulator sim, IEnumerable<TimelineRow> timeline,
        RunSummary summary, IReadOnlyList<SiftedBitRecord>? groundKey)
    {
        SecretFiles.CreateDirectory(directory); // it holds keys
        File.WriteAllText(Path.Combine(directory, PassFileName), PassFile.Serialize(sim.Config with { Seed = sim.Seed }) + "\n");
        TimelineCsv.Write(Path.Combine(directory, TimelineFileName), timeline);
        if (groundKey is not null)
        {
            KeyFile.Write(Path.Combine(directory, GroundKeyFileName), groundKey);
            KeyFile.Write(Path.Combine(directory, SatelliteKeyFileName), KeyFile.SatelliteCounterpart(sim.Satellite, groundKey));
            if (summary.BitErrorsVsSatellite is null)
            {
                var cmp = KeyComparison.Compare(sim.Satellite, groundKey);
                summary = summary with { BitErrorsVsSatellite = cmp.BitErrors + cmp.BasisMismatches + cmp.NoRecord };
            }
        }
        summary.Write(Path.Combine(directory, SummaryFileName));
        return summary;
    }
}
