using System.Text.Json.Nodes;
using GroundStation.Gsctl.Cli;
using GroundStation.Host.Distillation;
using GroundStation.Host.Drivers;
using GroundStation.Host.Keys;
using GroundStation.Host.Link;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Authentication;
using GroundStation.Peer.Session;

namespace GroundStation.Gsctl.Recording;

/// <summary>What a recording ended with; <paramref name="Acquisition"/> says how acquisition was ended ("detectors 1-4 gated off").</summary>
internal sealed record RecordingOutcome(RecordingManifest Manifest, DistillationReport? Report, string? KeyPath, bool Live, string Acquisition);

/// <summary>
/// `gsctl record`: the station's host role during a pass, on a device link that survives cable pulls, writing the
/// recording as blocks arrive. Live (a peer session): the firmware's sifting is relayed to the transmitter, then the
/// pass is post-processed and the final key kept under keys/ once the session completed; if the session fails,
/// everything derived from it (the sifted key file) is deleted and no manifest is written. Post-pass (no session): the
/// station answers the firmware itself and keeps every detection (detections.gsk) for `gsctl postprocess`.
/// When <c>stop</c> fires, acquisition is ended first (<see cref="AcquisitionStop"/>: detectors gated off,
/// the clicks already tagged sifted) while the driver keeps answering; only then does the driver flush sifting, so a
/// recording stopped mid-pass settles like one whose pass ended.
/// </summary>
internal sealed class StationRecording(ResumingLink link, string directory)
{
    /// <summary>Device blocks written so far (for the progress line).</summary>
    public long Blocks => _writer?.Blocks ?? 0;

    private RecordingWriter? _writer;

    public RecordingOutcome Run(PeerSession? session, StationRole role, AuthenticationKeyPool? pool, CancellationToken stop,
        CancellationToken abort, Action<string>? status = null)
    {
        var live = session is not null;
        var info = session?.Info;
        var header = new KeyFileHeader(KeySide.Station, info?.StationId ?? "", info?.TransmitterId ?? "", info?.PassId ?? "");
        using var writer = _writer = new RecordingWriter(directory, header, live ? SiftedContent.Sifted : SiftedContent.Detections, []);
        role.Sifting.BlockDelivered += block => writer.AddBlock(block.Number, block.Entries);
        role.Sifting.VerdictReceived += verdict =>
        {
            if (!verdict.Accepted)
            {
                writer.AddDiscarded(verdict.Block);
            }
        };
        var driver = new StationDriver(session, role, new LinkFirmware(() => link.Current));
        link.Received = (type, payload) => driver.PostFromFirmware(type, payload);
        using var acquisitionEnded = new CancellationTokenSource();
        var run = Task.Run(() => driver.RunAsync(() => acquisitionEnded.IsCancellationRequested, abort, status));
        var stopped = "";
        try
        {
            // Not run.Wait: it would wrap the driver's one-line failure in an AggregateException (a stack trace).
            while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(100))
            {
                link.EnsureAlive();
                if (stop.IsCancellationRequested && !acquisitionEnded.IsCancellationRequested)
                {
                    status?.Invoke("stopping acquisition");
                    stopped = AcquisitionStop.Describe(AcquisitionStop.Stop(link.Current));
                    acquisitionEnded.Cancel();
                    driver.Wake();
                }

                status?.Invoke(stop.IsCancellationRequested ? "finishing" : "recording");
            }

            run.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is PeerSessionException or SiftingProtocolException or LinkException)
        {
            writer.Dispose();
            if (live)
            {
                File.Delete(Path.Combine(directory, RecordingWriter.SiftedFileName)); // derived from a failed session: not kept
            }

            throw new UserError($"the pass's session failed, nothing from it is kept: {e.Message}");
        }
        finally
        {
            link.Received = null;
        }

        if (!live)
        {
            return new RecordingOutcome(writer.Complete(RecordingManifest.PostPassMode), null, null, false, stopped);
        }

        var report = role.Distillation.Report() with { PoolSpentBits = session!.Counters.KeyBitsReserved };
        var keyPath = KeepKeys.Keep(new KeyStore(Path.Combine(directory, "keys")), role.KeyId, header,
            role.Distillation.FinalKey, role.Distillation.AuthSegment, pool);
        var json = ReportJson.ToJson(report);
        json["authentication"] = info!.Authentication.ToString();
        json["peerSession"] = $"{info.SessionId:X16}";
        return new RecordingOutcome(writer.Complete(RecordingManifest.LiveMode, json), report, keyPath, true, stopped);
    }
}
