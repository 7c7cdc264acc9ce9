namespace GroundStation.Protocol
{
    /// <summary>
    /// Every message id on the serial link, in one place (protocol/README.md specifies each payload).
    /// Ranges are owned by areas so they grow without collisions:
    ///   0x01-0x0F link control (handshake, acknowledgements)     0x10-0x2F commands and replies
    ///   0x30-0x3F telemetry and events                           0x40-0x5F sifting (announce, match, sifted blocks, estimation)
    ///   0x60-0x6F calibration                                    0x70-0x7F raw detection dumps
    /// </summary>
    public enum MessageType : byte
    {
        /// <summary>Host to device: start of a session; carries the host's protocol version.</summary>
        Hello = 0x01,

        /// <summary>Device to host: identity (name, firmware version, board, protocol version).</summary>
        HelloReply = 0x02,
    }
}
