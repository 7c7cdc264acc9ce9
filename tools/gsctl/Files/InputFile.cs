namespace GroundStation.Gsctl.Files;

/// <summary>Opening an input file with one-line errors (<see cref="FileAccessException"/>) for every way it can fail.</summary>
internal static class InputFile
{
    public static FileStream OpenRead(string path, int bufferSize = 4096)
    {
        if (Directory.Exists(path))
        {
            throw new FileAccessException($"{path}: is a directory, not a file", failedWhileWriting: false);
        }

        if (!File.Exists(path))
        {
            throw new FileAccessException($"{path}: no such file", failedWhileWriting: false);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (FileAccessException.IsFileError(e))
        {
            throw ReadFailed(path, e);
        }
    }

    /// <summary>The error for a read of <paramref name="path"/> that failed after it was opened.</summary>
    public static FileAccessException ReadFailed(string path, Exception e) =>
        new($"{path}: cannot read: {FileAccessException.Reason(e)}", failedWhileWriting: false, e);
}
