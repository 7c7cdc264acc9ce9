namespace GroundStation.Protocol
{
    /// <summary>
    /// Little-endian integers in byte arrays, for fixed-layout records (telemetry, configuration). BitConverter's
    /// byte order is the machine's and its GetBytes allocates; these do neither.
    /// </summary>
    public static class LittleEndian
    {
        /// <summary>Writes the low <paramref name="bytes"/> bytes of <paramref name="value"/>; returns the next offset.</summary>
        public static int Write(byte[] buffer, int offset, int value, int bytes)
        {
            for (int i = 0; i < bytes; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }

            return offset + bytes;
        }

        public static int Write64(byte[] buffer, int offset, long value)
        {
            Write(buffer, offset, (int)value, 4);
            return Write(buffer, offset + 4, (int)(value >> 32), 4);
        }

        /// <summary>Reads <paramref name="bytes"/> bytes as an unsigned value (1, 2 or 4 bytes; 4 bytes may read negative).</summary>
        public static int Read(byte[] buffer, int offset, int bytes)
        {
            int value = 0;
            for (int i = 0; i < bytes; i++)
            {
                value |= buffer[offset + i] << (8 * i);
            }

            return value;
        }

        /// <summary>Reads a two-byte value as a signed 16-bit integer.</summary>
        public static int ReadInt16(byte[] buffer, int offset)
        {
            return (short)Read(buffer, offset, 2);
        }

        /// <summary>Reads four bytes as an unsigned 32-bit value.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }

        /// <summary>Writes the four bytes of an unsigned 32-bit value; returns the next offset.</summary>
        public static int WriteUInt32(byte[] buffer, int offset, uint value)
        {
            for (int i = 0; i < 4; i++)
            {
                buffer[offset + i] = (byte)(value >> (8 * i));
            }

            return offset + 4;
        }

        public static long Read64(byte[] buffer, int offset)
        {
            // Built from int halves (int -> long is conv.i8, typed signed on nanoCLR; a uint would widen unsigned).
            long low = Read(buffer, offset, 4) & 0xFFFFFFFFL;
            long high = (long)Read(buffer, offset + 4, 4) << 32;
            return high | low;
        }
    }
}
