using System.CommandLine;
using GroundStation.Gsctl.Cli;
using GroundStation.Gsctl.PeerLink;
using GroundStation.Gsctl.Recording;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Keys;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Handshake;
using GroundStation.Peer.Session;

namespace GroundStation.Gsctl.Commands;

/// <summary>
/// `gsctl postprocess DIR --peer HOST:PORT`: finishes a post-pass recording (protocol/PEER.md section 8.5) once the
/// transmitter side is reachable: the kept detections are replayed through the firmware's own ground sifter against
/// the transmitter, then reconciled, verified, sized and amplified; the final key goes to DIR/keys and the manifest
/// becomes "post-processed" with the report's fields. A failed session changes nothing in DIR.
/// </summary>
internal static class PostprocessCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "A post-pass recording (`gsctl record` without a reachable --peer)." };
        var peer = new StationPeerOptions();
        var command = new Command("postprocess",
            "Finish a post-pass recording with the transmitter side (e.g. `gsctl peer`): sift its kept detections over the peer\n" +
            "link (the firmware's own sifting, run in gsctl), then error correction, verification, the finite-key length and\n" +
            "privacy amplification; the final key goes to DIR/keys/<key id>.key (0600, never printed) and manifest.json gets\n" +
            "mode post-processed and the report (secretKeyBits, ecEfficiency, qberZ, qberX, phaseErrorBound, ...).\n" +
            "--pass-id defaults to the recording directory's name. A failed session (wrong key, tampering) changes nothing.")
        {
            directory,
        };
        peer.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(interrupt =>
        {
            var dir = Path.GetFullPath(parse.GetValue(directory)!);
            var verified = RecordingVerifier.Verify(dir);
            if (!verified.Ok)
            {
                throw new UserError($"{dir} is not a whole recording: {verified.Problems[0]}", ExitCodes.Usage);
            }

            var manifest = RecordingManifest.FromJson(File.ReadAllText(Path.Combine(dir, RecordingManifest.FileName)));
            if (manifest.Mode != RecordingManifest.PostPassMode)
            {
                throw new UserError($"{dir} is a {manifest.Mode} recording; only a post-pass one waits for post-processing", ExitCodes.Usage);
            }

            using var plan = peer.Plan(parse, Path.GetFileName(dir))
                ?? throw new UserError("give --peer HOST:PORT (the transmitter side)", ExitCodes.Usage);
            var (_, _, blocks) = SiftedKeyFile.Read(Path.Combine(dir, RecordingWriter.DetectionsFileName));
            var detections = blocks.SelectMany(b => b.Entries).Select(e => e with { IntensityClass = 0 }).OrderBy(e => e.Slot).ToList();
            var options = plan.Options with
            {
                Operation = PeerOperation.PostPass, EpochFrames = StationSessionDefaults.EpochFrames(PeerOperation.PostPass),
            };
            StationRoleResult result;
            try
            {
                result = Run(options, plan, detections, interrupt);
            }
            catch (Exception e) when (e is PeerSessionException or SiftingProtocolException)
            {
                throw new UserError($"the post-pass session failed, nothing from it is kept: {e.Message}", ExitCodes.Failure);
            }

            var info = result.Info;
            var header = new KeyFileHeader(KeySide.Station, info.StationId, info.TransmitterId, info.PassId);
            var report = result.Report;
            var keyPath = KeepKeys.Keep(new KeyStore(Path.Combine(dir, "keys")), report.KeyId, header, result.FinalKey, result.AuthSegment, plan.Pool);
            var json = ReportJson.ToJson(report);
            json["authentication"] = info.Authentication.ToString();
            json["peerSession"] = $"{info.SessionId:X16}";
            RecordingWriter.Write(dir, manifest with { Mode = RecordingManifest.PostProcessedMode, Report = RecordingWriter.Extension(json) });
            Console.WriteLine(report.SecretKeyBits > 0
                ? FormattableString.Invariant($"final key: {report.SecretKeyBits} bits ({report.OutputKeyBits} kept, key id {report.KeyId}, {keyPath ?? "all into the pool"})")
                : $"no final key: {report.NoKeyReason ?? "none"}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private sealed record StationRoleResult(PeerSessionInfo Info, DistillationReport Report,
        GroundStation.PostProcessing.Bits.BitString? FinalKey, GroundStation.PostProcessing.Bits.BitString? AuthSegment);

    private static StationRoleResult Run(PeerSessionOptions options, StationPeerPlan plan, List<SiftedEntry> detections, CancellationToken interrupt)
    {
        var session = PeerSession.ConnectTcpAsync(options, plan.Address.Host, plan.Address.Port, interrupt).GetAwaiter().GetResult();
        try
        {
            Console.Error.WriteLine($"gsctl: {session.Info!.Describe()}");
            var role = PostPassReplay.RunAsync(detections, session, plan.Settings, interrupt).GetAwaiter().GetResult();
            session.Completion.GetAwaiter().GetResult();
            var report = role.Distillation.Report() with { PoolSpentBits = session.Counters.KeyBitsReserved };
            return new StationRoleResult(session.Info!, report, role.Distillation.FinalKey, role.Distillation.AuthSegment);
        }
        finally
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
