using System.Runtime.InteropServices;

namespace GroundStation.Gsctl.Files;

/// <summary>
/// Tells devices, pipes and sockets (/dev/stdout, /dev/null, a FIFO) from regular files. .NET has no public API
/// for the file type (FileAttributes calls a device "Normal"), so this asks Linux's statx(2), whose struct has
/// the same layout on every architecture: stx_mode is the 16-bit field at byte 28, its top four bits the type
/// (S_IFMT). Elsewhere, or when statx is unavailable, every existing file counts as regular.
/// </summary>
internal static class SpecialFile
{
    private const int AtFileDescriptorCwd = -100;
    private const uint StatxTypeMask = 0x0001;
    private const int ModeOffset = 28;
    private const int TypeBits = 0xF000;
    private const int FifoType = 0x1000;
    private const int CharacterDeviceType = 0x2000;
    private const int BlockDeviceType = 0x6000;
    private const int SocketType = 0xC000;

    /// <summary>True when <paramref name="path"/> (after symbolic links) is a character or block device, a FIFO or a socket.</summary>
    public static bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFileDescriptorCwd, path, 0, StatxTypeMask, buffer) != 0)
            {
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        var type = BitConverter.ToUInt16(buffer, ModeOffset) & TypeBits;
        return type is FifoType or CharacterDeviceType or BlockDeviceType or SocketType;
    }

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directoryFileDescriptor, string path, int flags, uint mask, byte[] buffer);
}
