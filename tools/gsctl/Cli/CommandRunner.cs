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

    /// <summary>
    /// Runs a long command that stops cleanly on Ctrl+C: the first SIGINT cancels the body's token (the body throws
    /// <see cref="OperationCanceledException"/>, or a <see cref="UserError"/> with <see cref="ExitCodes.Interrupted"/>
    /// saying where it stopped), its progress display comes down, the terminal cursor is shown again, and one line
    /// ends it with <see cref="ExitCodes.Interrupted"/>. A second SIGINT ends the process at once.
    /// </summary>
    public static int Run(Func<CancellationToken, int> body)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true; // the first Ctrl+C stops the command; a second one gets the default: the process ends
                interrupt.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Run(() =>
            {
                try
                {
                    return body(interrupt.Token);
                }
                catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
                {
                    throw new UserError("interrupted (Ctrl+C)", ExitCodes.Interrupted);
                }
            });
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (interrupt.IsCancellationRequested)
            {
                ShowCursor();
            }
        }
    }

    /// <summary>A progress display hides the cursor; an interrupted one must not leave the terminal without it.</summary>
    private static void ShowCursor()
    {
        const string show = "\u001b[?25h";
        if (!Console.IsOutputRedirected)
        {
            Console.Out.Write(show);
        }
        else if (!Console.IsErrorRedirected)
        {
            Console.Error.Write(show);
        }
    }
}
