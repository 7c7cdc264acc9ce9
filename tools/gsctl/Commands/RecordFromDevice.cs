using System.CommandLine;
using System.Globalization;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.PeerLink;
using GroundStation.Gsctl.Recording;
using GroundStation.Host.Distillation;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl record (--port PATH | --sim) --out DIR [--seconds N] [--peer HOST:PORT ...]`: the device-fed recording (the
/// action of the `record` command itself; `record verify` stays its subcommand).
/// </summary>
internal static class RecordFromDevice
{
    /// <summary>Free space asked for before recording: a pass's keys take a few MB (~3.5 bytes per detection kept).</summary>
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
        var peer = new StationPeerOptions();
        record.Description +=
            "\n\nWith --port/--sim and --out: run the station's side of a pass and record it. With --peer HOST:PORT the\n" +
            "firmware's sifting is relayed live to the transmitter side (e.g. `gsctl peer`); when the recording stops\n" +
            "(--seconds or Ctrl+C) the detectors are gated off (DET:GATE n,OFF; they stay off), the clicks already detected\n" +
            "are sifted, sifting is flushed, the key is post-processed with the transmitter (error correction,\n" +
            "verification, finite-key length, privacy amplification) and the final key is written to DIR/keys/<key id>.key\n" +
            "(0600; never printed). Without --peer, or when the transmitter cannot be reached, gsctl answers the firmware\n" +
            "itself (every detection kept with its basis; nothing leaves the station) and writes detections.gsk; finish it\n" +
            "later with `gsctl postprocess DIR --peer HOST:PORT`. The manifest is written last.\n" +
            "A cable pull does not end it: gsctl re-opens the port and resumes the session (--reconnect-seconds); a lost peer\n" +
            "connection is resumed too. If the peer session fails (wrong key, tampering), nothing derived from it is kept.\n" +
            "At the end the device's sifting counters are checked: clicks it dropped are a warning; sifting stalled exits 1.";
        record.Options.Add(port);
        record.Options.Add(baud);
        record.Options.Add(sim);
        record.Options.Add(output);
        record.Options.Add(seconds);
        record.Options.Add(reconnect);
        peer.AddTo(record);
        record.SetAction(parse => CommandRunner.Run(interrupt =>
        {
            var requested = parse.GetValue(output) ?? throw new UserError("give --out DIR for the recording (or see `gsctl record --help`)", ExitCodes.Usage);
            using var plan = peer.Plan(parse, DefaultPassId());
            var directory = OutputLocation.Prepare("--out", requested, RecordingSpaceBytes);

            var reconnectTime = DeviceConnection.ReconnectTime(parse, reconnect);
            using var connection = DeviceConnection.FromOptions(parse, port, baud, sim);
            using var link = connection.Resuming(reconnectTime, line => Console.Error.WriteLine($"\ngsctl: {line}"));
            using var stop = new CancellationTokenSource();
            if (parse.GetValue(seconds) is > 0 and var s)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(s));
            }

            // Ctrl+C ends the recording as --seconds does (detectors off, flush, post-process, keep; exit 130); a second
            // one ends the process.
            using var stopOnInterrupt = interrupt.Register(stop.Cancel);
            var siftingBefore = DeviceScpi.Sifting(connection.Client);
            var session = plan is null ? null : Connect(plan, interrupt);
            try
            {
                var role = session is null
                    ? StationRole.ForPostPassRecording()
                    : new StationRole(EstimationPolicy.Default, plan!.Settings, KeyIds.For(session.Info!.PassId, session.SessionId),
                        () => session.Counters.KeyBitsReserved);
                if (session is not null)
                {
                    Console.Error.WriteLine($"gsctl: {session.Info!.Describe()}");
                }

                var recording = new StationRecording(link, directory);
                var started = DateTime.UtcNow;
                var lastShown = DateTime.MinValue;
                var outcome = recording.Run(session, role, plan?.Pool, stop.Token, CancellationToken.None, what =>
                {
                    if (!Console.IsErrorRedirected && DateTime.UtcNow - lastShown > TimeSpan.FromSeconds(1))
                    {
                        lastShown = DateTime.UtcNow;
                        Console.Error.Write($"\r{what} {(DateTime.UtcNow - started).TotalSeconds:0} s: {recording.Blocks} device blocks  ");
                    }
                });
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.WriteLine();
                }

                Print(directory, outcome);
                var (warnings, stalled) = SiftingHealth.Judge(DeviceScpi.Sifting(link.Current) - siftingBefore);
                foreach (var warning in warnings)
                {
                    Console.Error.WriteLine($"gsctl: {warning}");
                }

                var interrupted = interrupt.IsCancellationRequested;
                Console.Error.WriteLine($"gsctl: {(interrupted ? "stopped by Ctrl+C" : FormattableString.Invariant($"stopped after {parse.GetValue(seconds)} s"))}: " +
                                        $"{outcome.Acquisition}, sifting flushed; {Kept(directory, outcome)}");
                return interrupted ? ExitCodes.Interrupted : stalled ? ExitCodes.Failure : ExitCodes.Ok;
            }
            finally
            {
                if (session is not null)
                {
                    session.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }));
    }

    /// <summary>A pass id for a recording whose transmitter was not named one: the start time.</summary>
    private static string DefaultPassId() => "pass-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The live session, or null (post-pass) when the transmitter cannot be reached now: said in one line.</summary>
    private static PeerSession? Connect(StationPeerPlan plan, CancellationToken interrupt)
    {
        try
        {
            return plan.ConnectAsync(PeerOperation.LivePass, interrupt).GetAwaiter().GetResult();
        }
        catch (PeerSessionException e) when (e.Code == PeerErrorCode.ConnectionLost)
        {
            Console.Error.WriteLine($"gsctl: the transmitter at {plan.Address} cannot be reached ({e.Message}); recording for post-pass: " +
                                    "every detection is kept, finish with `gsctl postprocess DIR --peer ...`");
            return null;
        }
        catch (PeerSessionException e)
        {
            throw new UserError($"the transmitter at {plan.Address} refused the session: {e.Message}", ExitCodes.Connection);
        }
    }

    /// <summary>What the recording kept, for the line that ends it.</summary>
    private static string Kept(string directory, RecordingOutcome outcome)
    {
        var key = outcome.Manifest.Key;
        if (!outcome.Live)
        {
            return $"kept {key.Bits} detections in {key.Blocks} device blocks for post-pass (finish with `gsctl postprocess {directory} --peer HOST:PORT`)";
        }

        var final = outcome.Report is { SecretKeyBits: > 0 } r ? $" and a final key of {r.SecretKeyBits} bits ({outcome.KeyPath})" : ", no final key";
        return $"kept {key.Bits} sifted bits in {key.Blocks} device blocks{final}";
    }

    private static void Print(string directory, RecordingOutcome outcome)
    {
        var m = outcome.Manifest;
        Console.WriteLine($"{directory}: {m.Key.Blocks} device blocks, {m.Key.Bits} {(outcome.Live ? "sifted bits" : "detections")}, " +
                          $"{m.Key.MissingBlockIds.Count} missing block ids; manifest written ({m.Mode})");
        if (outcome.Report is { } r)
        {
            Console.WriteLine(r.SecretKeyBits > 0
                ? FormattableString.Invariant($"final key: {r.SecretKeyBits} bits ({r.OutputKeyBits} kept, key id {r.KeyId}, {outcome.KeyPath}); pool spent {r.PoolSpentBits} bits, net {r.NetKeyBits} bits")
                : $"no final key: {r.NoKeyReason ?? "none"}");
        }
    }
}
