namespace GroundStation.Gsctl.Files;

/// <summary>
/// Writes a file so that it either appears whole or not at all: the content goes to a temporary file beside the
/// target (same directory, so the rename cannot cross file systems), which is renamed over the target only after
/// the writer returned. On any exception the temporary file is deleted and the target is left as it was.
/// A target that is a device, pipe or socket (/dev/stdout, /dev/null, a FIFO) is written directly instead: a
/// rename would replace the device node with a regular file, and a stream cannot be "whole or nothing" anyway.
/// Failures of the file system are raised as <see cref="FileAccessException"/> naming <c>path</c>.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<FileStream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            throw new FileAccessException($"{path}: is a directory", failedWhileWriting: false);
        }

        if (!Directory.Exists(directory))
        {
            throw new FileAccessException($"{path}: cannot write: directory {directory} does not exist", failedWhileWriting: false);
        }

        if (SpecialFile.IsSpecial(full))
        {
            WriteInPlace(path, full, write);
            return;
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw new FileAccessException($"{path}: cannot create a file in {directory}: {FileAccessException.Reason(e)}",
                failedWhileWriting: false, e);
        }

        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (FileAccessException.IsFileError(e))
            {
                throw new FileAccessException($"{path}: cannot write: {FileAccessException.Reason(e)}", failedWhileWriting: true, e);
            }

            throw;
        }
    }

    private static void WriteInPlace(string path, string full, Action<FileStream> write)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw new FileAccessException($"{path}: cannot open for writing: {FileAccessException.Reason(e)}", failedWhileWriting: false, e);
        }

        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush();
            }
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw new FileAccessException($"{path}: cannot write: {FileAccessException.Reason(e)}", failedWhileWriting: true, e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            // Best effort: the temporary name starts with '.' and ends in .partial, so it is easy to spot.
        }
    }
}
