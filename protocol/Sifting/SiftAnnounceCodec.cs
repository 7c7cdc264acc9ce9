namespace GroundStation.Protocol.Sifting
{
    /// <summary>
    /// <see cref="MessageType.SiftAnnounce"/>: the ground station's (slot, basis) for a batch of detections, never a bit value.
    /// Payload: varint batch, varint count (1..65535), varint first slot, count-1 varint slot deltas (each >= 1: one
    /// detection per slot after squashing, slots strictly increasing), then count basis bits packed LSB first.
    /// </summary>
    public static class SiftAnnounceCodec
    {
        /// <summary>Bytes of the fixed part for a batch starting at <paramref name="firstSlot"/>, before deltas and basis bits.</summary>
        public static int HeaderLength(uint batch, int count, long firstSlot)
        {
            return SiftWire.VarintLength(batch) + SiftWire.VarintLength((ulong)count) + SiftWire.NonNegativeVarintLength(firstSlot);
        }

        /// <summary>
        /// Encodes <paramref name="count"/> detections (slots ascending, bases 0/1) into <paramref name="destination"/>
        /// at <paramref name="offset"/>; returns the payload length, or -1 when it does not fit or the input breaks the rules.
        /// </summary>
        public static int Encode(byte[] destination, int offset, uint batch, long[] slots, byte[] bases, int count)
        {
            if (count < 1 || count > SiftCodes.MaxItemsPerPayload || slots[0] < 0)
            {
                return -1;
            }

            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, batch);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)count); }
            if (p >= 0) { p = SiftWire.WriteNonNegativeVarint(destination, p, end, slots[0]); }
            for (int i = 1; i < count && p >= 0; i++)
            {
                long delta = slots[i] - slots[i - 1];
                if (delta < 1)
                {
                    return -1;
                }

                p = SiftWire.WriteNonNegativeVarint(destination, p, end, delta);
            }

            int basisBytes = SiftWire.BitBytes(count);
            if (p < 0 || p + basisBytes > end)
            {
                return -1;
            }

            SiftWire.Zero(destination, p, basisBytes);
            for (int i = 0; i < count; i++)
            {
                SiftWire.SetBit(destination, p, i, bases[i]);
            }

            return p + basisBytes - offset;
        }

        /// <summary>
        /// Encodes a batch kept in wire form by an incremental encoder (the ground sifter appends each detection as it
        /// comes): the first slot, the <paramref name="count"/> - 1 slot deltas already written as varints in
        /// <paramref name="deltaVarints"/>[0..<paramref name="deltaBytes"/>), and the bases packed LSB first. The same
        /// payload as <see cref="Encode"/> for the same detections; returns its length or -1 when it does not fit.
        /// Basis bits past <paramref name="count"/> are cleared in the payload.
        /// </summary>
        public static int EncodeFromParts(byte[] destination, int offset, uint batch, int count, long firstSlot,
            byte[] deltaVarints, int deltaBytes, byte[] basisBits)
        {
            if (count < 1 || count > SiftCodes.MaxItemsPerPayload || firstSlot < 0)
            {
                return -1;
            }

            int end = destination.Length;
            int p = SiftWire.WriteVarint(destination, offset, end, batch);
            if (p >= 0) { p = SiftWire.WriteVarint(destination, p, end, (ulong)count); }
            if (p >= 0) { p = SiftWire.WriteNonNegativeVarint(destination, p, end, firstSlot); }
            int basisBytes = SiftWire.BitBytes(count);
            if (p < 0 || p + deltaBytes + basisBytes > end)
            {
                return -1;
            }

            System.Array.Copy(deltaVarints, 0, destination, p, deltaBytes);
            p += deltaBytes;
            System.Array.Copy(basisBits, 0, destination, p, basisBytes);
            int used = count & 7;
            if (used != 0)
            {
                destination[p + basisBytes - 1] = (byte)(destination[p + basisBytes - 1] & ((1 << used) - 1));
            }

            return p + basisBytes - offset;
        }

        /// <summary>Reads batch number and count without decoding the slots (so a caller can size its arrays).</summary>
        public static bool TryDecodeHeader(byte[] payload, int offset, int length, out uint batch, out int count)
        {
            int p = offset;
            int end = offset + length;
            batch = 0;
            count = 0;
            ulong value;
            if (!SiftWire.TryReadUInt32(payload, ref p, end, out batch))
            {
                return false;
            }
            if (!SiftWire.TryReadBounded(payload, ref p, end, 1, SiftCodes.MaxItemsPerPayload, out value))
            {
                return false;
            }

            count = (int)value;
            return true;
        }

        /// <summary>
        /// Decodes a whole payload into caller arrays of at least count entries. False (arrays then unspecified) when
        /// the payload is malformed: truncated, trailing bytes, a zero delta, slot overflow, non-zero padding bits,
        /// or more detections than the arrays hold.
        /// </summary>
        public static bool TryDecode(byte[] payload, int offset, int length, out uint batch, long[] slots, byte[] bases, out int count)
        {
            int end = offset + length;
            int p = offset;
            ulong value;
            long slot;
            count = 0;
            if (!TryDecodeHeader(payload, offset, length, out batch, out int n) || n > slots.Length || n > bases.Length)
            {
                return false;
            }

            SiftWire.TryReadVarint(payload, ref p, end, out value);
            SiftWire.TryReadVarint(payload, ref p, end, out value);
            if (!SiftWire.TryReadNonNegative(payload, ref p, end, 0L, long.MaxValue, out slot))
            {
                return false;
            }

            slots[0] = slot;
            for (int i = 1; i < n; i++)
            {
                if (!SiftWire.TryReadNonNegative(payload, ref p, end, 1L, long.MaxValue - slots[i - 1], out slot))
                {
                    return false;
                }

                slots[i] = slots[i - 1] + slot;
            }

            if (end - p != SiftWire.BitBytes(n) || !SiftWire.BitPaddingIsZero(payload, p, n))
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                bases[i] = (byte)SiftWire.GetBit(payload, p, i);
            }

            count = n;
            return true;
        }
    }
}
