namespace GroundStation.Boards.Sim;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(SimBoardOptions.Usage);
            return 0;
        }

        SimBoardOptions options;
        try
        {
            options = SimBoardOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"gs-simboard: {e.Message} (see --help)");
            return 2;
        }

        SimBoard board;
        try
        {
            board = new SimBoard(options, line =>
            {
                Console.WriteLine(line);
                Console.Out.Flush();
            });
        }
        catch (Exception e) when (e is GroundStation.Simulator.Config.PassFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gs-simboard: pass {options.Pass}: {e.Message}");
            return 2;
        }

        using var disposeBoard = board;
        Console.WriteLine($"GroundStationFw simulation board, seed {options.Seed}, {options.BaudRate} baud" +
                          (options.Pass is null ? "" : $", pass {options.Pass} ({board.Playback!.Simulator.Physics.DurationSeconds:F1} s, waiting for SIM:STARt)"));
        // One line gsctl repeats: which core runs the per-event path, and why not the native one when it was wanted.
        Console.WriteLine($"core: {board.App.AcquisitionCoreName}" + (board.CoreNotice is null ? "" : $" ({board.CoreNotice})"));
        Console.WriteLine($"uart: {board.UartPath}");
        Console.Out.Flush();

        // Stop on Ctrl-C / SIGTERM, and when asked to, when the parent (gsctl) closes our stdin. A board started by
        // gsctl shares its terminal, so a Ctrl+C meant for gsctl reaches the board too: then gsctl alone decides (it
        // stops the pass and closes our stdin), rather than the board dying under a run that is still winding down.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            if (!options.StopOnStdinClose)
            {
                board.Stop();
            }
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => board.Stop();
        var stdinWatcher = new Thread(() =>
        {
            try
            {
                while (Console.In.Read() >= 0)
                {
                }
            }
            catch (IOException)
            {
            }

            board.Stop();
        }) { IsBackground = true, Name = "stdin-watch" };
        if (options.StopOnStdinClose)
        {
            stdinWatcher.Start();
        }

        board.Run();
        return 0;
    }
}
