using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Host.Keys;

namespace GroundStation.Gsctl.Files;

/// <summary>
/// The check every command that writes makes before its work starts, so a bad location costs a second, not a pass.
/// A directory (`sim --out`, `record --out`, <see cref="Prepare"/>): the path is not a file, is absent or empty, can be created (its
/// parent is a directory), can be written (a probe file is created and removed), and its file system has the space
/// the command expects to need. The directory is created owner-only (it holds keys, <see cref="SecretFiles"/>).
/// A single file (`config export`, <see cref="CheckFile"/>): not a directory, and its directory exists and can be
/// written. Every failure is one line naming the option or file, exit <see cref="ExitCodes.Usage"/>.
/// </summary>
internal static class OutputLocation
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

    /// <summary>Checks that <paramref name="path"/> can be written as a whole file (it may exist: it is replaced); returns its full path.</summary>
    public static string CheckFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UserError($"{path}: is a directory", ExitCodes.Usage);
        }

        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            var why = Reason(new DirectoryNotFoundException($"{directory} does not exist"), full);
            throw new UserError($"{path}: cannot write it: {why}", ExitCodes.Usage);
        }

        var probe = Path.Combine(directory, $"{ProbeName}-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot write it: {Reason(e, full)}", ExitCodes.Usage);
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
                // An existing directory that answers "no such file" to a create (/proc, /sys) takes no new entries.
                return e is FileNotFoundException or DirectoryNotFoundException && ancestor == Path.GetDirectoryName(full)
                    ? $"{ancestor} takes no new files"
                    : e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
            }
        }

        return e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
    }
}
