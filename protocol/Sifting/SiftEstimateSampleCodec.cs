namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftEstimateSample"/>, ground station to satellite side: the positions the board's random
    /// source chose in block n and the ground station's bits there (disclosed, hence removed from the key on both sides).
    /// Payload: varint block, varint blockBits (size before removal), varint k, k varint positions (first absolute,
    /// then deltas >= 1; every position below blockBits), then k disclosed bits packed LSB first.
    /// </summary>
    public static class SiftEstimateSampleCodec
    {
        /// <summary>
        /// Encodes the positions set in <paramref name="sampleMask"/> (a packed bit array over the block) with the
        /// bits at those positions in <paramref name="keyBits"/>; returns the length or -1 when it does not fit.
        /// </summary>
        public static int Encode(byte[] destination, int offset, uint block, int blockBits, byte[] sampleMask, int sampleCount, byte[] keyBits)
        {
            int p = WritePositions(destination, offset, block, blockBits, sampleMask, sampleCount);
            if (p < 0)
            {
                return -1;
            }

            SiftWire.Zero(destination, p, SiftWire.BitBytes(sampleCount));
            int k = 0;
            for (int i = SiftWire.NextSetBit(sampleMask, 0, 0, blockBits); i < blockBits; i = SiftWire.NextSetBit(sampleMask, 0, i + 1, blockBits))
            {
                SiftWire.SetBit(destination, p, k++, SiftWire.GetBit(keyBits, 0, i));
            }

            return p + SiftWire.BitBytes(sampleCount) - offset;
        }

        /// <summary>
        /// As <see cref="Encode"/> for a block kept as 4-bit codes (SiftedBlockCodec.EncodeCodes: the key bit of bit i
        /// is bit 0 of its code), in one pass over the sample: the positions go into the payload and the disclosed
        /// bits into <paramref name="scratch"/> (at least BitBytes(sampleCount) bytes), copied in after them.
        /// </summary>
        public static int EncodeCodes(byte[] destination, int offset, uint block, int blockBits, byte[] sampleMask, int sampleCount,
            byte[] codes, byte[] scratch)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)blockBits); }
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)sampleCount); }
            int bitBytes = SiftWire.BitBytes(sampleCount);
            if (p < 0 || bitBytes > scratch.Length)
            {
                return -1;
            }

            System.Array.Clear(scratch, 0, bitBytes);
            int previous = -1;
            int k = 0;
            for (int i = SiftWire.NextSetBit(sampleMask, 0, 0, blockBits); i < blockBits && p >= 0; i = SiftWire.NextSetBit(sampleMask, 0, i + 1, blockBits))
            {
                p = SiftWire.WriteVarint(destination, p, end, (ulong)(previous < 0 ? i : i - previous));
                previous = i;
                if (k < sampleCount && ((codes[i >> 1] >> ((i & 1) << 2)) & 1) != 0)
                {
                    scratch[k >> 3] |= (byte)(1 << (k & 7));
                }

                k++;
            }

            if (p < 0 || k != sampleCount || p + bitBytes > end)
            {
                return -1;
            }

            System.Array.Copy(scratch, 0, destination, p, bitBytes);
            return p + bitBytes - offset;
        }

        /// <summary>
        /// Header and positions; returns where the disclosed bits go, or -1 when the positions are not sampleCount or
        /// the payload does not fit.
        /// </summary>
        private static int WritePositions(byte[] destination, int offset, uint block, int blockBits, byte[] sampleMask, int sampleCount)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)blockBits); }
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)sampleCount); }
            int previous = -1;
            int written = 0;
            for (int i = SiftWire.NextSetBit(sampleMask, 0, 0, blockBits); i < blockBits && p >= 0; i = SiftWire.NextSetBit(sampleMask, 0, i + 1, blockBits))
            {
                p = SiftWire.WriteVarint(destination, p, end, (ulong)(previous < 0 ? i : i - previous));
                previous = i;
                written++;
            }

            if (p < 0 || written != sampleCount || p + SiftWire.BitBytes(sampleCount) > end)
            {
                return -1;
            }

            return p;
        }

        /// <summary>Reads block, blockBits and k so a caller can size its arrays.</summary>
        public static bool TryDecodeHeader(byte[] payload, int offset, int length, out uint block, out int blockBits, out int sampleCount)
        {
            int p = offset;
            return TryReadHeader(payload, ref p, offset + length, out block, out blockBits, out sampleCount);
        }

        /// <summary>Decodes positions and disclosed bits (0/1) into caller arrays of at least k entries.</summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, out int blockBits, int[] positions, byte[] bits, out int sampleCount)
        {
            int p = offset;
            int end = offset + length;
            if (!TryReadHeader(payload, ref p, end, out block, out blockBits, out sampleCount)
                || sampleCount > positions.Length || sampleCount > bits.Length)
            {
                return false;
            }

            ulong value;
            int previous = -1;
            for (int i = 0; i < sampleCount; i++)
            {
                ulong min = previous < 0 ? 0UL : 1UL;
                if (!SiftWire.TryReadBounded(payload, ref p, end, min, (ulong)blockBits, out value))
                {
                    return false;
                }

                int step = (int)value; // bounded by blockBits above; conv.i4 types it signed on nanoCLR too
                long position = previous < 0 ? step : (long)previous + step;
                if (position >= blockBits)
                {
                    return false;
                }

                positions[i] = (int)position;
                previous = (int)position;
            }

            if (end - p != SiftWire.BitBytes(sampleCount) || !SiftWire.BitPaddingIsZero(payload, p, sampleCount))
            {
                return false;
            }

            for (int i = 0; i < sampleCount; i++)
            {
                bits[i] = (byte)SiftWire.GetBit(payload, p, i);
            }

            return true;
        }

        private static bool TryReadHeader(byte[] payload, ref int p, int end, out uint block, out int blockBits, out int sampleCount)
        {
            ulong value;
            block = 0;
            blockBits = 0;
            sampleCount = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block))
            {
                return false;
            }
            if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            blockBits = (int)value;
            if (!SiftWire.TryReadBounded(payload, ref p, end, 0, (ulong)blockBits, out value))
            {
                return false;
            }

            sampleCount = (int)value;
            return true;
        }
    }
}
