namespace GroundStation.Gsctl.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but the outcome is a failure (device error, alarm, failed check).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or input file.</summary>
    public const int Usage = 2;

    /// <summary>The port could not be opened, or the device did not answer or is incompatible.</summary>
    public const int Connection = 3;

    /// <summary>Interrupted by Ctrl+C (SIGINT) and stopped cleanly; 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
