namespace GroundStation.Peer.Wire;

/// <summary>Frame types of the peer link (protocol/PEER.md section 3). Hello and HelloReply are the only frames
/// without counter, ack and tag; every other frame is authenticated.</summary>
public enum FrameType : byte
{
    /// <summary>Initiator to responder: versions, roles, identities, modes, session, key ids, nonce.</summary>
    Hello = 0x01,

    /// <summary>Responder to initiator: the same fields from its side, plus a status.</summary>
    HelloReply = 0x02,

    /// <summary>Both ways, counter 0 of every connection: authenticates the handshake transcript.</summary>
    Confirm = 0x03,

    /// <summary>Both ways: consecutive messages of the reliable stream.</summary>
    Data = 0x04,

    /// <summary>Both ways: carries only the acknowledgement; also the keepalive.</summary>
    Ack = 0x05,

    /// <summary>Both ways: the sender has nothing more to send and everything it sent was acknowledged.</summary>
    Close = 0x06,

    /// <summary>Both ways: the session ends with an error (code and one line of text).</summary>
    Error = 0x07,
}
