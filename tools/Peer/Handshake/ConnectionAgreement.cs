namespace GroundStation.Peer.Handshake;

/// <summary>One connection's handshake: both Hello frames as sent (the transcript the Confirm frames authenticate)
/// and what follows from them.</summary>
internal sealed record ConnectionAgreement(HelloFrame Initiator, HelloFrame Responder, byte[] Transcript)
{
    /// <summary>The first pool byte neither side has used: where this connection's hash key and pads start.</summary>
    public long PoolStart => Math.Max(Initiator.PoolUsedBytes, Responder.PoolUsedBytes);

    public int EpochFrames => Math.Min(Initiator.EpochFrames, Responder.EpochFrames);

    public HelloFrame Of(PeerRole role) => Initiator.Role == role ? Initiator : Responder;
}
