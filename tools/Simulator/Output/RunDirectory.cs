using GroundStation.Simulator.Config;

namespace GroundStation.Simulator.Output;

/// <summary>File names of a run directory and a one-call writer for all of them.</summary>
public static class RunDirectory
{
    public const string PassFileName = "pass.json";
    public const string TimelineFileName = "timeline.csv";
    public const string SummaryFileName = "summary.json";

    /// <summary>
    /// Writes pass.json (the full configuration used), timeline.csv and summary.json. Keys are not the simulator's
    /// business: the host writes them in its own formats (tools/Host/Keys).
    /// </summary>
    public static RunSummary Write(string directory, Events.PassSimulator sim, IEnumerable<TimelineRow> timeline, RunSummary summary)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PassFileName), PassFile.Serialize(sim.Config with { Seed = sim.Seed }) + "\n");
        TimelineCsv.Write(Path.Combine(directory, TimelineFileName), timeline);
        summary.Write(Path.Combine(directory, SummaryFileName));
        return summary;
    }
}
