namespace GroundStation.Peer.Authentication;

/// <summary>
/// Key files (the key pool, its usage file, the pre-shared HMAC key) are readable and writable by their owner only
/// (mode 0600). A key file that the group or others can reach is refused before a byte is read, and new key files
/// are created with that mode from the start (never created open, then narrowed).
/// </summary>
public static class KeyFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Throws <see cref="KeyFileException"/> when the file is missing or others can reach it.</summary>
    public static void CheckOwnerOnly(string path)
    {
        if (!File.Exists(path))
        {
            throw new KeyFileException($"{path}: key file not found");
        }

        if (OperatingSystem.IsWindows())
        {
            return; // ACLs, not mode bits: the operator's responsibility there
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new KeyFileException(
                $"{path}: key file is accessible to group or others (mode {Convert.ToString((int)mode & 0x1FF, 8)}); run: chmod 600 {path}");
        }
    }

    /// <summary>Options for creating a new key file with mode 0600.</summary>
    public static FileStreamOptions CreateOptions(FileMode mode) => OperatingSystem.IsWindows()
        ? new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None }
        : new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None, UnixCreateMode = OwnerOnly };
}

/// <summary>A key file that cannot be used; the message is one line naming the file and the remedy.</summary>
public sealed class KeyFileException(string message) : Exception(message);
