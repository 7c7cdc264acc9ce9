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
        /// Encodes a block kept as one 4-bit code per bit (<paramref name="codes"/>: bit i in the low nibble of byte
        /// i/2 when i is even, the high nibble when odd; code = key | basis &lt;&lt; 1 | class &lt;&lt; 2), the ground
        /// sifter's layout. Class 3 (not sent, never sifted) marks a bit to leave out (disclosed by estimation).
        /// <paramref name="classCounts"/>: bits per class 0..2 in the codes, checked (-1 when they disagree). One pass
        /// over the bits; the same payload as <see cref="Encode"/> for the same bits.
        /// </summary>
        public static int EncodeCodes(byte[] destination, int offset, uint block, byte[] codes, int bitCount, int[] classCounts)
        {
            int end = destination.Length;
            int n0 = classCounts[SiftCodes.ClassSignal];
            int n1 = classCounts[SiftCodes.ClassDecoy];
            int n2 = classCounts[SiftCodes.ClassVacuum];
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            int key0 = Section(destination, ref p, end, n0);
            int key1 = Section(destination, ref p, end, n1);
            int key2 = Section(destination, ref p, end, n2);
            if (p < 0)
            {
                return -1;
            }

            int basis0 = key0 + SiftWire.BitBytes(n0);
            int basis1 = key1 + SiftWire.BitBytes(n1);
            int basis2 = key2 + SiftWire.BitBytes(n2);

            // Per class: the bits of the byte being assembled (key and basis), and how many bits are placed. A byte is
            // stored when full, the last partial one at the end.
            int k0 = 0;
            int k1 = 0;
            int k2 = 0;
            int place;
            int keyBits0 = 0;
            int basisBits0 = 0;
            int keyBits1 = 0;
            int basisBits1 = 0;
            int keyBits2 = 0;
            int basisBits2 = 0;
            for (int i = 0; i < bitCount; i++)
            {
                int code = (codes[i >> 1] >> ((i & 1) << 2)) & 0xF;
                int c = code >> 2;
                if (c == SiftCodes.ClassSignal)
                {
                    place = k0 & 7;
                    keyBits0 |= (code & 1) << place;
                    basisBits0 |= ((code >> 1) & 1) << place;
                    if (place == 7)
                    {
                        if (k0 >= n0)
                        {
                            return -1; // more bits of the class than counted (checked where a byte is written)
                        }

                        destination[key0 + (k0 >> 3)] = (byte)keyBits0;
                        destination[basis0 + (k0 >> 3)] = (byte)basisBits0;
                        keyBits0 = 0;
                        basisBits0 = 0;
                    }

                    k0++;
                }
                else if (c == SiftCodes.ClassDecoy)
                {
                    place = k1 & 7;
                    keyBits1 |= (code & 1) << place;
                    basisBits1 |= ((code >> 1) & 1) << place;
                    if (place == 7)
                    {
                        if (k1 >= n1)
                        {
                            return -1; // more bits of the class than counted (checked where a byte is written)
                        }

                        destination[key1 + (k1 >> 3)] = (byte)keyBits1;
                        destination[basis1 + (k1 >> 3)] = (byte)basisBits1;
                        keyBits1 = 0;
                        basisBits1 = 0;
                    }

                    k1++;
                }
                else if (c == SiftCodes.ClassVacuum)
                {
                    place = k2 & 7;
                    keyBits2 |= (code & 1) << place;
                    basisBits2 |= ((code >> 1) & 1) << place;
                    if (place == 7)
                    {
                        if (k2 >= n2)
                        {
                            return -1; // more bits of the class than counted (checked where a byte is written)
                        }

                        destination[key2 + (k2 >> 3)] = (byte)keyBits2;
                        destination[basis2 + (k2 >> 3)] = (byte)basisBits2;
                        keyBits2 = 0;
                        basisBits2 = 0;
                    }

                    k2++;
                }
            }

            if (k0 != n0 || k1 != n1 || k2 != n2)
            {
                return -1;
            }

            if ((k0 & 7) != 0)
            {
                destination[key0 + (k0 >> 3)] = (byte)keyBits0;
                destination[basis0 + (k0 >> 3)] = (byte)basisBits0;
            }

            if ((k1 & 7) != 0)
            {
                destination[key1 + (k1 >> 3)] = (byte)keyBits1;
                destination[basis1 + (k1 >> 3)] = (byte)basisBits1;
            }

            if ((k2 & 7) != 0)
            {
                destination[key2 + (k2 >> 3)] = (byte)keyBits2;
                destination[basis2 + (k2 >> 3)] = (byte)basisBits2;
            }

            return p - offset;
        }

        /// <summary>Writes a class's bit count at p; returns where its key bits start (p moves past its key and basis arrays, -1 when they do not fit).</summary>
        private static int Section(byte[] destination, ref int p, int end, int count)
        {
            if (p < 0)
            {
                return 0;
            }

            p = SiftWire.WriteVarint(destination, p, end, (ulong)count);
            int bytes = SiftWire.BitBytes(count);
            if (p < 0 || p + 2 * bytes > end)
            {
                p = -1;
                return 0;
            }

            int start = p;
            p += 2 * bytes;
            return start;
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
