using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Session;

public enum PeerSessionState
{
    Connecting,

    /// <summary>A connection is up and authenticated frames flow.</summary>
    Connected,

    /// <summary>The connection was lost; the initiator reconnects, the responder waits, for at most the resume timeout.</summary>
    Resuming,

    /// <summary>Both sides closed after everything was delivered: results may be kept.</summary>
    Completed,

    /// <summary>Ended with an error: nothing derived from the session may be kept.</summary>
    Failed,
}

/// <summary>A state change with a one-line detail ("connected over tcp 10.0.0.2:4711, resumed at message 5120").</summary>
public sealed class PeerSessionStateChange(PeerSessionState state, string detail) : EventArgs
{
    public PeerSessionState State { get; } = state;

    public string Detail { get; } = detail;

    public override string ToString() => $"{State}: {Detail}";
}

/// <summary>What the session's handshake settled (identities, modes); the same on both sides.</summary>
public sealed record PeerSessionInfo(
    ulong SessionId,
    PeerRole Role,
    string StationId,
    string TransmitterId,
    string PassId,
    AuthenticationMode Authentication,
    PeerOperation Operation,
    ReconciliationMethod Reconciliation,
    int FrameBits)
{
    /// <summary>The log line: names the authentication mode plainly (COMPUTATIONAL ONLY for HMAC).</summary>
    public string Describe() =>
        $"peer session {SessionId:X16}: {Role.Name()} of station '{StationId}', transmitter '{TransmitterId}', pass '{PassId}'; " +
        $"{Operation.Describe()}, {Reconciliation.Describe()}, {FrameBits}-bit frames; authentication {Authentication.Describe()}";

    internal static PeerSessionInfo From(HelloFrame local, HelloFrame agreed) => new(agreed.SessionId, local.Role, agreed.StationId,
        agreed.TransmitterId, agreed.PassId, agreed.Authentication, agreed.Operation, agreed.Reconciliation, agreed.FrameBits);
}
