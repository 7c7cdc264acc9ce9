namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftBlockClosed"/>: the ground station closed sifted block n; it now waits for an
    /// estimation request. Payload: varint block, then per intensity class (signal, decoy, vacuum) a varint bit count.
    /// The satellite side cuts its own copy of the block at the same total, so both hold the same numbered blocks.
    /// </summary>
    public static class SiftBlockClosedCodec
    {
        public static int Encode(byte[] destination, int offset, uint block, int[] classCounts)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            for (int c = 0; c < SiftCodes.ClassCount && p >= 0; c++)
            {
                p = SiftWire.WriteVarint(destination, p, end, (ulong)classCounts[c]);
            }

            return p < 0 ? -1 : p - offset;
        }

        /// <summary>Decodes into <paramref name="classCounts"/> (3 entries); the total must not exceed 65535 bits.</summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, int[] classCounts)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block))
            {
                return false;
            }
            int total = 0;
            for (int c = 0; c < SiftCodes.ClassCount; c++)
            {
                if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
                {
                    return false;
                }

                classCounts[c] = (int)value;
                total += (int)value;
            }

            return p == end && total <= SiftCodes.MaxItemsPerPayload;
        }
    }
}
