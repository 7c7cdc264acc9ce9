namespace GroundStation.Peer.Session;

/// <summary>Why a session ended (protocol/PEER.md section 9). Values 1-7 also travel in Error frames.</summary>
public enum PeerErrorCode : ushort
{
    /// <summary>A frame failed authentication (or could not be parsed) after the handshake: altered in transit.</summary>
    Tampered = 1,

    /// <summary>A frame repeated an earlier frame counter: a replay.</summary>
    Replayed = 2,

    /// <summary>A frame arrived ahead of its counter: frames reordered or one removed.</summary>
    Reordered = 3,

    /// <summary>The handshake confirmation failed: the two sides hold different keys (or the handshake was altered).</summary>
    WrongKey = 4,

    /// <summary>The authentication key pool has no pads left for the next frame.</summary>
    KeyPoolExhausted = 5,

    /// <summary>An authenticated frame or message broke the protocol (wrong sequence, window, role, size): a peer bug.</summary>
    ProtocolViolation = 6,

    /// <summary>The application ended the session (its reason is in the text).</summary>
    Aborted = 7,

    /// <summary>The peer refused the handshake, or its reply did not match (never sent in an Error frame).</summary>
    HandshakeRefused = 8,

    /// <summary>The connection was lost and not resumed in time (never sent in an Error frame).</summary>
    ConnectionLost = 9,
}

public static class PeerErrorCodes
{
    public static string Describe(this PeerErrorCode code) => code switch
    {
        PeerErrorCode.Tampered => "tampered message",
        PeerErrorCode.Replayed => "replayed message",
        PeerErrorCode.Reordered => "reordered or removed message",
        PeerErrorCode.WrongKey => "wrong key",
        PeerErrorCode.KeyPoolExhausted => "authentication key pool exhausted",
        PeerErrorCode.ProtocolViolation => "protocol violation",
        PeerErrorCode.Aborted => "aborted",
        PeerErrorCode.HandshakeRefused => "handshake refused",
        PeerErrorCode.ConnectionLost => "connection lost",
        _ => $"error {(ushort)code}",
    };
}
