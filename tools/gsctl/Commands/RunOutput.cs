using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Simulator.Events;
using GroundStation.Testbed.Sim;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Commands;

/// <summary>A run directory claimed before the pass; <see cref="Created"/> when the claim made it.</summary>
public sealed record RunClaim(string Path, bool Created);

/// <summary>
/// The run directory of `gsctl sim`: checked and claimed before the pass starts (<see cref="OutputLocation"/>), written
/// whole or not at all at the end (the simulator's writers fill a hidden sibling directory, which is renamed into
/// place), and kept somewhere recoverable when the end write fails (a full disk, the directory removed).
/// </summary>
public static class RunOutput
{
    /// <summary>Marks a claimed run directory while its pass runs: created exclusively, so two runs never share one.</summary>
    public const string ClaimFileName = ".gsctl-sim-running";

    /// <summary>
    /// Space a run needs per pass second: the default night pass writes 72 MB for 289 s (key files ~20 B per sifted
    /// bit, twice); a fifth more for brighter passes. A pass that outgrows it is still kept (see <see cref="Write"/>).
    /// </summary>
    public const long BytesPerPassSecond = 300_000;

    /// <summary>./runs/&lt;UTC timestamp&gt;-seed&lt;N&gt;.</summary>
    public static string DefaultDirectory(ulong seed, DateTime utcNow, string runs = "runs") =>
        Path.Combine(runs, utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + $"-seed{seed}");

    public static long NeededBytes(double passSeconds) => (long)(Math.Max(1, passSeconds) * BytesPerPassSecond) + 1_000_000;

    /// <summary>
    /// Checks and claims the run directory before the pass: <paramref name="requested"/> (--out) must be free;
    /// without it the default ./runs/&lt;second&gt;-seed&lt;N&gt; is used, or -2, -3, ... when another run took it.
    /// </summary>
    public static RunClaim Claim(string? requested, ulong seed, DateTime utcNow, long neededBytes, string runs = "runs")
    {
        if (requested is not null)
        {
            var existed = Directory.Exists(requested);
            return new RunClaim(OutputLocation.Prepare("--out", requested, neededBytes, ClaimFileName), !existed);
        }

        var baseName = DefaultDirectory(seed, utcNow, runs);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? baseName : $"{baseName}-{attempt}";
            if (OutputLocation.IsTaken(candidate))
            {
                continue; // an earlier run's, or one that is running now
            }

            var existed = Directory.Exists(candidate);
            try
            {
                return new RunClaim(OutputLocation.Prepare("--out", candidate, neededBytes, ClaimFileName), !existed);
            }
            catch (UserError) when (OutputLocation.IsTaken(candidate))
            {
                // Another run claimed it between the look and the claim: take the next name.
            }
        }
    }

    /// <summary>The pass did not finish: the claim goes, and the directory too when this run created it.</summary>
    public static void Release(RunClaim claim)
    {
        try
        {
            File.Delete(Path.Combine(claim.Path, ClaimFileName));
            if (claim.Created && !Directory.EnumerateFileSystemEntries(claim.Path).Any())
            {
                Directory.Delete(claim.Path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover empty directory with a claim file is skipped by the next default run.
        }
    }

    /// <summary>
    /// Writes every file of the run into the claimed <paramref name="directory"/> atomically and returns the summary.
    /// When that fails, the run goes to a directory under the system's temporary folder instead and a
    /// <see cref="UserError"/> says in one line why and where it is.
    /// </summary>
    public static RunSummary Write(string directory, PassSimulator sim, PassOutcome outcome)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            return WriteWhole(full, sim, outcome);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var fallback = Path.Combine(Path.GetTempPath(), "gsctl-runs", $"{Path.GetFileName(full)}-{Environment.ProcessId}");
            try
            {
                WriteWhole(fallback, sim, outcome);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"writing the run to {directory} failed ({e.Message}), and to {fallback} too ({again.Message}): the run is lost");
            }

            throw new UserError($"writing the run to {directory} failed ({e.Message}); the run is kept in {fallback}");
        }
    }

    private static RunSummary WriteWhole(string full, PassSimulator sim, PassOutcome outcome)
    {
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}");
        try
        {
            var summary = SimRunFiles.Write(staging, sim, outcome);
            if (Directory.Exists(full))
            {
                File.Delete(Path.Combine(full, ClaimFileName));
                Directory.Delete(full); // empty but for the claim: the rename needs the name free
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
