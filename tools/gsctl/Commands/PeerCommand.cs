using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.Files;
using GroundStation.Gsctl.PeerLink;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Keys;
using GroundStation.Host.Transmitter;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Messages;
using GroundStation.Peer.Session;
using GroundStation.Peer.TransmitterRecord;
using GroundStation.Peer.Wire;
using GroundStation.Simulator.Events;
using GroundStation.Testbed.Sim;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl peer`: the transmitter side's reference implementation (protocol/PEER.md) serving one pass, from a
/// transmitter record file (protocol/TRANSMITTER_RECORD.md) or a simulated satellite (pass file + seed), until a
/// station's session completed; then the transmitter's final key and report are written to --out.
/// </summary>
internal static class PeerCommand
{
    public const string ReportFileName = "peer-report.json";

    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Where to listen for the station, IP:PORT (port 0: any free port, printed).", DefaultValueFactory = _ => "127.0.0.1:7400",
        };
        var record = new Option<FileInfo?>("--record") { Description = "The transmitter record of the pass (protocol/TRANSMITTER_RECORD.md)." };
        var simPass = new Option<FileInfo?>("--sim-pass") { Description = "Serve a simulated satellite: the pass file the simulation board plays." };
        var simDefault = new Option<bool>("--sim") { Description = "Serve a simulated satellite of the built-in default pass." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the simulated pass (the board's --seed; default the pass file's, 1)." };
        var transmitterId = new Option<string?>("--transmitter-id") { Description = "This transmitter's id (default: the record's, or 'transmitter')." };
        var passId = new Option<string?>("--pass-id") { Description = "The pass served (default: the record's; simulated: the station's)." };
        var output = new Option<string?>("--out", "-o") { Description = "New (or empty) directory for the transmitter's final key and report." };
        var credentials = new PeerCredentialOptions();
        var command = new Command("peer",
            "Run the transmitter side of the peer link (protocol/PEER.md) for one pass: listen for the station (`gsctl record\n" +
            "--peer`), answer its handshake, sift against the transmitter record, reconcile, verify, compute the finite-key\n" +
            "length, amplify, and write the transmitter's final key to DIR/keys/<key id>.key (0600; never printed) and\n" +
            $"DIR/{ReportFileName}. A session that fails after sifting began burns the pass: nothing from it is kept and the\n" +
            "command exits 1; one that fails before (a wrong key) is logged and the next station is served.\n" +
            "Serve --record FILE (a bench transmitter's record), or a simulated satellite: --sim (built-in pass) or\n" +
            "--sim-pass FILE, with --seed N, the same pass and seed the simulation board plays.")
        {
            listen, record, simPass, simDefault, seed, transmitterId, passId, output,
        };
        credentials.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(interrupt =>
        {
            var directory = parse.GetValue(output) ?? throw new UserError("give --out DIR for the transmitter's key (or see `gsctl peer --help`)", ExitCodes.Usage);
            var endpoint = PeerAddress.Parse("--listen", parse.GetValue(listen)!).Endpoint("--listen");
            var sources = (parse.GetValue(record) is null ? 0 : 1) + (parse.GetValue(simPass) is null ? 0 : 1) + (parse.GetValue(simDefault) ? 1 : 0);
            if (sources != 1)
            {
                throw new UserError("give exactly one of --record FILE, --sim-pass FILE or --sim", ExitCodes.Usage);
            }

            using var served = Open(parse.GetValue(record), parse.GetValue(simPass), parse.GetValue(simDefault), parse.GetValue(seed));
            var txId = parse.GetValue(transmitterId) ?? served.TransmitterId;
            var pass = parse.GetValue(passId) ?? served.PassId;
            directory = OutputLocation.Prepare("--out", directory, 1_000_000);
            var (creds, pool) = credentials.Load(parse);
            using (pool)
            {
                var options = new PeerSessionOptions { Role = PeerRole.Transmitter, StationId = "", TransmitterId = txId, PassId = pass, Credentials = creds };
                return Serve(endpoint, options, served, pool, directory, interrupt);
            }
        }));
        return command;
    }

    private static int Serve(System.Net.IPEndPoint endpoint, PeerSessionOptions options, ServedRecord served, GroundStation.Peer.Authentication.AuthenticationKeyPool? pool,
        string directory, CancellationToken interrupt)
    {
        TransmitterService service;
        try
        {
            service = TransmitterService.Listen(endpoint, options, served.Record, served.Source, new DistillationSettings());
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new UserError($"--listen {endpoint}: {e.Message}", ExitCodes.Usage);
        }

        TransmitterOutcome outcome;
        var task = (Task<TransmitterOutcome>?)null;
        try
        {
            service.Log += line => Console.Error.WriteLine($"gsctl: {line}");
            Console.WriteLine($"listening on {service.LocalEndpoint} as transmitter '{options.TransmitterId}' for pass " +
                              $"'{(options.PassId.Length == 0 ? "(the station's)" : options.PassId)}' ({served.Describe})");
            task = service.ServeAsync(session => Console.Error.WriteLine($"gsctl: {session.Info!.Describe()}"), interrupt);
            outcome = task.GetAwaiter().GetResult();
        }
        catch (PeerSessionException e)
        {
            throw new UserError($"the pass's session failed, nothing from it is kept: {e.Message}", ExitCodes.Failure);
        }
        catch (GroundStation.Host.Sifting.SiftingProtocolException e)
        {
            throw new UserError($"the pass's session failed, nothing from it is kept: {e.Message}", ExitCodes.Failure);
        }
        finally
        {
            service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var info = outcome.Session;
        var header = new KeyFileHeader(KeySide.Transmitter, info.StationId, info.TransmitterId, info.PassId);
        var report = outcome.Report;
        var keyPath = KeepKeys.Keep(new KeyStore(Path.Combine(directory, "keys")), report.KeyId, header, outcome.FinalKey, outcome.AuthSegment, pool);
        var json = ReportJson.ToJson(report with { PoolSpentBits = outcome.Counters.KeyBitsReserved });
        json["authentication"] = info.Authentication.ToString();
        json["peerSession"] = $"{info.SessionId:X16}";
        AtomicFile.Write(Path.Combine(directory, ReportFileName), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString(ReportJson.Options) + "\n")));
        Console.WriteLine(report.SecretKeyBits > 0
            ? FormattableString.Invariant($"final key: {report.SecretKeyBits} bits ({report.OutputKeyBits} kept, key id {report.KeyId}, {keyPath ?? "all into the pool"})")
            : $"no final key: {report.NoKeyReason ?? "none"}");
        return ExitCodes.Ok;
    }

    private static ServedRecord Open(FileInfo? record, FileInfo? simPass, bool simDefault, ulong? seed)
    {
        if (record is not null)
        {
            try
            {
                var file = new TransmitterRecordFile(record.FullName);
                return new ServedRecord(file, file.Source, file.TransmitterId, file.PassId, $"record {record.FullName}, {file.SlotsSent} slots", file);
            }
            catch (Exception e) when (e is PeerFormatException or TransmitterRecordException or IOException or UnauthorizedAccessException)
            {
                throw new UserError($"--record {record.FullName}: {e.Message}", ExitCodes.Usage);
            }
        }

        var config = SimCommand.LoadPass(simDefault ? null : simPass);
        var sim = new PassSimulator(config, seed ?? config.Seed);
        var source = new SourceParameters(config.Source.Intensities, config.Source.IntensityProbabilities, config.Source.ZBasisProbability);
        return new ServedRecord(new SimulatedSatelliteRecord(sim.Satellite), source, "transmitter", "",
            $"simulated satellite, {(simDefault ? "built-in pass" : simPass!.FullName)}, seed {sim.Seed}", null);
    }

    /// <summary>What is served: the record, the source's parameters, its ids and a description for the first line.</summary>
    private sealed record ServedRecord(ITransmitterRecord Record, SourceParameters Source, string TransmitterId, string PassId, string Describe,
        IDisposable? Owned) : IDisposable
    {
        public void Dispose() => Owned?.Dispose();
    }
}
