namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftEstimateRequest"/>, host to ground station: disclose <c>sampleCount</c> bits of
    /// closed block n for parameter estimation (0 releases the block unestimated). Payload: varint block, varint sampleCount.
    /// </summary>
    public static class SiftEstimateRequestCodec
    {
        public static int Encode(byte[] destination, int offset, uint block, int sampleCount)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)sampleCount); }
            return p < 0 ? -1 : p - offset;
        }

        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, out int sampleCount)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            sampleCount = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block))
            {
                return false;
            }
            if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            sampleCount = (int)value;
            return p == end;
        }
    }
}
