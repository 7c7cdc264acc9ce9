namespace GroundStation.Protocol
{
    /// <summary>Hex text for binary records carried in console lines (CONF:EXP? / CONF:IMP).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        public static string Encode(byte[] data, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = Digits[data[offset + i] >> 4];
                chars[2 * i + 1] = Digits[data[offset + i] & 0xF];
            }

            return new string(chars);
        }

        /// <summary>Decodes into <paramref name="destination"/>; returns the byte count, or -1 when not valid hex or too long.</summary>
        public static int Decode(string text, byte[] destination)
        {
            if (text == null || text.Length % 2 != 0 || text.Length / 2 > destination.Length)
            {
                return -1;
            }

            for (int i = 0; i < text.Length / 2; i++)
            {
                int high = Nibble(text[2 * i]);
                int low = Nibble(text[2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return -1;
                }

                destination[i] = (byte)((high << 4) | low);
            }

            return text.Length / 2;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}
