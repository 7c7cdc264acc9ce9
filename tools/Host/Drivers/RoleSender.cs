using GroundStation.Host.Roles;
using GroundStation.Host.Sifting;
using GroundStation.Peer.Wire;
using GroundStation.Peer.Session;

namespace GroundStation.Host.Drivers;

/// <summary>Sends what a role queued for the peer, then flushes once: a burst of replies shares one frame.</summary>
internal static class RoleSender
{
    /// <summary>
    /// A message the role could not accept: contradicts its state (<see cref="SiftingProtocolException"/>), fails to
    /// decode (<see cref="PeerFormatException"/>) or is refused by the post-processing library's own checks
    /// (ArgumentException with a one-line reason). The session ends as a protocol violation.
    /// </summary>
    public static bool IsContradiction(Exception e) => e is SiftingProtocolException or PeerFormatException or ArgumentException;

    public static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");

    public static async Task<bool> SendToPeerAsync(RoleOutput output, PeerSession session, CancellationToken cancel)
    {
        if (output.ToPeer.Count == 0)
        {
            return false;
        }

        while (output.ToPeer.TryDequeue(out var message))
        {
            await session.SendAsync(message, cancel).ConfigureAwait(false);
        }

        session.Flush();
        return true;
    }
}
