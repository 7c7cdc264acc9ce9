namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftedBlock"/>, ground station to host: the sifted key of block n after estimation
    /// removed the disclosed bits. Payload: varint block, then for each intensity class (signal, decoy, vacuum):
    /// varint bit count n_c, n_c key bits packed LSB first, n_c basis bits packed LSB first (bases are public; they
    /// let the host separate Z-basis key from X-basis bits in efficient BB84). Bits keep their sifting order.
    /// </summary>
    public static class SiftedBlockCodec
    {
        /// <summary>Largest payload for a block of <paramref name="bitCapacity"/> bits.</summary>
        public static int MaxLength(int bitCapacity)
        {
            // Per class a count varint (<= 3 bytes for 65535) and two bit arrays; split three ways, the bit arrays
            // take at most one partial byte more per class than the whole block packed.
            return SiftWire.MaxVarintBytes + SiftCodes.ClassCount * 3 + 2 * (SiftWire.BitBytes(bitCapacity) + SiftCodes.ClassCount);
        }

        /// <summary>Exact payload length for the given bit count per class.</summary>
        public static int Length(uint block, int[] classCounts)
        {
            int length = SiftWire.VarintLength(block);
            for (int c = 0; c < SiftCodes.ClassCount; c++)
            {
                length += SiftWire.VarintLength((ulong)classCounts[c]) + 2 * SiftWire.BitBytes(classCounts[c]);
            }

            return length;
        }

        /// <summary>
        /// Encodes a block stored interleaved in sifting order: key and basis bits packed, class codes packed 2 bits
        /// per bit. Returns the payload length or -1 when it does not fit.
        /// </summary>
        public static int Encode(byte[] destination, int offset, uint block, byte[] keyBits, byte[] basisBits, byte[] classPairs, int bitCount)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            for (int c = 0; c < SiftCodes.ClassCount && p >= 0; c++)
            {
                int n = 0;
                for (int i = 0; i < bitCount; i++)
                {
                    if (SiftWire.GetPair(classPairs, 0, i) == c)
                    {
                        n++;
                    }
                }

                p = SiftWire.WriteVarint(destination, p, end, (ulong)n);
                int bytes = SiftWire.BitBytes(n);
                if (p < 0 || p + 2 * bytes > end)
                {
                    return -1;
                }

                int keyStart = p;
                int basisStart = p + bytes;
                SiftWire.Zero(destination, p, 2 * bytes);
                int k = 0;
                for (int i = 0; i < bitCount; i++)
                {
                    if (SiftWire.GetPair(classPairs, 0, i) == c)
                    {
                        SiftWire.SetBit(destination, keyStart, k, SiftWire.GetBit(keyBits, 0, i));
                        SiftWire.SetBit(destination, basisStart, k, SiftWire.GetBit(basisBits, 0, i));
                        k++;
                    }
                }

                p += 2 * bytes;
            }

            return p < 0 ? -1 : p - offset;
        }

        /// <summary>
        /// Validates a payload and fills, per class, the bit count and where its key and basis bits start (3-entry
        /// caller arrays). Read the bits with SiftWire.GetBit(payload, keyStarts[c], i).
        /// </summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, int[] counts, int[] keyStarts, int[] basisStarts)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block))
            {
                return false;
            }
            for (int c = 0; c < SiftCodes.ClassCount; c++)
            {
                if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
                {
                    return false;
                }

                int n = (int)value;
                int bytes = SiftWire.BitBytes(n);
                if (end - p < 2 * bytes || !SiftWire.BitPaddingIsZero(payload, p, n) || !SiftWire.BitPaddingIsZero(payload, p + bytes, n))
                {
                    return false;
                }

                counts[c] = n;
                keyStarts[c] = p;
                basisStarts[c] = p + bytes;
                p += 2 * bytes;
            }

            return p == end;
        }
    }
}
