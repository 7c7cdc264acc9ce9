using System.Diagnostics;

namespace GroundStation.Testbed.Sim;

/// <summary>
/// Starts the simulation board (gs-simboard, built next to gsctl) as a child process and learns the path of its
/// pseudo-terminal UART from the line "uart: /dev/pts/N" it prints at start-up. Disposing stops the board.
/// </summary>
public sealed class SimBoardProcess : IDisposable
{
    private const string UartLinePrefix = "uart: ";
    private const string CoreLinePrefix = "core: ";
    private readonly Process _process;
    private readonly List<string> _output = new();

    private SimBoardProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The board's UART, e.g. /dev/pts/3: open it like any serial port.</summary>
    public string UartPath { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>The board's "core: ..." line (which per-event core runs, and why not native when so), or null.</summary>
    public string? CoreLine { get; private set; }

    /// <summary>Why the board is gone, in one line ("the simulation board was killed (SIGKILL)"), or null while it runs.</summary>
    public string? Problem
    {
        get
        {
            if (!_process.HasExited)
            {
                return null;
            }

            var last = Output.LastOrDefault(l => !l.StartsWith("   at ", StringComparison.Ordinal));
            return $"the simulation board {ExitDescription(_process.ExitCode)}" + (last is null ? "" : $"; its last line: {last}");
        }
    }

    /// <summary><see cref="Problem"/> after waiting up to <paramref name="grace"/> for the board to exit (a dying board
    /// closes its pty a moment before its process is reaped, so the link may notice first).</summary>
    public string? ProblemWithin(TimeSpan grace)
    {
        _process.WaitForExit(grace);
        return Problem;
    }

    /// <summary>"exited with code 3", or for a signal (.NET reports 128 + the signal number) "was killed (SIGTERM)".</summary>
    public static string ExitDescription(int exitCode) => exitCode switch
    {
        128 + 2 => "was interrupted (SIGINT)",
        128 + 9 => "was killed (SIGKILL)",
        128 + 15 => "was terminated (SIGTERM)",
        > 128 and < 128 + 65 => $"was killed by signal {exitCode - 128}",
        _ => $"exited with code {exitCode}",
    };

    /// <summary>Lines the board printed (stdout and stderr), for diagnostics.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToArray();
            }
        }
    }

    public static SimBoardProcess Start(IEnumerable<string> boardArguments, TimeSpan startTimeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gs-simboard.dll");
        if (!File.Exists(dll))
        {
            throw new SimBoardException($"simulation board not found at {dll} (build the solution first)");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--stop-on-stdin-close");
        foreach (var argument in boardArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new SimBoardException("could not start the simulation board");
        var uartPath = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var board = new SimBoardProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            board.Remember(e.Data);
            if (e.Data.StartsWith(CoreLinePrefix, StringComparison.Ordinal))
            {
                board.CoreLine = e.Data; // printed before the uart line, so it is known when StartSimulation returns
            }

            if (e.Data.StartsWith(UartLinePrefix, StringComparison.Ordinal))
            {
                uartPath.TrySetResult(e.Data[UartLinePrefix.Length..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                board.Remember(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => uartPath.TrySetException(new SimBoardException(
            $"the simulation board {ExitDescription(process.ExitCode)} before reporting its UART"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool reported;
        try
        {
            reported = uartPath.Task.Wait(startTimeout);
        }
        catch (AggregateException e) when (e.InnerException is SimBoardException exited)
        {
            Thread.Sleep(100); // let the last stderr lines arrive
            var why = string.Join(" | ", board.Output.Where(l => !l.StartsWith("   at ", StringComparison.Ordinal)).TakeLast(2));
            board.Dispose();
            throw new SimBoardException(exited.Message + (why.Length > 0 ? $": {why}" : ""));
        }

        if (!reported)
        {
            var detail = string.Join(" | ", board.Output.TakeLast(3));
            board.Dispose();
            throw new SimBoardException($"the simulation board did not report its UART within {startTimeout.TotalSeconds:0} s" +
                                (detail.Length > 0 ? $": {detail}" : ""));
        }

        board.UartPath = uartPath.Task.Result;
        return board;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing stdin asks the board to stop; kill it if it does not.
                _process.StandardInput.Close();
                if (!_process.WaitForExit(3000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(3000);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Remember(string line)
    {
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 200)
            {
                _output.RemoveAt(0);
            }
        }
    }
}

/// <summary>The simulation board could not be started or did not come up; the message says why in one line.</summary>
public sealed class SimBoardException(string message) : Exception(message);
