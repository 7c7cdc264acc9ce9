using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Simulator.Output;

namespace GroundStation.Gsctl.Files;

/// <summary>
/// The check every command that writes a directory makes before its work starts (`sim --out`, `record --out`), so a
/// bad location costs a second, not a whole pass: the path is not a file, is absent or empty, can be created (its
/// parent is a directory), can be written (a probe file is created and removed), and its file system has the space
/// the command expects to need. The directory is created owner-only (it holds keys, <see cref="SecretFiles"/>).
/// Every failure is one line naming the option, exit <see cref="ExitCodes.Usage"/>.
/// </summary>
internal static class OutputDirectory
{
    private const string ProbeName = ".gsctl-write-probe";

    /// <summary>True when <paramref name="path"/> already holds something (a file counts too).</summary>
    public static bool IsTaken(string path) =>
        File.Exists(path) || Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();

    /// <summary>
    /// Checks and creates the directory; returns its full path. With <paramref name="claimFileName"/> the write probe
    /// is that file, created exclusively and kept: the directory is then this command's (two runs racing for one
    /// name: exactly one creates it; the other fails here and <see cref="IsTaken"/> tells it why).
    /// </summary>
    public static string Prepare(string option, string path, long neededBytes, string? claimFileName = null)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw Problem(option, path, "is a file");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw Problem(option, path, "the directory exists and is not empty (nothing is overwritten)");
        }

        try
        {
            SecretFiles.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(option, path, $"cannot create it: {Reason(e, full)}");
        }

        var probe = Path.Combine(full, claimFileName ?? ProbeName);
        try
        {
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            if (claimFileName is null)
            {
                File.Delete(probe);
            }
        }
        catch (IOException) when (claimFileName is not null && File.Exists(probe))
        {
            throw Problem(option, path, "another gsctl is writing there");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(option, path, $"cannot write there: {Reason(e, full)}");
        }

        var free = new DriveInfo(full).AvailableFreeSpace;
        if (free < neededBytes)
        {
            throw Problem(option, path, string.Create(CultureInfo.InvariantCulture,
                $"only {Megabytes(free)} free on its file system; this needs about {Megabytes(neededBytes)}"));
        }

        return full;
    }

    public static string Megabytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1e5) / 10:0.#} MB");

    private static UserError Problem(string option, string path, string what) => new($"{option} {path}: {what}", ExitCodes.Usage);

    /// <summary>Why creating or writing failed: a file where a directory must be is named; otherwise the OS's reason.</summary>
    private static string Reason(Exception e, string full)
    {
        for (var ancestor = Path.GetDirectoryName(full); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (File.Exists(ancestor))
            {
                return $"{ancestor} is a file, not a directory";
            }

            if (Directory.Exists(ancestor))
            {
                break;
            }
        }

        return e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
    }
}
