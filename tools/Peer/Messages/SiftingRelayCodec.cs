using GroundStation.Peer.Wire;
using GroundStation.Protocol;

namespace GroundStation.Peer.Messages;

/// <summary>
/// The sifting payloads of the serial link (protocol/Sifting/README.md) carried over the peer link byte for byte,
/// under the same type numbers. Their content is checked by the protocol/Sifting codecs where they are used.
/// </summary>
public static class SiftingRelayCodec
{
    /// <summary>True for the sifting messages that travel between the station and the transmitter side.</summary>
    public static bool IsRelayed(MessageType type) => type is MessageType.SiftAnnounce or MessageType.SiftMatch
        or MessageType.SiftBlockClosed or MessageType.SiftEstimateSample or MessageType.SiftEstimateReference
        or MessageType.SiftEstimateResult;

    public static PeerMessage Wrap(MessageType type, byte[] payload)
    {
        if (!IsRelayed(type))
        {
            throw new ArgumentException($"{type} stays on the serial link; it is not relayed to the peer.");
        }

        return new PeerMessage((PeerMessageType)(byte)type, payload);
    }

    public static (MessageType Type, byte[] Payload) Unwrap(PeerMessage message)
    {
        var type = (MessageType)(byte)message.Type;
        if (!IsRelayed(type))
        {
            throw new PeerFormatException($"{message.Type} is not a relayed sifting message.");
        }

        return (type, message.Payload);
    }
}
