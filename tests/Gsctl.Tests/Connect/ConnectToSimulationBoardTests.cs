using System.Diagnostics;
using GroundStation.Tests.Gsctl.Support;

namespace GroundStation.Tests.Gsctl.Connect;

/// <summary>
/// The foundation's promise, end to end with real processes: the simulation board runs the firmware and exposes its
/// UART as a pseudo-terminal; gsctl opens that path with System.IO.Ports like any serial port, performs the
/// handshake and prints the identity the firmware sent.
/// </summary>
public sealed class ConnectToSimulationBoardTests
{
    [Fact]
    public void Connect_prints_the_identity_the_firmware_sent_over_the_pseudo_terminal()
    {
        using var board = StartBoard();

        var result = GsctlProcess.Run("connect", "--port", board.UartPath, "--baud", "921600");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"connected via {board.UartPath}", result.Stdout);
        Assert.Contains("name      QKD ground station controller", result.Stdout);
        Assert.Contains("board     sim", result.Stdout);
        Assert.Contains("protocol  1.0", result.Stdout);
    }

    [Fact]
    public void Sim_help_explains_that_it_starts_the_simulation_board()
    {
        var result = GsctlProcess.Run("sim", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("simulation board", result.Stdout);
    }

    [Fact]
    public void Connect_to_a_missing_port_is_one_line_and_exit_code_3()
    {
        var result = GsctlProcess.Run("connect", "--port", "/dev/ttyGS-does-not-exist");

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("/dev/ttyGS-does-not-exist", result.Stderr);
    }

    [Fact]
    public void Connect_to_a_port_where_nothing_answers_times_out_with_exit_code_3()
    {
        // A board process that is stopped (SIGSTOP) keeps its pty open but never answers the handshake.
        using var board = StartBoard();
        board.Suspend();

        var result = GsctlProcess.Run("connect", "--port", board.UartPath);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("answer", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    private static BoardProcess StartBoard()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gs-simboard.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--stop-on-stdin-close"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("uart: ", StringComparison.Ordinal))
            {
                return new BoardProcess(process, line["uart: ".Length..]);
            }
        }

        throw new InvalidOperationException("the simulation board did not report its UART");
    }

    private sealed class BoardProcess(Process process, string uartPath) : IDisposable
    {
        public string UartPath { get; } = uartPath;

        public void Suspend() => Process.Start("kill", ["-STOP", process.Id.ToString()])!.WaitForExit();

        public void Dispose()
        {
            Process.Start("kill", ["-KILL", process.Id.ToString()])!.WaitForExit();
            process.WaitForExit(5000);
            process.Dispose();
        }
    }
}
