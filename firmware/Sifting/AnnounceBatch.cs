namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// One announcement's detections, kept from the first detection until the satellite side's match reply.
    /// The bit values stay here and never leave the board unless sifted and accepted.
    /// </summary>
    internal sealed class AnnounceBatch
    {
        public readonly long[] Slots;
        public readonly byte[] Bases;
        public readonly byte[] Bits;

        public AnnounceBatch(int capacity)
        {
            Slots = new long[capacity];
            Bases = new byte[capacity];
            Bits = new byte[capacity];
        }

        public uint Number;
        public int Count;

        /// <summary>Bytes of the slot deltas so far (varints), to keep the payload under the link's limit.</summary>
        public int DeltaBytes;

        /// <summary>Exact payload length, fixed when the batch closes.</summary>
        public int EncodedLength;

        public void Reset(uint number)
        {
            Number = number;
            Count = 0;
            DeltaBytes = 0;
            EncodedLength = 0;
        }

        public override string ToString()
        {
            return "AnnounceBatch " + Number + " (" + Count + " slots)";
        }
    }
}
