namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftEstimateReference"/>, satellite side to ground station: the satellite's own bits at
    /// the k disclosed positions of block n, in position order. Payload: varint block, varint k, k bits packed LSB first.
    /// </summary>
    public static class SiftEstimateReferenceCodec
    {
        public static int Encode(byte[] destination, int offset, uint block, byte[] bits, int count)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)count); }
            int bitBytes = SiftWire.BitBytes(count);
            if (p < 0 || p + bitBytes > end)
            {
                return -1;
            }

            SiftWire.Zero(destination, p, bitBytes);
            for (int i = 0; i < count; i++)
            {
                SiftWire.SetBit(destination, p, i, bits[i]);
            }

            return p + bitBytes - offset;
        }

        /// <summary>Validates the payload; the bits are then read with SiftWire.GetBit(payload, bitsStart, i).</summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, out int count, out int bitsStart)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            count = 0;
            bitsStart = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block))
            {
                return false;
            }
            if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            int n = (int)value;
            if (end - p != SiftWire.BitBytes(n) || !SiftWire.BitPaddingIsZero(payload, p, n))
            {
                return false;
            }

            count = n;
            bitsStart = p;
            return true;
        }
    }
}
