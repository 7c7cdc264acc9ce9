using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.Link;
using GroundStation.Gsctl.Recording;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl record (--port PATH | --sim) --out DIR [--seconds N]`: the device-fed recording (the action of the
/// `record` command itself; `record verify` stays its subcommand).
/// </summary>
internal static class RecordFromDevice
{
    /// <summary>Free space asked for before recording: a pass's keys take a few MB (keys.gsk ~1 bit per sifted bit).</summary>
    private const long RecordingSpaceBytes = 16_000_000;

    public static void Attach(Command record)
    {
        var port = DeviceConnection.PortOption();
        var baud = DeviceConnection.BaudOption();
        var sim = DeviceConnection.SimOption();
        var output = new Option<string?>("--out", "-o") { Description = "New (or empty) directory for the recording." };
        var seconds = new Option<double>("--seconds") { Description = "Stop after this long (default 0: until Ctrl+C).", DefaultValueFactory = _ => 0 }
            .InRange(0, 7 * 86400, "s");
        var reconnect = DeviceConnection.ReconnectOption();
        record.Description +=
            "\n\nWith --port/--sim and --out: record the device's sifted key stream (SiftedBlock messages). Device block n\n" +
            "becomes key-stream blocks 3n (signal), 3n+1 (decoy), 3n+2 (vacuum), so a lost device block shows as\n" +
            "missing ids. Stops after --seconds or on Ctrl+C, then writes the manifest (zero blocks is a valid recording).\n" +
            "A cable pull does not end it: gsctl re-opens the port and resumes the session, and the device resends what\n" +
            "had not been delivered (--reconnect-seconds).\n" +
            "At the end the device's sifting counters are checked: clicks it dropped are a warning; sifting stalled\n" +
            "(nothing sifted, or more than half the clicks dropped: nobody answered its announcements) exits 1.";
        record.Options.Add(port);
        record.Options.Add(baud);
        record.Options.Add(sim);
        record.Options.Add(output);
        record.Options.Add(seconds);
        record.Options.Add(reconnect);
        record.SetAction(parse => CommandRunner.Run(() =>
        {
            var requested = parse.GetValue(output) ?? throw new UserError("give --out DIR for the recording (or see `gsctl record --help`)", ExitCodes.Usage);
            var directory = OutputLocation.Prepare("--out", requested, RecordingSpaceBytes);

            var reconnectTime = DeviceConnection.ReconnectTime(parse, reconnect);
            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            using var link = connection.Resuming(reconnectTime,
                line => Console.Error.WriteLine($"\ngsctl: {line}"));
            using var stop = new CancellationTokenSource();
            if (parse.GetValue(seconds) is > 0 and var s)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(s));
            }

            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            var siftingBefore = SiftingCounters.Read(connection.Client);
            var recorder = new DeviceRecorder(link, directory);
            RecordingManifest manifest;
            try
            {
                var started = DateTime.UtcNow;
                var lastShown = DateTime.MinValue;
                manifest = recorder.Run(stop.Token, writer =>
                {
                    if (!Console.IsErrorRedirected && DateTime.UtcNow - lastShown > TimeSpan.FromSeconds(1))
                    {
                        lastShown = DateTime.UtcNow;
                        Console.Error.Write($"\rrecording {(DateTime.UtcNow - started).TotalSeconds:0} s: {recorder.DeviceBlocks} device blocks  ");
                    }
                });
            }
            catch (InvalidOperationException e)
            {
                throw new UserError($"recording stopped, no manifest written: {e.Message}");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            if (!Console.IsErrorRedirected)
            {
                Console.Error.WriteLine();
            }

            Console.WriteLine($"{directory}: {recorder.DeviceBlocks} device blocks, {manifest.Key.Bits} sifted bits, " +
                $"{manifest.Key.MissingBlockIds.Count} missing block ids; manifest written");
            if (recorder.MalformedPayloads > 0)
            {
                throw new UserError($"{recorder.MalformedPayloads} SiftedBlock messages were malformed and are not in the recording");
            }

            var (warnings, stalled) = SiftingHealth.Judge(SiftingCounters.Read(link.Current) - siftingBefore);
            foreach (var warning in warnings)
            {
                Console.Error.WriteLine($"gsctl: {warning}");
            }

            return stalled ? ExitCodes.Failure : ExitCodes.Ok;
        }));
    }
}
