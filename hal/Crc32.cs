namespace GroundStation.Hal
{
    /// <summary>
    /// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), the checksum of zlib and
    /// Ethernet. Check value: "123456789" gives 0xCBF43926. Table-driven, allocation-free after the type initialiser.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        /// <summary>Initial register value for incremental use with <see cref="Update"/> and <see cref="Finish"/>.</summary>
        public const uint Start = 0xFFFFFFFF;

        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
