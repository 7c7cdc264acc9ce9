namespace GroundStation.Protocol
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): removes every 0x00 from a block so 0x00 can
    /// delimit frames. Each run of up to 254 non-zero bytes is preceded by a code byte = run length + 1; a code below
    /// 0xFF means a zero followed the run in the original (except after the last run). Overhead: at most one byte
    /// per 254 bytes, plus one.
    /// The frame writer and decoder stream this encoding byte by byte; these block helpers serve tests and hosts.
    /// </summary>
    public static class Cobs
    {
        /// <summary>The largest encoded size of <paramref name="length"/> bytes (without delimiters).</summary>
        public static int MaxEncodedLength(int length)
        {
            return length + length / 254 + 1;
        }

        /// <summary>Encodes into <paramref name="destination"/>; returns the encoded length (no delimiter written).</summary>
        public static int Encode(byte[] source, int offset, int count, byte[] destination, int destinationOffset)
        {
            int write = destinationOffset + 1;
            int codeIndex = destinationOffset;
            byte code = 1;
            for (int i = 0; i < count; i++)
            {
                byte value = source[offset + i];
                if (value == 0)
                {
                    destination[codeIndex] = code;
                    codeIndex = write++;
                    code = 1;
                    continue;
                }

                destination[write++] = value;
                code++;
                if (code == 0xFF)
                {
                    destination[codeIndex] = code;
                    codeIndex = write++;
                    code = 1;
                }
            }

            destination[codeIndex] = code;
            return write - destinationOffset;
        }

        /// <summary>Decodes one encoded block (no delimiters); returns the decoded length, or -1 when malformed.</summary>
        public static int Decode(byte[] source, int offset, int count, byte[] destination, int destinationOffset)
        {
            int read = offset;
            int end = offset + count;
            int write = destinationOffset;
            while (read < end)
            {
                int code = source[read++];
                if (code == 0 || read + code - 1 > end)
                {
                    return -1;
                }

                for (int i = 1; i < code; i++)
                {
                    byte value = source[read++];
                    if (value == 0)
                    {
                        return -1;
                    }

                    destination[write++] = value;
                }

                if (code < 0xFF && read < end)
                {
                    destination[write++] = 0;
                }
            }

            return write - destinationOffset;
        }
    }
}
