using System.CommandLine;
using GroundStation.Gsctl.Cli;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl sim`: start the simulation board, connect through its pseudo-terminal, print the identity.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var baud = DeviceConnection.BaudOption();
        var command = new Command("sim",
            "Start the simulation board (the real firmware on simulated hardware), connect to its pseudo-terminal\n" +
            "UART through the same serial code as a real port, and print the firmware's identity.") { baud };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var connection = DeviceConnection.StartSimulation(parse.GetValue(baud));
            Console.WriteLine($"simulation board started; its UART is {connection.Board!.UartPath}");
            IdentityPrinter.Print(connection.Device, $"{connection.Board.UartPath} at {parse.GetValue(baud)} baud");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
