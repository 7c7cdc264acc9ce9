using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// One announcement's detections, kept from the first detection until the satellite side's match reply. The slots
    /// are kept as they go on the wire (the first slot, then the deltas as varints, SiftAnnounceCodec), so appending
    /// encodes and sending is a header and a copy. The bit values stay here and never leave the board unless sifted
    /// and accepted. The sifter's per-detection loop appends to these arrays directly (README "Per-detection path").
    /// </summary>
    internal sealed class AnnounceBatch
    {
        /// <summary>Slot deltas after the first slot: unsigned LEB128 varints, as in the SiftAnnounce payload.</summary>
        public readonly byte[] Deltas;

        /// <summary>
        /// Detection i's (basis, bit) as basis * 2 + bit (the ReceiverMap role of a single click): key material, wiped
        /// after the match.
        /// </summary>
        public readonly byte[] Roles;

        /// <summary>Basis of detection i in bit i, packed LSB first as in the payload (zero past Count).</summary>
        public readonly byte[] BasisBits;

        public AnnounceBatch(int capacity, int maxPayloadBytes)
        {
            // A delta is written before the length check (README): room for one more varint past the limit.
            int deltaBytes = (capacity - 1) * SiftWire.MaxVarintBytes;
            Deltas = new byte[(deltaBytes < maxPayloadBytes ? deltaBytes : maxPayloadBytes) + SiftWire.MaxVarintBytes];
            Roles = new byte[capacity];
            BasisBits = new byte[SiftWire.BitBytes(capacity)];
        }

        public uint Number;
        public int Count;
        public long FirstSlot;
        public long LastSlot;

        /// <summary>Bytes of <see cref="Deltas"/> in use.</summary>
        public int DeltaBytes;

        /// <summary>
        /// Delta bytes that always fit: the payload limit minus the header and basis bytes of a full batch
        /// (SiftAnnounceCodec.HeaderLength(Number, capacity, FirstSlot) + BitBytes(capacity)). Past it,
        /// <see cref="Fits"/> decides exactly.
        /// </summary>
        public int DeltaBytesSure;

        /// <summary>Exact payload length, fixed when the batch closes.</summary>
        public int EncodedLength;

        private int _capacity;
        private int _maxPayloadBytes;

        /// <summary>Starts batch <paramref name="number"/> with its first detection; the payload may hold <paramref name="maxPayloadBytes"/>.</summary>
        public void Begin(uint number, long slot, int basis, int bit, int capacity, int maxPayloadBytes)
        {
            Number = number;
            System.Array.Clear(BasisBits, 0, BasisBits.Length);
            Roles[0] = (byte)((basis << 1) | bit);
            BasisBits[0] = (byte)basis;
            Count = 1;
            FirstSlot = slot;
            LastSlot = slot;
            DeltaBytes = 0;
            EncodedLength = 0;
            _capacity = capacity;
            _maxPayloadBytes = maxPayloadBytes;
            DeltaBytesSure = maxPayloadBytes - SiftAnnounceCodec.HeaderLength(number, capacity, slot) - SiftWire.BitBytes(capacity);
        }

        /// <summary>
        /// Exact test: does a detection added to the <paramref name="count"/> already here, with the deltas then
        /// taking <paramref name="deltaBytes"/>, keep the payload within the limit? (The same length test as encoding
        /// the batch again with it.)
        /// </summary>
        public bool Fits(int count, int deltaBytes)
        {
            return SiftAnnounceCodec.HeaderLength(Number, count + 1, FirstSlot) + deltaBytes + SiftWire.BitBytes(count + 1)
                <= _maxPayloadBytes;
        }

        /// <summary>Appends a detection in a later slot when there is room; false leaves the batch unchanged.</summary>
        public bool TryAppend(long slot, int basis, int bit)
        {
            int n = Count;
            if (n >= _capacity)
            {
                return false;
            }

            int p = SiftWire.WriteNonNegativeVarint(Deltas, DeltaBytes, Deltas.Length, slot - LastSlot);
            if (p < 0 || (p > DeltaBytesSure && !Fits(n, p)))
            {
                return false;
            }

            Roles[n] = (byte)((basis << 1) | bit);
            if (basis != 0)
            {
                BasisBits[n >> 3] |= (byte)(1 << (n & 7));
            }

            Count = n + 1;
            DeltaBytes = p;
            LastSlot = slot;
            return true;
        }

        /// <summary>
        /// Takes a batch an <see cref="IAnnouncePath"/> filled and closed (its arrays already copied in): the fields
        /// <see cref="Begin"/>, appending and closing would have left.
        /// </summary>
        public void Load(uint number, int count, long firstSlot, long lastSlot, int deltaBytes, int deltaBytesSure, int encodedLength)
        {
            Number = number;
            Count = count;
            FirstSlot = firstSlot;
            LastSlot = lastSlot;
            DeltaBytes = deltaBytes;
            DeltaBytesSure = deltaBytesSure;
            EncodedLength = encodedLength;
        }

        /// <summary>Overwrites the bit values (after the match reply).</summary>
        public void WipeRoles()
        {
            System.Array.Clear(Roles, 0, Roles.Length);
        }

        public override string ToString()
        {
            return "AnnounceBatch " + Number + " (" + Count + " slots)";
        }
    }
}
