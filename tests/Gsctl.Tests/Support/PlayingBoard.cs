using GroundStation.Gsctl.Commands;
using GroundStation.Testbed.Sim;

namespace GroundStation.Tests.Gsctl.Support;

/// <summary>The simulation board on its pty with the detectors on and its pass playing, as an operator sets it up before `gsctl record`.</summary>
internal static class PlayingBoard
{
    public const int Baud = 921600;

    /// <summary>Starts the board on <paramref name="passFile"/> (plus e.g. "--seed", "4"), switches detectors 1-4 on and starts the pass.</summary>
    public static SimBoardProcess Start(string passFile, params string[] boardArguments)
    {
        var board = SimBoardProcess.Start(["--baud", Baud.ToString(System.Globalization.CultureInfo.InvariantCulture), .. boardArguments, "--pass", passFile],
            TimeSpan.FromSeconds(30));
        using var operatorSession = DeviceConnection.OpenPort(board.UartPath, Baud);
        for (var detector = 1; detector <= DeviceScpi.Detectors; detector++)
        {
            DeviceScpi.Run(operatorSession.Client, $"DET:GATE {detector},ON");
        }

        DeviceScpi.Run(operatorSession.Client, "SIM:STAR");
        return board;
    }
}
