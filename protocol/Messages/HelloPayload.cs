namespace GroundStation.Protocol
{
    /// <summary>
    /// Hello (0x01), host to device, 14 bytes little-endian:
    /// major u8 | minor u8 | sessionId u32 | receiveNext u32 | receiveWindow u16 | maxPayload u16.
    /// sessionId 0 starts a new session; otherwise the host asks to resume that session and has received every
    /// device sequence number below receiveNext.
    /// </summary>
    public sealed class HelloPayload
    {
        public const int Length = 14;

        public int Major;
        public int Minor;
        public uint SessionId;
        public uint ReceiveNext;

        /// <summary>Out-of-order frames the host can hold: the device keeps at most this many in flight.</summary>
        public int ReceiveWindow;

        /// <summary>Largest payload the host accepts.</summary>
        public int MaxPayload;

        public int Write(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)Major;
            buffer[offset + 1] = (byte)Minor;
            Frame.WriteUInt32(buffer, offset + 2, SessionId);
            Frame.WriteUInt32(buffer, offset + 6, ReceiveNext);
            Frame.WriteUInt16(buffer, offset + 10, ReceiveWindow);
            Frame.WriteUInt16(buffer, offset + 12, MaxPayload);
            return Length;
        }

        /// <summary>Reads a payload; false when it is shorter than <see cref="Length"/> (longer ones: newer minor).</summary>
        public bool TryRead(byte[] buffer, int offset, int count)
        {
            if (count < Length)
            {
                return false;
            }

            Major = buffer[offset];
            Minor = buffer[offset + 1];
            SessionId = Frame.ReadUInt32(buffer, offset + 2);
            ReceiveNext = Frame.ReadUInt32(buffer, offset + 6);
            ReceiveWindow = Frame.ReadUInt16(buffer, offset + 10);
            MaxPayload = Frame.ReadUInt16(buffer, offset + 12);
            return true;
        }
    }
}
