namespace GroundStation.Protocol
{
    /// <summary>
    /// Layout of one frame (protocol/README.md, "Frames"). On the wire: 0x00, COBS(body), 0x00.
    /// Body, little-endian: type u8 | flags u8 | seq u32 | ack u32 | payload (0..MaxPayload) | CRC-16/CCITT-FALSE u16
    /// over everything before it.
    /// </summary>
    public static class Frame
    {
        public const byte Delimiter = 0x00;

        public const int TypeOffset = 0;
        public const int FlagsOffset = 1;
        public const int SeqOffset = 2;
        public const int AckOffset = 6;
        public const int HeaderLength = 10;
        public const int CrcLength = 2;

        /// <summary>The largest payload this protocol version allows. Endpoints may announce a smaller one.</summary>
        public const int MaxPayload = 1024;

        /// <summary>Largest body: header + payload + CRC.</summary>
        public const int MaxBody = HeaderLength + MaxPayload + CrcLength;

        /// <summary>Flag: the frame belongs to the sender's reliable stream; <c>seq</c> is its sequence number.</summary>
        public const byte FlagSequenced = 0x01;

        /// <summary>Flags this version defines; a frame with any other flag bit set is rejected.</summary>
        public const byte KnownFlags = FlagSequenced;

        /// <summary>Bytes on the wire for a payload of <paramref name="payloadLength"/> bytes, worst case.</summary>
        public static int MaxWireLength(int payloadLength)
        {
            return 2 + Cobs.MaxEncodedLength(HeaderLength + payloadLength + CrcLength);
        }

        /// <summary>Little-endian u32 at <paramref name="offset"/>.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset);
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        public static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)(buffer[offset] | (buffer[offset + 1] << 8));
        }

        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }
    }
}
