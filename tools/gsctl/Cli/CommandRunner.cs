using GroundStation.Gsctl.Files;

namespace GroundStation.Gsctl.Cli;

/// <summary>
/// Runs a command body and turns user errors, files that cannot be read or written, and cancellation into one line
/// and an exit code.
/// </summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"gsctl: {e.Message}");
            return e.ExitCode;
        }
        catch (FileAccessException e)
        {
            Console.Error.WriteLine($"gsctl: {e.Message}");
            return e.FailedWhileWriting ? ExitCodes.Failure : ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("gsctl: cancelled");
            return ExitCodes.Failure;
        }
    }
}
