using System.CommandLine;
using System.IO.Ports;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl ports`: the serial ports this machine has.</summary>
internal static class PortsCommand
{
    public static Command Create()
    {
        var command = new Command("ports", "List the serial ports of this machine (USB-serial adapters, on-board UARTs).");
        command.SetAction(_ =>
        {
            var ports = SerialPort.GetPortNames().Order(StringComparer.Ordinal).ToArray();
            if (ports.Length == 0)
            {
                Console.WriteLine("no serial ports found (a USB-serial device appears as /dev/ttyUSB* or /dev/ttyACM*;" +
                                  " on Linux your user needs the dialout group)");
                return 0;
            }

            foreach (var port in ports)
            {
                Console.WriteLine(port);
            }

            return 0;
        });
        return command;
    }
}
