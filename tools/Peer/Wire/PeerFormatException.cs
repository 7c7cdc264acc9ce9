namespace GroundStation.Peer.Wire;

/// <summary>A frame or message that does not follow protocol/PEER.md; the message is one line naming the field.</summary>
public sealed class PeerFormatException(string message) : Exception(message);
