using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Host.Link;
using GroundStation.Testbed.Sim;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// How every device-facing command reaches a device: `--port PATH [--baud N]` for a real serial port (or any pty),
/// or `--sim` to start the simulation board and attach to its pseudo-terminal through the very same serial code.
/// </summary>
internal sealed class DeviceConnection : IDisposable
{
    public const int DefaultBaud = 921600;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    private DeviceConnection(LinkClient client, DeviceInfo device, SimBoardProcess? board, string portPath, int baud)
    {
        Client = client;
        Device = device;
        Board = board;
        PortPath = portPath;
        Baud = baud;
    }

    /// <summary>The port opened (the simulation board's pty for --sim), to re-open it after a failure.</summary>
    public string PortPath { get; }

    public int Baud { get; }

    public LinkClient Client { get; }

    public DeviceInfo Device { get; }

    /// <summary>The simulation board gsctl started, or null for a real port.</summary>
    public SimBoardProcess? Board { get; }

    public static Option<string?> PortOption() =>
        new("--port", "-p") { Description = "Serial port of the device, e.g. /dev/ttyUSB0 (see `gsctl ports`) or a pty path." };

    /// <summary>Serial line speeds a UART or USB adapter can run (50 baud teletype to 4 Mbaud FTDI).</summary>
    public const int MinBaud = 50;

    public const int MaxBaud = 4_000_000;

    public static Option<int> BaudOption() =>
        new Option<int>("--baud", "-b") { Description = $"Baud rate (default {DefaultBaud}).", DefaultValueFactory = _ => DefaultBaud }
            .InRange(MinBaud, MaxBaud, "baud");

    /// <summary>How long a long-running command re-opens the port after a cable pull (0: stop at once).</summary>
    public static Option<double> ReconnectOption() =>
        new Option<double>("--reconnect-seconds")
        {
            Description = "After a cable pull, re-open the port and resume the session for up to this long (default 120; 0 = stop at once).",
            DefaultValueFactory = _ => 120,
        }.InRange(0, 86400, "s");

    /// <summary>The value of <see cref="ReconnectOption"/> (range-checked when parsed).</summary>
    public static TimeSpan ReconnectTime(ParseResult parse, Option<double> option) => TimeSpan.FromSeconds(parse.GetValue(option));

    public static Option<bool> SimOption() =>
        new("--sim") { Description = "Start the simulation board and connect to it instead of a real port." };

    /// <summary>Opens a real port and performs the handshake.</summary>
    public static DeviceConnection OpenPort(string port, int baud) => Handshake(Open(port, baud), board: null, port, baud);

    /// <summary>Starts the simulation board, opens its pseudo-terminal like any serial port, performs the handshake.</summary>
    public static DeviceConnection StartSimulation(int baud, IEnumerable<string>? boardArguments = null)
    {
        var arguments = new List<string> { "--baud", baud.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        arguments.AddRange(boardArguments ?? []);
        SimBoardProcess board;
        try
        {
            board = SimBoardProcess.Start(arguments, TimeSpan.FromSeconds(30));
        }
        catch (SimBoardException e)
        {
            throw new UserError(e.Message, ExitCodes.Connection);
        }

        try
        {
            return Handshake(Open(board.UartPath, baud), board, board.UartPath, baud);
        }
        catch
        {
            board.Dispose();
            throw;
        }
    }

    /// <summary>Resolves --port / --sim from a parsed command line (exactly one of them).</summary>
    public static DeviceConnection FromOptions(ParseResult parse, Option<string?> port, Option<int> baud, Option<bool> sim)
    {
        var path = parse.GetValue(port);
        var useSim = parse.GetValue(sim);
        if (useSim == (path is not null))
        {
            throw new UserError("give either --port PATH or --sim", ExitCodes.Usage);
        }

        return useSim ? StartSimulation(parse.GetValue(baud)) : OpenPort(path!, parse.GetValue(baud));
    }

    public void Dispose()
    {
        Client.Dispose();
        Board?.Dispose();
    }

    private static LinkClient Open(string port, int baud)
    {
        try
        {
            return LinkClient.Open(port, baud);
        }
        catch (LinkException e)
        {
            throw new UserError(e.Message, ExitCodes.Connection);
        }
    }

    /// <summary>
    /// A link that re-opens this connection's port and resumes the session after a cable pull, trying for
    /// <paramref name="giveUpAfter"/> (zero: a failure ends the command as before).
    /// </summary>
    public ResumingLink Resuming(TimeSpan giveUpAfter, Action<string>? report = null) =>
        new(Client, () => LinkClient.Open(PortPath, Baud), giveUpAfter, report);

    private static DeviceConnection Handshake(LinkClient client, SimBoardProcess? board, string portPath, int baud)
    {
        try
        {
            return new DeviceConnection(client, client.Connect(HandshakeTimeout), board, portPath, baud);
        }
        catch (LinkException e)
        {
            client.Dispose();
            throw new UserError(e.Message, ExitCodes.Connection);
        }
    }
}
