using System.Security.Cryptography;
using GroundStation.Peer.Session;

namespace GroundStation.Peer.Handshake;

/// <summary>
/// What each side puts in its Hello and how the other judges it (protocol/PEER.md section 4.3). Pure functions of
/// the two Hello records, so both sides reach the same verdict and tests check every rule.
/// </summary>
internal static class HandshakeRules
{
    public const int MinFrameBits = 1 << 10;

    public const int MaxFrameBits = 1 << 29;

    public static HelloFrame LocalHello(PeerSessionOptions o, ulong sessionId, bool resume, long receiveNext) => new()
    {
        Role = o.Role,
        Authentication = o.Credentials.Mode,
        Operation = o.Operation,
        Reconciliation = o.Reconciliation,
        Resume = resume,
        SessionId = sessionId,
        ReceiveNext = receiveNext,
        Nonce = RandomNumberGenerator.GetBytes(16),
        ReceiveWindowMessages = o.ReceiveWindowMessages,
        ReceiveWindowBytes = o.ReceiveWindowBytes,
        MaxFrameBytes = o.MaxFrameBytes,
        EpochFrames = o.EpochFrames,
        FrameBits = o.FrameBits,
        KeyId = o.Credentials.KeyId,
        LedgerDigest = o.Credentials.LedgerDigest,
        PoolUsedBytes = o.Credentials.PoolUsedBytes,
        PoolBytes = o.Credentials.PoolBytes,
        StationId = o.StationId,
        TransmitterId = o.TransmitterId,
        PassId = o.PassId,
    };

    /// <summary>
    /// The responder's verdict on a Hello, and its reply: its own values, the initiator's session choices adopted.
    /// <paramref name="local"/> is the responder's own Hello (from <see cref="LocalHello"/>).
    /// </summary>
    public static (HelloFrame Reply, string Detail) Judge(HelloFrame hello, HelloFrame local, PeerCredentials credentials)
    {
        var reply = local with
        {
            Operation = hello.Operation,
            Reconciliation = hello.Reconciliation,
            FrameBits = hello.FrameBits,
            SessionId = hello.SessionId,
            Resume = hello.Resume,
            StationId = local.StationId.Length > 0 ? local.StationId : hello.StationId,
            PassId = local.PassId.Length > 0 ? local.PassId : hello.PassId,
        };
        var (status, detail) = Verdict(hello, reply, credentials);
        return (reply with { Status = status }, detail);
    }

    private static (HandshakeStatus, string) Verdict(HelloFrame hello, HelloFrame local, PeerCredentials credentials)
    {
        if (hello.VersionMajor != local.VersionMajor)
        {
            return (HandshakeStatus.IncompatibleVersion, $"the initiator speaks version {hello.VersionMajor}.{hello.VersionMinor}, this side {local.VersionMajor}.{local.VersionMinor}");
        }

        if (hello.Role == local.Role)
        {
            return (HandshakeStatus.RoleConflict, $"both sides are the {local.Role.Name()}");
        }

        if (hello.Authentication != local.Authentication)
        {
            return (HandshakeStatus.AuthenticationModeRefused, $"the initiator authenticates {hello.Authentication.Describe()}, this side {local.Authentication.Describe()}");
        }

        if (!hello.KeyId.AsSpan().SequenceEqual(local.KeyId) || !hello.LedgerDigest.AsSpan().SequenceEqual(local.LedgerDigest) || hello.PoolBytes != local.PoolBytes)
        {
            return (HandshakeStatus.KeyMismatch, KeyMismatchDetail(hello, local));
        }

        if (hello.TransmitterId != local.TransmitterId || hello.StationId != local.StationId || hello.PassId != local.PassId)
        {
            return (HandshakeStatus.IdentityRefused,
                $"the initiator asks for station '{hello.StationId}', transmitter '{hello.TransmitterId}', pass '{hello.PassId}'; this side is station '{local.StationId}', transmitter '{local.TransmitterId}', pass '{local.PassId}'");
        }

        if (hello.FrameBits is < MinFrameBits or > MaxFrameBits || hello.ReceiveWindowMessages < 1 || hello.ReceiveWindowBytes < 1
            || hello.MaxFrameBytes < Wire.PeerWire.MinMaxFrameBytes)
        {
            return (HandshakeStatus.OptionsRefused,
                $"frame bits {hello.FrameBits}, window {hello.ReceiveWindowMessages} messages / {hello.ReceiveWindowBytes} bytes, frame limit {hello.MaxFrameBytes} bytes: out of range");
        }

        var start = Math.Max(hello.PoolUsedBytes, local.PoolUsedBytes);
        var epoch = Math.Min(hello.EpochFrames, local.EpochFrames);
        if (credentials.FramesAvailable(start, epoch) < 2)
        {
            return (HandshakeStatus.KeyPoolExhausted,
                $"the pool has {Math.Max(0, local.PoolBytes - start)} unused bytes from byte {start}; a connection needs {16 + 32L * epoch}");
        }

        return (HandshakeStatus.Accepted, "");
    }

    /// <summary>The initiator's check of the reply; throws <see cref="PeerSessionException"/> (HandshakeRefused or KeyPoolExhausted).</summary>
    public static void CheckReply(HelloFrame hello, HelloFrame reply)
    {
        if (reply.Status != HandshakeStatus.Accepted)
        {
            var code = reply.Status == HandshakeStatus.KeyPoolExhausted ? PeerErrorCode.KeyPoolExhausted : PeerErrorCode.HandshakeRefused;
            var detail = reply.Status == HandshakeStatus.KeyMismatch ? $": {KeyMismatchDetail(hello, reply)}" : "";
            throw PeerSessionException.Local(code, $"the {reply.Role.Name()} refused the session: {reply.Status.Describe()}{detail}");
        }

        string? mismatch =
            reply.VersionMajor != hello.VersionMajor ? $"version {reply.VersionMajor}.{reply.VersionMinor}" :
            reply.Role == hello.Role ? $"role {reply.Role.Name()} (the same as this side)" :
            reply.Authentication != hello.Authentication ? $"authentication {reply.Authentication.Describe()}" :
            !reply.KeyId.AsSpan().SequenceEqual(hello.KeyId) || !reply.LedgerDigest.AsSpan().SequenceEqual(hello.LedgerDigest) ? KeyMismatchDetail(hello, reply) :
            reply.StationId != hello.StationId || reply.TransmitterId != hello.TransmitterId || reply.PassId != hello.PassId
                ? $"identities {reply.StationId}/{reply.TransmitterId}/{reply.PassId}" :
            reply.Operation != hello.Operation || reply.Reconciliation != hello.Reconciliation || reply.FrameBits != hello.FrameBits
                ? "operation, reconciliation or frame size" :
            reply.SessionId != hello.SessionId || reply.Resume != hello.Resume ? $"session {reply.SessionId:X16}" :
            reply.ReceiveWindowMessages < 1 || reply.ReceiveWindowBytes < 1 || reply.MaxFrameBytes < Wire.PeerWire.MinMaxFrameBytes
                ? "window or frame limit out of range" : null;
        if (mismatch is not null)
        {
            throw PeerSessionException.Local(PeerErrorCode.HandshakeRefused, $"the {reply.Role.Name()}'s reply does not match this side's Hello: {mismatch}");
        }
    }

    private static string KeyMismatchDetail(HelloFrame a, HelloFrame b) =>
        a.Authentication == AuthenticationMode.ComputationalHmacSha256
            ? $"wrong pre-shared key: the {a.Role.Name()} has key id {Short(a.KeyId)}, the {b.Role.Name()} {Short(b.KeyId)}"
            : $"wrong key pool: the {a.Role.Name()} has pool {Short(a.KeyId)} with ledger {Short(a.LedgerDigest)} ({a.PoolBytes} bytes), the {b.Role.Name()} pool {Short(b.KeyId)} with ledger {Short(b.LedgerDigest)} ({b.PoolBytes} bytes)";

    private static string Short(byte[] id) => Convert.ToHexString(id)[..8] + "...";
}
