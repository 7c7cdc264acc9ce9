namespace GroundStation.Tests.Gsctl.Support;

/// <summary>A file that exists but cannot be read, for tests of how gsctl reports it.</summary>
public static class UnreadableFile
{
    /// <summary>
    /// A file in <paramref name="dir"/> with mode 000. Root ignores file modes, so when the file can still be
    /// opened (tests running as root, as CI does), /proc/sys/vm/compact_memory instead: a write-only sysctl
    /// (mode 0200) whose mode procfs enforces even for root. Either way opening it for reading fails with EACCES.
    /// </summary>
    public static string Create(TempDirectory dir)
    {
        var path = dir.File("unreadable.bin");
        File.WriteAllBytes(path, new byte[16]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        try
        {
            using (File.OpenRead(path))
            {
            }

            return "/proc/sys/vm/compact_memory";
        }
        catch (UnauthorizedAccessException)
        {
            return path;
        }
    }
}
