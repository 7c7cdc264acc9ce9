using GroundStation.Hal;

namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// The primitives every sifting payload is built from: unsigned LEB128 varints and bit arrays packed
    /// least-significant bit first (item i lives in byte i / 8, bit i % 8; 2-bit items in byte i / 4, bits 2*(i % 4)).
    /// Readers never throw on bad input: they report failure so the caller counts a malformed payload.
    /// </summary>
    public static class SiftWire
    {
        /// <summary>Longest varint accepted (a full 64-bit value).</summary>
        public const int MaxVarintBytes = 10;

        /// <summary>Bytes the varint encoding of <paramref name="value"/> takes (1..10).</summary>
        public static int VarintLength(ulong value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }

            return length;
        }

        /// <summary>Bytes the varint encoding of a non-negative <paramref name="value"/> (a slot or slot delta) takes.</summary>
        /// <remarks>Slots stay long end to end: a (ulong) cast would carry the signed tag on nanoCLR (DEVICE_CODING.md).</remarks>
        public static int NonNegativeVarintLength(long value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }

            return length;
        }

        /// <summary>Writes a non-negative <paramref name="value"/>; as <see cref="WriteVarint(byte[], int, int, ulong)"/>.</summary>
        public static int WriteNonNegativeVarint(byte[] buffer, int position, int end, long value)
        {
            while (value >= 0x80)
            {
                if (position >= end)
                {
                    return -1;
                }

                buffer[position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            if (position >= end)
            {
                return -1;
            }

            buffer[position++] = (byte)value;
            return position;
        }

        /// <summary>Writes <paramref name="value"/> at <paramref name="position"/>; returns the position after it, or -1 when it does not fit before <paramref name="end"/>.</summary>
        public static int WriteVarint(byte[] buffer, int position, int end, ulong value)
        {
            while (value >= 0x80)
            {
                if (position >= end)
                {
                    return -1;
                }

                buffer[position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            if (position >= end)
            {
                return -1;
            }

            buffer[position++] = (byte)value;
            return position;
        }

        /// <summary>
        /// Reads a varint at <paramref name="position"/> (advanced past it). False when the buffer ends first, the
        /// encoding is longer than 10 bytes, overflows 64 bits, or is not minimal (a trailing zero byte): one value,
        /// one encoding, so a payload cannot be altered without changing its bytes' meaning.
        /// </summary>
        public static bool TryReadVarint(byte[] buffer, ref int position, int end, out ulong value)
        {
            value = 0;
            int shift = 0;
            for (int i = 0; i < MaxVarintBytes; i++)
            {
                if (position >= end)
                {
                    return false;
                }

                byte b = buffer[position++];
                if (i == MaxVarintBytes - 1 && b > 1)
                {
                    return false;
                }

                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return i == 0 || b != 0;
                }

                shift += 7;
            }

            return false;
        }

        /// <summary>Reads a varint that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public static bool TryReadBounded(byte[] buffer, ref int position, int end, ulong min, ulong max, out ulong value)
        {
            return TryReadVarint(buffer, ref position, end, out value) && value >= min && value <= max;
        }

        /// <summary>A varint that must lie in [<paramref name="min"/>, <paramref name="max"/>], 0 &lt;= min (slots).</summary>
        public static bool TryReadNonNegative(byte[] buffer, ref int position, int end, long min, long max, out long value)
        {
            ulong wide;
            value = 0;
            if (!TryReadVarint(buffer, ref position, end, out wide) || wide > 0x7FFFFFFFFFFFFFFFUL)
            {
                return false;
            }

            value = Reinterpret.AsInt64(wide);
            return value >= min && value <= max;
        }

        /// <summary>A varint that must fit 32 bits (block and batch numbers).</summary>
        public static bool TryReadUInt32(byte[] buffer, ref int position, int end, out uint value)
        {
            ulong wide;
            bool ok = TryReadBounded(buffer, ref position, end, 0, uint.MaxValue, out wide);
            value = ok ? (uint)wide : 0;
            return ok;
        }

        /// <summary>Bytes needed for <paramref name="count"/> 1-bit items.</summary>
        public static int BitBytes(int count)
        {
            return (count + 7) >> 3;
        }

        /// <summary>Bytes needed for <paramref name="count"/> 2-bit items.</summary>
        public static int PairBytes(int count)
        {
            return (count + 3) >> 2;
        }

        public static int GetBit(byte[] buffer, int start, int index)
        {
            return (buffer[start + (index >> 3)] >> (index & 7)) & 1;
        }

        /// <summary>Sets bit <paramref name="index"/> to the low bit of <paramref name="bit"/> (clears it when 0).</summary>
        public static void SetBit(byte[] buffer, int start, int index, int bit)
        {
            int i = start + (index >> 3);
            int mask = 1 << (index & 7);
            if ((bit & 1) != 0)
            {
                buffer[i] = (byte)(buffer[i] | mask);
            }
            else
            {
                buffer[i] = (byte)(buffer[i] & ~mask);
            }
        }

        public static int GetPair(byte[] buffer, int start, int index)
        {
            return (buffer[start + (index >> 2)] >> ((index & 3) << 1)) & 3;
        }

        public static void SetPair(byte[] buffer, int start, int index, int value)
        {
            int i = start + (index >> 2);
            int shift = (index & 3) << 1;
            buffer[i] = (byte)((buffer[i] & ~(3 << shift)) | ((value & 3) << shift));
        }

        /// <summary>True when the unused high bits of the last byte of a packed 1-bit array are zero (canonical form).</summary>
        public static bool BitPaddingIsZero(byte[] buffer, int start, int count)
        {
            int used = count & 7;
            return used == 0 || (buffer[start + (count >> 3)] >> used) == 0;
        }

        /// <summary>True when the unused high bits of the last byte of a packed 2-bit array are zero.</summary>
        public static bool PairPaddingIsZero(byte[] buffer, int start, int count)
        {
            int used = count & 3;
            return used == 0 || (buffer[start + (count >> 2)] >> (used << 1)) == 0;
        }

        /// <summary>
        /// Index of the first set bit at or after <paramref name="from"/> in a packed 1-bit array of
        /// <paramref name="count"/> items, or <paramref name="count"/> when there is none. Whole zero bytes are
        /// skipped at once, so walking a sparse mask (an estimation sample) costs little per item.
        /// </summary>
        public static int NextSetBit(byte[] buffer, int start, int from, int count)
        {
            int i = from;
            while (i < count)
            {
                int rest = buffer[start + (i >> 3)] >> (i & 7);
                if (rest != 0)
                {
                    // Trailing zeros of a byte in three steps (no table: nothing to allocate).
                    if ((rest & 0xF) == 0)
                    {
                        rest >>= 4;
                        i += 4;
                    }

                    if ((rest & 3) == 0)
                    {
                        rest >>= 2;
                        i += 2;
                    }

                    if ((rest & 1) == 0)
                    {
                        i++;
                    }

                    return i < count ? i : count;
                }

                i = (i | 7) + 1;
            }

            return count;
        }

        /// <summary>Zeroes <paramref name="count"/> bytes (device code has no Span.Clear).</summary>
        public static void Zero(byte[] buffer, int start, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[start + i] = 0;
            }
        }
    }
}
