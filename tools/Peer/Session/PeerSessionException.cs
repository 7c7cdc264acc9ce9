namespace GroundStation.Peer.Session;

/// <summary>
/// The session ended with an error. The message is one line that names the cause ("tampered message: ..."). When
/// a session ends this way the caller keeps nothing derived from it (protocol/PEER.md section 9).
/// </summary>
public sealed class PeerSessionException(PeerErrorCode code, string message, bool reportedByPeer = false)
    : Exception(message)
{
    public PeerErrorCode Code { get; } = code;

    /// <summary>True when the peer detected the error and said so in an Error frame.</summary>
    public bool ReportedByPeer { get; } = reportedByPeer;

    internal static PeerSessionException Local(PeerErrorCode code, string detail) => new(code, $"{code.Describe()}: {detail}");
}

/// <summary>The connection (not the session) ended: the session resumes on a new connection.</summary>
internal sealed class PeerConnectionLostException(string message) : Exception(message);
