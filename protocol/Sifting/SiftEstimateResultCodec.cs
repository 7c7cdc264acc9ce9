namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftEstimateResult"/>, ground station to host (and satellite side): the outcome of
    /// parameter estimation on block n. Payload: varint block, byte verdict (0 accepted, 1 alarm: block discarded),
    /// varint threshold in ppm, then for each cell class * 2 + basis (signal Z, signal X, decoy Z, decoy X, vacuum Z,
    /// vacuum X) a varint sampled count and a varint error count (errors &lt;= sampled). QBER = errors / sampled.
    /// </summary>
    public static class SiftEstimateResultCodec
    {
        public const byte VerdictAccepted = 0;
        public const byte VerdictAlarm = 1;

        public static int Encode(byte[] destination, int offset, uint block, byte verdict, int thresholdPpm, int[] sampled, int[] errors)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p < 0 || p >= end)
            {
                return -1;
            }

            destination[p++] = verdict;
            p = SiftWire.WriteVarint(destination, p, end, (ulong)thresholdPpm);
            for (int i = 0; i < SiftCodes.CellCount && p >= 0; i++)
            {
                p = SiftWire.WriteVarint(destination, p, end, (ulong)sampled[i]);
                if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)errors[i]); }
            }

            return p < 0 ? -1 : p - offset;
        }

        /// <summary>Decodes into caller arrays of 6 entries each.</summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, out byte verdict, out int thresholdPpm, int[] sampled, int[] errors)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            verdict = 0;
            thresholdPpm = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block) || p >= end)
            {
                return false;
            }
            verdict = payload[p++];
            if (verdict > VerdictAlarm || !SiftWire.TryReadBounded(payload, ref p, end, 0, 1000000, out value))
            {
                return false;
            }

            thresholdPpm = (int)value;
            for (int i = 0; i < SiftCodes.CellCount; i++)
            {
                if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
                {
                    return false;
                }

                sampled[i] = (int)value;
                if (!SiftWire.TryReadBounded(payload, ref p, end, 0, (ulong)sampled[i], out value))
                {
                    return false;
                }

                errors[i] = (int)value;
            }

            return p == end;
        }
    }
}
