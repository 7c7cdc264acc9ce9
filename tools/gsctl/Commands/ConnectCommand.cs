using System.CommandLine;
using GroundStation.Gsctl.Cli;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl connect --port PATH [--baud N]`: open a port, shake hands, print the firmware's identity.</summary>
internal static class ConnectCommand
{
    public static Command Create()
    {
        var port = DeviceConnection.PortOption();
        port.Required = true;
        var baud = DeviceConnection.BaudOption();
        var command = new Command("connect",
            "Open a serial port, exchange the hello/version handshake with the firmware and print its identity\n" +
            "(name, firmware version, board, protocol version). Exits 3 when the port cannot be opened or the\n" +
            "device does not answer or speaks an incompatible protocol.") { port, baud };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var connection = DeviceConnection.OpenPort(parse.GetValue(port)!, parse.GetValue(baud));
            IdentityPrinter.Print(connection.Device, $"{parse.GetValue(port)} at {parse.GetValue(baud)} baud");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
