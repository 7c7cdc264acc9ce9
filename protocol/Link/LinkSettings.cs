namespace GroundStation.Protocol
{
    /// <summary>
    /// Sizes and timers of one link endpoint. The defaults suit the ESP32 at 921600 baud: 16 x 512-byte send slots
    /// (8 KiB of unacknowledged data), a 4-frame receive window, keepalives every 0.5 s, link loss after 3 s.
    /// </summary>
    public sealed class LinkSettings
    {
        public LinkSettings()
        {
            SendSlots = 16;
            ReceiveWindow = 4;
            MaxPayload = 512;
            KeepaliveMicroseconds = 500000;
            LinkTimeoutMicroseconds = 3000000;
            RetransmitTimeoutMicroseconds = 0;
            MaxRetransmitTimeoutMicroseconds = 0;
            TransmitAheadMicroseconds = 0;
            TelemetryEveryDataFrames = 8;
            ConsoleEcho = true;
        }

        /// <summary>Reliable messages held until acknowledged (the back-pressure limit).</summary>
        public int SendSlots { get; set; }

        /// <summary>Out-of-order frames this end holds (1..33); announced to the peer in the handshake.</summary>
        public int ReceiveWindow { get; set; }

        /// <summary>Largest payload this end sends and accepts (at most Frame.MaxPayload).</summary>
        public int MaxPayload { get; set; }

        /// <summary>With nothing else to send, an Ack goes out this often so the peer sees the link alive.</summary>
        public int KeepaliveMicroseconds { get; set; }

        /// <summary>No good frame for this long: the session is considered lost (the device returns to console).</summary>
        public int LinkTimeoutMicroseconds { get; set; }

        /// <summary>First retransmission timeout, counted from when the frame has left the UART; 0 = two largest
        /// frames' line time + 50 ms (67 ms at 921600 baud with 512-byte payloads).</summary>
        public int RetransmitTimeoutMicroseconds { get; set; }

        /// <summary>Cap of the doubling timeout; 0 = four times the first one. No congestion on a serial line to back off from.</summary>
        public int MaxRetransmitTimeoutMicroseconds { get; set; }

        /// <summary>How far ahead of the wire the UART queue may be filled; 0 = two largest frames' worth.</summary>
        public int TransmitAheadMicroseconds { get; set; }

        /// <summary>Under load, one telemetry frame may go out after this many data frames (and never more often).</summary>
        public int TelemetryEveryDataFrames { get; set; }

        /// <summary>The console echoes typed characters (a plain terminal does not echo locally).</summary>
        public bool ConsoleEcho { get; set; }
    }
}
