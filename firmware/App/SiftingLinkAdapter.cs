using GroundStation.Firmware.Sifting;
using GroundStation.Protocol;

namespace GroundStation.Firmware.App
{
    /// <summary>Sifting's view of the link: the reliable channel of the device endpoint, with its back-pressure.</summary>
    internal sealed class SiftingLinkAdapter : ISiftingLink
    {
        private readonly DeviceEndpoint _link;

        public SiftingLinkAdapter(DeviceEndpoint link)
        {
            _link = link;
        }

        /// <summary>Messages sifting had to hold back because the link was full (the host is slow).</summary>
        public long Refused { get; private set; }

        public bool CanAccept(int payloadBytes)
        {
            return _link.CanAccept(payloadBytes);
        }

        public void Send(MessageType type, byte[] payload, int offset, int count)
        {
            if (!_link.SendReliable(type, payload, offset, count))
            {
                // Sifting asks CanAccept first, so this only happens if the link changed state in between
                // (e.g. the host went away); sifting keeps its data and retries.
                Refused++;
            }
        }
    }
}
