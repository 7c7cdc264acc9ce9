namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftAlarm"/>, ground station to host: the intrusion alarm. Block n's estimated QBER in
    /// one (class, basis) cell exceeded the threshold; the block was discarded on the ground station.
    /// Payload: varint block, byte class, byte basis, varint QBER in ppm, varint errors, varint sampled.
    /// </summary>
    public static class SiftAlarmCodec
    {
        public static int Encode(byte[] destination, int offset, uint block, int intensityClass, int basis, int qberPpm, int errors, int sampled)
        {
            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, block);
            if (p < 0 || p + 2 > end)
            {
                return -1;
            }

            destination[p++] = (byte)intensityClass;
            destination[p++] = (byte)basis;
            p = SiftWire.WriteVarint(destination, p, end, (ulong)qberPpm);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)errors); }
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)sampled); }
            return p < 0 ? -1 : p - offset;
        }

        public static bool TryDecode(byte[] payload, int offset, int length, out uint block, out int intensityClass, out int basis, out int qberPpm, out int errors, out int sampled)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            block = 0;
            intensityClass = 0;
            basis = 0;
            qberPpm = 0;
            errors = 0;
            sampled = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out block) || p + 2 > end)
            {
                return false;
            }
            intensityClass = payload[p++];
            basis = payload[p++];
            if (intensityClass >= SiftCodes.ClassCount || basis >= SiftCodes.BasisCount
                || !SiftWire.TryReadBounded(payload, ref p, end, 0, 1000000, out value))
            {
                return false;
            }

            qberPpm = (int)value;
            if (!SiftWire.TryReadBounded(payload, ref p, end, 0, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            errors = (int)value;
            if (!SiftWire.TryReadBounded(payload, ref p, end, (ulong)errors, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            sampled = (int)value;
            return p == end;
        }
    }
}
