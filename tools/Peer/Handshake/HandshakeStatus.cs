namespace GroundStation.Peer.Handshake;

/// <summary>The responder's verdict in HelloReply (protocol/PEER.md section 4.2). Anything but Accepted ends the attempt.</summary>
public enum HandshakeStatus : byte
{
    Accepted = 0,
    IncompatibleVersion = 1,
    RoleConflict = 2,
    IdentityRefused = 3,
    AuthenticationModeRefused = 4,
    KeyMismatch = 5,
    KeyPoolExhausted = 6,
    UnknownSession = 7,
    SessionBusy = 8,
    OptionsRefused = 9,
}

public static class HandshakeStatuses
{
    public static string Describe(this HandshakeStatus status) => status switch
    {
        HandshakeStatus.Accepted => "accepted",
        HandshakeStatus.IncompatibleVersion => "incompatible protocol version",
        HandshakeStatus.RoleConflict => "both sides claim the same role",
        HandshakeStatus.IdentityRefused => "station, transmitter or pass id refused",
        HandshakeStatus.AuthenticationModeRefused => "authentication mode refused",
        HandshakeStatus.KeyMismatch => "the two sides hold different keys (key id or key pool ledger differ)",
        HandshakeStatus.KeyPoolExhausted => "the authentication key pool is exhausted",
        HandshakeStatus.UnknownSession => "the peer does not know the session to resume (it restarted or gave up)",
        HandshakeStatus.SessionBusy => "the session id is already in use",
        HandshakeStatus.OptionsRefused => "operation, reconciliation or frame size refused",
        _ => $"unknown status {(byte)status}",
    };
}
