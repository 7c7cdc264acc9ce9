namespace GroundStation.Gsctl.Files;

/// <summary>
/// Writes a file so that it either appears whole or not at all: the content goes to a temporary file beside the
/// target (same directory, so the rename cannot cross file systems), which is renamed over the target only after
/// the writer returned. On any exception the temporary file is deleted and the target is left as it was.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<FileStream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name starts with '.' and ends in .partial, so it is easy to spot.
        }
    }
}
