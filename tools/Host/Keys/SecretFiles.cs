namespace GroundStation.Host.Keys;

/// <summary>
/// The one way key material reaches the disk (key_*.csv of a run, gsctl's keys.gsk): files 0600 and their
/// directories 0700 on Unix, whatever the umask. A file is created with owner-only permissions (never readable by
/// others, not even for a moment) and then set to exactly 0600 with chmod, which the umask does not touch (a umask
/// of 0277 would otherwise leave 0400). Elsewhere the platform's defaults apply.
/// </summary>
public static class SecretFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a new key file (fails if it exists) with owner-only permissions.</summary>
    public static FileStream Create(string path, int bufferSize = 1 << 16)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
        }

        return stream;
    }

    /// <summary>Creates (or restricts) a directory that will hold key files: 0700. Parents are created as usual.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }
}
