namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftMatch"/>: the satellite side's answer to one announcement, relayed by the host.
    /// Payload: varint batch, varint count (must equal the announced count), count match bits packed LSB first
    /// (1 = the satellite used the same basis), then count 2-bit class codes (<see cref="SiftCodes"/>: 0 signal,
    /// 1 decoy, 2 vacuum, 3 not sent; a not-sent slot never matches).
    /// </summary>
    public static class SiftMatchCodec
    {
        public static int Length(uint batch, int count)
        {
            return SiftWire.VarintLength(batch) + SiftWire.VarintLength((ulong)count)
                + SiftWire.BitBytes(count) + SiftWire.PairBytes(count);
        }

        /// <summary>Encodes from per-slot arrays (match 0/1, class code 0..3); returns the length or -1.</summary>
        public static int Encode(byte[] destination, int offset, uint batch, byte[] matches, byte[] classes, int count)
        {
            if (count < 1 || count > SiftCodes.MaxItemsPerPayload || offset + Length(batch, count) > destination.Length)
            {
                return -1;
            }

            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, batch);
            p = SiftWire.WriteVarint(destination, p, end, (ulong)count);
            int matchStart = p;
            int classStart = p + SiftWire.BitBytes(count);
            int stop = classStart + SiftWire.PairBytes(count);
            SiftWire.Zero(destination, matchStart, stop - matchStart);
            for (int i = 0; i < count; i++)
            {
                if (classes[i] > SiftCodes.ClassNotSent || (classes[i] == SiftCodes.ClassNotSent && matches[i] != 0))
                {
                    return -1;
                }

                SiftWire.SetBit(destination, matchStart, i, matches[i]);
                SiftWire.SetPair(destination, classStart, i, classes[i]);
            }

            return stop - offset;
        }

        /// <summary>
        /// Validates a whole payload and returns where its bit arrays start, so a reader takes match bits with
        /// SiftWire.GetBit(payload, matchStart, i) and classes with SiftWire.GetPair(payload, classStart, i) without
        /// copying. False when truncated, with trailing bytes, non-zero padding, or a not-sent slot marked as a match.
        /// </summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint batch, out int count, out int matchStart, out int classStart)
        {
            int p = offset;
            int end = offset + length;
            ulong value;
            batch = 0;
            count = 0;
            matchStart = 0;
            classStart = 0;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out batch))
            {
                return false;
            }
            if (!SiftWire.TryReadBounded(payload, ref p, end, 1, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            int n = (int)value;
            int classes = p + SiftWire.BitBytes(n);
            if (end - p != SiftWire.BitBytes(n) + SiftWire.PairBytes(n)
                || !SiftWire.BitPaddingIsZero(payload, p, n) || !SiftWire.PairPaddingIsZero(payload, classes, n))
            {
                return false;
            }

            // A not-sent slot (class 3) must not be marked as a match: four items per class byte, where both bits of
            // a pair are set, against the same four match bits spread to the pairs' low bits (padding is zero).
            for (int i = 0; i < n; i += 4)
            {
                int pairs = payload[classes + (i >> 2)];
                int notSent = pairs & (pairs >> 1) & 0x55;
                if (notSent != 0)
                {
                    int matches = (payload[p + (i >> 3)] >> (i & 4)) & 0xF;
                    int spread = (matches & 1) | ((matches & 2) << 1) | ((matches & 4) << 2) | ((matches & 8) << 3);
                    if ((notSent & spread) != 0)
                    {
                        return false;
                    }
                }
            }

            count = n;
            matchStart = p;
            classStart = classes;
            return true;
        }
    }
}
