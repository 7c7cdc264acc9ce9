namespace GroundStation.Gsctl.Cli;

/// <summary>
/// An error the user can act on (wrong port, bad file, incompatible device). Commands throw it; <see cref="CommandRunner"/>
/// prints its message as one line on stderr and exits with its code, without a stack trace.
/// </summary>
internal sealed class UserError(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
