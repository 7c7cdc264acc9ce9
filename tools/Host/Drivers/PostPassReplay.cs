using GroundStation.Host.Distillation;
using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Session;

namespace GroundStation.Host.Drivers;

/// <summary>
/// Post-pass sifting and post-processing (protocol/PEER.md section 8.5): the detections a station kept while it
/// answered the firmware itself (slot, basis, bit) are replayed through the firmware's own ground sifter in the host
/// (<see cref="ReplayFirmware"/>) against the transmitter, with the station's role and driver of a live pass. The
/// transmitter meets the same messages as live; they travel in few, large frames (the replay keeps many announcements
/// in flight), so the authentication pool pays for tens of frames instead of one per announcement.
/// </summary>
public static class PostPassReplay
{
    /// <summary>
    /// Runs it to the end; returns the role (its report, and the final key to keep now that the session completed).
    /// Throws <see cref="PeerSessionException"/> when the session failed: nothing from it may be kept.
    /// </summary>
    public static async Task<StationRole> RunAsync(IReadOnlyList<SiftedEntry> detections, PeerSession session, DistillationSettings settings,
        CancellationToken cancel = default, Action<string>? status = null)
    {
        var role = new StationRole(EstimationPolicy.Default, settings, KeyIds.For(session.Info!.PassId, session.SessionId),
            () => session.Counters.KeyBitsReserved);
        var ppm = (int)Math.Round(settings.ReceiverZProbability * 1e6);
        var replay = new ReplayFirmware(detections, settings.Random(RandomPurpose.EstimationSamples), ppm);
        await new StationDriver(session, role, replay).RunAsync(() => replay.AllFed, cancel, status).ConfigureAwait(false);
        return role;
    }

    /// <summary>The detections of a post-pass recording's blocks, in slot order (the class is not known yet).</summary>
    public static List<SiftedEntry> Detections(IEnumerable<LedgerBlock> delivered) =>
        delivered.OrderBy(b => b.Number).SelectMany(b => b.Entries).Select(e => e with { IntensityClass = 0 }).ToList();
}
