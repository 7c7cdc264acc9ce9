using System.Runtime.InteropServices;

namespace GroundStation.Gsctl.Files;

/// <summary>
/// A file the user named could not be read or written. <see cref="Exception.Message"/> is one line naming that
/// path (never the temporary file gsctl really wrote) and the operating system's reason, so a command can print it
/// as it is instead of a stack trace.
/// </summary>
internal sealed class FileAccessException(string message, bool failedWhileWriting, Exception? inner = null)
    : IOException(message, inner)
{
    /// <summary>
    /// True when an output could be created but writing it failed part-way (disk full, I/O error): the command
    /// failed. False when the path itself is unusable (missing, a directory, no permission, nowhere to create a
    /// file) or an input could not be read: a usage error.
    /// </summary>
    public bool FailedWhileWriting { get; } = failedWhileWriting;

    /// <summary>True for the exceptions file access throws: I/O errors and permission refusals.</summary>
    public static bool IsFileError(Exception e) => e is IOException or UnauthorizedAccessException && e is not FileAccessException;

    /// <summary>
    /// The operating system's reason without the path .NET appends to it (that path may be a temporary file).
    /// On Unix an <see cref="IOException"/> without a more specific type carries the errno in its HResult.
    /// </summary>
    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        IOException { HResult: > 0 and < 4096 } when !OperatingSystem.IsWindows() => Marshal.GetPInvokeErrorMessage(e.HResult),
        _ => e.Message,
    };
}
