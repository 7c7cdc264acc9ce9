using GroundStation.Protocol;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// What sifting needs from the serial link: room to send, and a send. The application wires it to the reliable
    /// channel. Sifting asks <see cref="CanAccept"/> before every <see cref="Send"/> and never sends when refused, so a
    /// slow host pauses announcements instead of losing them (protocol/Sifting/README.md, back-pressure).
    /// </summary>
    public interface ISiftingLink
    {
        /// <summary>True when a payload of <paramref name="payloadBytes"/> bytes can be queued now.</summary>
        bool CanAccept(int payloadBytes);

        /// <summary>Queues one message. The link must copy the bytes before returning: sifting reuses its buffer.</summary>
        void Send(MessageType type, byte[] payload, int offset, int count);
    }
}
