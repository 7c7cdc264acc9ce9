using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GroundStation.Boards.Sim.Uart;

/// <summary>
/// A Linux pseudo-terminal pair, as Zephyr's native_sim uses for its UART: the simulation board owns the master side,
/// and any serial program (gsctl, screen, minicom) opens the slave path (/dev/pts/N) as if it were a USB-serial port.
/// The board keeps its own handle on the slave open, so the master never sees a hang-up while no client is attached,
/// and puts the line in raw mode at once, so bytes written before a client attaches are not echoed back.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private const int O_RDWR = 0x2;
    private const int O_NOCTTY = 0x100;

    private readonly SafeFileHandle _master;
    private readonly SafeFileHandle _slaveKeepAlive;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slaveKeepAlive, string slavePath)
    {
        _master = master;
        _slaveKeepAlive = slaveKeepAlive;
        SlavePath = slavePath;
    }

    /// <summary>The path clients open, e.g. /dev/pts/3.</summary>
    public string SlavePath { get; }

    public SafeFileHandle Master => _master;

    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the simulation board's UART is a Linux pseudo-terminal");
        }

        var fd = posix_openpt(O_RDWR | O_NOCTTY);
        if (fd < 0)
        {
            throw Error("posix_openpt");
        }

        var master = new SafeFileHandle(fd, ownsHandle: true);
        if (grantpt(fd) != 0)
        {
            throw Error("grantpt");
        }

        if (unlockpt(fd) != 0)
        {
            throw Error("unlockpt");
        }

        var name = new byte[128];
        var rc = ptsname_r(fd, name, (nuint)name.Length);
        if (rc != 0)
        {
            throw new Win32Exception(rc, "ptsname_r failed");
        }

        var slavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var slaveFd = open(slavePath, O_RDWR | O_NOCTTY);
        if (slaveFd < 0)
        {
            throw Error("open " + slavePath);
        }

        var slave = new SafeFileHandle(slaveFd, ownsHandle: true);
        MakeRaw(slaveFd);
        return new PseudoTerminal(master, slave, slavePath);
    }

    public void Dispose()
    {
        _slaveKeepAlive.Dispose();
        _master.Dispose();
    }

    private static void MakeRaw(int fd)
    {
        // struct termios is 60 bytes on Linux (glibc); cfmakeraw edits it in place.
        var termios = new byte[256];
        if (tcgetattr(fd, termios) != 0)
        {
            throw Error("tcgetattr");
        }

        cfmakeraw(termios);
        if (tcsetattr(fd, 0 /* TCSANOW */, termios) != 0)
        {
            throw Error("tcsetattr");
        }
    }

    private static Win32Exception Error(string call) =>
        new(Marshal.GetLastPInvokeError(), call + " failed");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int posix_openpt(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int grantpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unlockpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ptsname_r(int fd, [Out] byte[] buffer, nuint length);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, [In] byte[] termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw([In, Out] byte[] termios);
}
