using System.Runtime.InteropServices;

namespace GroundStation.Host.Link;

/// <summary>
/// Says what a --port path is when opening it as a serial port failed, so the message names the real problem:
/// a directory or a file that is not a terminal device (/dev/null, a regular file) is not a serial device, rather
/// than "does not exist" or "no access". Only consulted before opening for a directory, and after a failed open
/// otherwise: probing opens the path non-blocking (no wait for carrier detect) and closes it at once, and a good
/// port is not opened twice (opening toggles DTR, which resets some boards).
/// </summary>
internal static partial class SerialDeviceCheck
{
    private const int O_RDONLY = 0;
    private const int O_NOCTTY = 0x100;
    private const int O_NONBLOCK = 0x800;

    /// <summary>Why <paramref name="path"/> cannot be a serial port, or null when it may be one (or cannot be told).</summary>
    public static string? WhyNotSerial(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a directory, not a serial port (`gsctl ports` lists the ports)";
        }

        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return null;
        }

        var fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
        {
            return null; // no access: the caller's permission message says what to do
        }

        try
        {
            return isatty(fd) == 1 ? null : $"{path} is not a serial device (`gsctl ports` lists the ports)";
        }
        finally
        {
            close(fd);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int isatty(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
