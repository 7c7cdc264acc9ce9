namespace GroundStation.Peer.Messages;

/// <summary>One message of the reliable stream: type and payload (a codec in this folder reads and writes it).
/// ToString shows the size only: payloads may carry key-derived data.</summary>
public sealed record PeerMessage(PeerMessageType Type, byte[] Payload)
{
    public override string ToString() => $"{Type} ({Payload.Length} bytes)";
}
