using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Dashboard;
using GroundStation.Host.Link;
using Spectre.Console;

namespace GroundStation.Gsctl.Commands;

/// <summary>`gsctl status [--json] (--port PATH | --sim)`: the live dashboard, or one JSON snapshot.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var port = DeviceConnection.PortOption();
        var baud = DeviceConnection.BaudOption();
        var sim = DeviceConnection.SimOption();
        var json = new Option<bool>("--json") { Description = "Print one snapshot as a JSON object on stdout and exit." };
        var interval = new Option<int>("--interval-ms") { Description = "Dashboard refresh period.", DefaultValueFactory = _ => 1000 };
        var reconnect = DeviceConnection.ReconnectOption();
        var count = new Option<int>("--count") { Description = "Stop after this many refreshes (0: until q or Ctrl+C).", DefaultValueFactory = _ => 0 };
        var command = new Command("status",
            "Live dashboard of a device: per-channel count rates, bias and temperature; clock lock, timing residual,\n" +
            "beacon rate, send-window fill, QBER, sifted bits and alarms; safe state, faults, memory; link counters.\n" +
            "Telemetry comes from the binary record the firmware sends every second (falls back to the\n" +
            $"{DeviceStatus.TelemetryQuery} text reply if none arrives). --json prints one snapshot for scripts.\n" +
            "After a cable pull the dashboard says so, re-opens the port and resumes the session (--reconnect-seconds).")
        {
            port, baud, sim, json, interval, count, reconnect,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var reconnectTime = DeviceConnection.ReconnectTime(parse, reconnect);
            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            using var link = connection.Resuming(reconnectTime);
            using var reader = new DeviceStatusReader(link);
            var via = connection.Board is { } board ? $"simulation board {board.UartPath}" : parse.GetValue(port)!;
            if (parse.GetValue(json))
            {
                Console.WriteLine(Snapshot(reader).ToJson());
                return ExitCodes.Ok;
            }

            RunDashboard(reader, via, TimeSpan.FromMilliseconds(Math.Max(100, parse.GetValue(interval))), parse.GetValue(count));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DeviceStatus Snapshot(DeviceStatusReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (LinkException e)
        {
            throw new UserError(e.Message, ExitCodes.Connection);
        }
    }

    private static void RunDashboard(DeviceStatusReader reader, string via, TimeSpan period, int count)
    {
        using var quit = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            quit.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var shown = Snapshot(reader);
            AnsiConsole.Live(StatusDashboard.Render(shown, via)).AutoClear(false).Start(live =>
            {
                for (var refreshes = 1; count == 0 || refreshes < count; refreshes++)
                {
                    var next = DateTime.UtcNow + period;
                    while (DateTime.UtcNow < next && !quit.IsCancellationRequested)
                    {
                        if (!Console.IsInputRedirected && Console.KeyAvailable && Console.ReadKey(intercept: true).KeyChar is 'q' or 'Q')
                        {
                            quit.Cancel();
                        }

                        Thread.Sleep(20);
                    }

                    if (quit.IsCancellationRequested)
                    {
                        break;
                    }

                    if (reader.LinkLost)
                    {
                        // Read below waits for the port to come back; say so on the screen meanwhile.
                        live.UpdateTarget(StatusDashboard.Render(shown with
                        {
                            TelemetryNote = "link lost (cable pulled?): re-opening the port and resuming the session",
                        }, via));
                        live.Refresh();
                    }

                    shown = Snapshot(reader);
                    live.UpdateTarget(StatusDashboard.Render(shown, via));
                    live.Refresh();
                }
            });
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
