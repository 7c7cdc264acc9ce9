using GroundStation.Peer.Handshake;

namespace GroundStation.Peer.Messages;

/// <summary>Which role sends each message type (protocol/PEER.md section 5); the session refuses a message from the wrong side.</summary>
public static class PeerMessageCatalog
{
    /// <summary>The role that sends <paramref name="type"/>; null when both may (KeyCommit) or the type is unknown.</summary>
    public static PeerRole? Sender(PeerMessageType type) => type switch
    {
        PeerMessageType.SiftAnnounce or PeerMessageType.SiftBlockClosed or PeerMessageType.SiftEstimateSample
            or PeerMessageType.SiftEstimateResult or PeerMessageType.SiftingComplete or PeerMessageType.CascadeSetup
            or PeerMessageType.ParityRequest or PeerMessageType.FrameVerdict or PeerMessageType.FiniteKeyInput
            or PeerMessageType.FrameCorrected => PeerRole.Station,
        PeerMessageType.SiftMatch or PeerMessageType.SiftEstimateReference or PeerMessageType.ParityReply
            or PeerMessageType.LdpcSyndrome or PeerMessageType.VerificationTag or PeerMessageType.ToeplitzSeed
            or PeerMessageType.TestBasisBits or PeerMessageType.SourceParameters => PeerRole.Transmitter,
        _ => null,
    };

    public static bool IsKnown(PeerMessageType type) => Enum.IsDefined(type);

    /// <summary>True when <paramref name="role"/> may send <paramref name="type"/>.</summary>
    public static bool MaySend(PeerRole role, PeerMessageType type) =>
        IsKnown(type) && (Sender(type) is null || Sender(type) == role);
}
