namespace GroundStation.Protocol
{
    /// <summary>
    /// Every message id on the serial link, in one place (protocol/README.md specifies each payload).
    /// Ranges are owned by areas so they grow without collisions:
    ///   0x01-0x0F link control (handshake, acknowledgements)     0x10-0x2F commands and replies
    ///   0x30-0x3F telemetry and events                           0x40-0x5F sifting (announce, match, sifted blocks, estimation)
    ///   0x60-0x6F calibration                                    0x70-0x7F raw detection dumps
    /// A receiver ignores (and counts) an unsequenced message it does not know; sequenced ones are delivered to the
    /// handler registered for the id, or dropped after acknowledgement when there is none.
    /// </summary>
    public enum MessageType : byte
    {
        /// <summary>Host to device: start or resume a session; carries the host's protocol version (HelloPayload).</summary>
        Hello = 0x01,

        /// <summary>Device to host: identity (name, firmware version, board, protocol version), session (HelloReplyPayload).</summary>
        HelloReply = 0x02,

        /// <summary>Either way, unsequenced: cumulative ack in the header + selective-ack bitmap; also the keepalive.</summary>
        Ack = 0x03,

        /// <summary>Either way, unsequenced, no payload: the session ends; the device returns to console mode.</summary>
        Bye = 0x04,

        /// <summary>Device to host, unsequenced: link counters (LinkStatusPayload).</summary>
        LinkStatus = 0x05,

        /// <summary>Host to device, unsequenced: one SCPI command line, executed by the console's command table.</summary>
        Command = 0x10,

        /// <summary>Device to host, unsequenced: the reply to one Command (request id, status, text).</summary>
        CommandReply = 0x11,

        // ---- 0x30-0x3F telemetry and events (payloads: protocol/Telemetry/TelemetryRecord.cs) ----

        /// <summary>Device to host, once per second and on request: a <see cref="TelemetryRecord"/> (unreliable, latest wins).</summary>
        Telemetry = 0x30,

        // ---- 0x40-0x5F sifting (payloads: protocol/Sifting/README.md, codecs in protocol/Sifting) ----

        /// <summary>Ground station to satellite side (via host): (slot, basis) of a batch of detections; never bit values.</summary>
        SiftAnnounce = 0x40,

        /// <summary>Satellite side to ground station (via host): match mask and intensity class of each announced slot.</summary>
        SiftMatch = 0x41,

        /// <summary>Ground station to host and satellite side: a sifted block closed, with its bit count per class.</summary>
        SiftBlockClosed = 0x42,

        /// <summary>Host to ground station: disclose a random sample of a closed block for parameter estimation.</summary>
        SiftEstimateRequest = 0x43,

        /// <summary>Ground station to satellite side: the sampled positions and the disclosed ground bits.</summary>
        SiftEstimateSample = 0x44,

        /// <summary>Satellite side to ground station: the satellite's bits at the sampled positions.</summary>
        SiftEstimateReference = 0x45,

        /// <summary>Ground station to host and satellite side: QBER counts per class and basis, accepted or alarm.</summary>
        SiftEstimateResult = 0x46,

        /// <summary>Ground station to host: the sifted key bits of an accepted block, per intensity class.</summary>
        SiftedBlock = 0x47,

        /// <summary>Ground station to host: intrusion alarm (QBER above threshold); the block was discarded.</summary>
        SiftAlarm = 0x48,

        /// <summary>Host to ground station: end of pass; announce the partial batch and close the partial block.</summary>
        SiftFlush = 0x49,
    }
}
