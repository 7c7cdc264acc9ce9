using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Simulator.Events;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Sim;

/// <summary>
/// The run directory of `gsctl sim`: checked before the pass starts, written whole or not at all (the simulator's
/// writers fill a hidden sibling directory, which is renamed into place at the end).
/// </summary>
public static class RunOutput
{
    /// <summary>./runs/&lt;UTC timestamp&gt;-seed&lt;N&gt;.</summary>
    public static string DefaultDirectory(ulong seed, DateTime utcNow) =>
        Path.Combine("runs", utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + $"-seed{seed}");

    /// <summary>Throws a user error when <paramref name="directory"/> holds anything already (nothing is overwritten).</summary>
    public static string Check(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new UserError($"--out {directory}: is a file", ExitCodes.Usage);
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new UserError($"--out {directory}: the directory exists and is not empty (nothing is overwritten)", ExitCodes.Usage);
        }

        return full;
    }

    /// <summary>Writes every file of the run into <paramref name="directory"/> atomically; returns the summary written.</summary>
    public static RunSummary Write(string directory, PassSimulator sim, PassOutcome outcome)
    {
        var full = Check(directory);
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        try
        {
            var summary = RunDirectory.Write(staging, sim, outcome.Timeline, outcome.Summary, outcome.GroundKey);
            if (Directory.Exists(full))
            {
                Directory.Delete(full); // empty (checked): the rename needs the name free
            }

            Directory.Move(staging, full);
            return summary;
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }
}
