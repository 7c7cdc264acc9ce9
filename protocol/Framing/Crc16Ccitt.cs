namespace GroundStation.Protocol
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: width 16, polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor.
    /// Check value: "123456789" gives 0x29B1. It protects every frame body (header + payload); with frames of at
    /// most 1 KiB it detects every 1-, 2- and 3-bit error and every burst up to 16 bits.
    /// </summary>
    public static class Crc16Ccitt
    {
        public const ushort Initial = 0xFFFF;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>The CRC of <paramref name="count"/> bytes.</summary>
        public static ushort Compute(byte[] data, int offset, int count)
        {
            ushort crc = Initial;
            for (int i = 0; i < count; i++)
            {
                crc = Update(crc, data[offset + i]);
            }

            return crc;
        }

        /// <summary>Feeds one byte into a running CRC (start from <see cref="Initial"/>).</summary>
        public static ushort Update(ushort crc, byte value)
        {
            return (ushort)((crc << 8) ^ Table[((crc >> 8) ^ value) & 0xFF]);
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }

                table[i] = (ushort)crc;
            }

            return table;
        }
    }
}
