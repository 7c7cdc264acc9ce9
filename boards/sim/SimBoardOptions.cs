using GroundStation.Boards.Sim.Speed;

namespace GroundStation.Boards.Sim;

/// <summary>Command-line options of gs-simboard.</summary>
internal sealed record SimBoardOptions(int BaudRate, ulong Seed, bool StopOnStdinClose, string? Pass = null, DeviceSpeed? Speed = null,
    string? Core = null)
{
    public const string Usage =
        """
        gs-simboard: the GroundStationFw firmware running as a host process (the simulation board).

        Usage: gs-simboard [--baud N] [--seed N] [--pass FILE|default] [--device-speed NAME] [--core native|managed]
                   [--stop-on-stdin-close]

          --baud N   baud rate the firmware believes its UART runs at (default 921600); it paces transmission
          --seed N   seed of the board's random source and of the pass (default 1), so runs repeat
          --pass FILE|default
                     load a simulated satellite pass (tools/Simulator/PASS_FORMAT.md; "default" = the built-in
                     pass). It plays into the tagger after SIM:STARt, as fast as the firmware reads it: the board
                     clock then follows the simulated tagger time. SIM:STAT? reports progress and the end.
          --device-speed esp32-stock|esp32-native|unlimited
                     how fast the modelled controller processes tagger events (default unlimited): with an ESP32
                     speed every record the firmware reads costs that image's estimated time of board (and tagger)
                     time, so a pass above the image's limit overflows the tagger FIFO as on the bench
                     (boards/sim/README.md, "Device speed"); it implies the image's core: esp32-stock runs the
                     managed core, esp32-native the native one, and the DevKitC's buffers (readout batch of 64)
          --core native|managed
                     which implementation runs the per-event path (firmware/Native/README.md): native (the C core,
                     libgscore, the default where it was built) or managed (the C# reference); where the native core
                     was not built the managed one runs and one line says so
          --stop-on-stdin-close
                     stop when standard input closes (how gsctl, which starts the board, stops it); Ctrl-C is then
                     left to the parent, which shares the terminal

        At start-up the board prints "uart: /dev/pts/N": open that path with any serial program
        (gsctl connect --port /dev/pts/N, screen, minicom). It stops on Ctrl-C or SIGTERM.
        """;

    public static SimBoardOptions Parse(string[] args)
    {
        var baud = 921600;
        ulong seed = 1;
        var stopOnStdinClose = false;
        string? pass = null;
        var speed = DeviceSpeed.Unlimited;
        string? core = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--baud" when i + 1 < args.Length && int.TryParse(args[i + 1], out var b) && b > 0:
                    baud = b;
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], out var s):
                    seed = s;
                    i++;
                    break;
                case "--pass" when i + 1 < args.Length:
                    pass = args[i + 1];
                    i++;
                    break;
                case "--device-speed" when i + 1 < args.Length:
                    speed = DeviceSpeed.Parse(args[i + 1]);
                    i++;
                    break;
                case "--core" when i + 1 < args.Length && args[i + 1] is "native" or "managed":
                    core = args[i + 1];
                    i++;
                    break;
                case "--core":
                    throw new ArgumentException("--core takes native or managed");
                case "--stop-on-stdin-close":
                    stopOnStdinClose = true;
                    break;
                default:
                    throw new ArgumentException($"unknown or incomplete option '{args[i]}'");
            }
        }

        return new SimBoardOptions(baud, seed, stopOnStdinClose, pass, speed, CoreOfImage(speed, core));
    }

    /// <summary>
    /// An ESP32 speed models an image, and the image decides the core: the stock image has only the managed one, the
    /// custom image runs the native one. Asking for the other is refused rather than modelled at the wrong speed.
    /// </summary>
    private static string? CoreOfImage(DeviceSpeed speed, string? core)
    {
        if (speed == DeviceSpeed.Esp32Stock)
        {
            return core == "native"
                ? throw new ArgumentException("--device-speed esp32-stock is the stock image, which has no native core (use esp32-native)")
                : "managed";
        }

        if (speed == DeviceSpeed.Esp32Native)
        {
            return core == "managed"
                ? throw new ArgumentException("--device-speed esp32-native models the native core's speed (use esp32-stock for the managed core)")
                : "native";
        }

        return core;
    }
}
