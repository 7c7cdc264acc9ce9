using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// One numbered block of sifted bits in sifting order, with the public basis and intensity class of each bit,
    /// its estimation sample and outcome. Key material: private to the sifter; ToString shows counts only.
    /// </summary>
    /// <remarks>
    /// Bit i is the 4-bit code in <see cref="Codes"/> (low nibble of byte i/2 for even i): key bit | basis &lt;&lt; 1 |
    /// class &lt;&lt; 2, class 0..2 (SiftCodes). A bit disclosed by estimation gets class 3, the "not sent" class that is
    /// never sifted, so encoding the key skips it (SiftedBlockCodec.EncodeCodes). With the sample mask that is 5 bits
    /// per sifted bit.
    /// </remarks>
    internal sealed class SiftBlock
    {
        public const int Free = 0;
        public const int Open = 1;
        public const int Closed = 2;
        public const int Sampling = 3;
        public const int Finished = 4;

        public const int SendNotice = 1;
        public const int SendSample = 2;
        public const int SendResult = 4;
        public const int SendKey = 8;
        public const int SendAlarm = 16;

        /// <summary>Class bits of a code (bits 2-3), and their value for a disclosed bit.</summary>
        public const int RemovedClassBits = SiftCodes.ClassNotSent << 2;

        public readonly byte[] Codes;
        public readonly byte[] SampleMask;
        public readonly int[] ClassCounts = new int[SiftCodes.ClassCount];
        public readonly int[] Sampled = new int[SiftCodes.CellCount];
        public readonly int[] Errors = new int[SiftCodes.CellCount];

        public SiftBlock(int bitCapacity)
        {
            Codes = new byte[(bitCapacity + 1) >> 1];
            SampleMask = new byte[SiftWire.BitBytes(bitCapacity)];
        }

        public uint Number;
        public int State;
        public int Pending;
        public int Count;

        /// <summary>
        /// Bits disclosed by estimation (the positions set in <see cref="SampleMask"/>): marked class 3 in their codes,
        /// no longer counted in <see cref="ClassCounts"/>.
        /// </summary>
        public int Removed;

        /// <summary>Size when closed.</summary>
        public int ClosedCount;
        public int SampleCount;
        public bool Alarmed;
        public int AlarmCell;
        public int AlarmQberPpm;

        /// <summary>Bits left for the key: those not disclosed by estimation.</summary>
        public int KeptCount
        {
            get { return Count - Removed; }
        }

        public void Begin(uint number)
        {
            Number = number;
            State = Open;
            Pending = 0;
            Count = 0;
            Removed = 0;
            ClosedCount = 0;
            SampleCount = 0;
            Alarmed = false;
            AlarmCell = 0;
            AlarmQberPpm = 0;
            for (int c = 0; c < ClassCounts.Length; c++)
            {
                ClassCounts[c] = 0;
            }

            for (int i = 0; i < Sampled.Length; i++)
            {
                Sampled[i] = 0;
                Errors[i] = 0;
            }

            // Appending ORs codes in.
            System.Array.Clear(Codes, 0, Codes.Length);
            System.Array.Clear(SampleMask, 0, SampleMask.Length);
        }

        /// <summary>Overwrites the key bits once the block has left (accepted) or been discarded (alarm).</summary>
        public void Wipe()
        {
            System.Array.Clear(Codes, 0, Codes.Length);
            System.Array.Clear(SampleMask, 0, SampleMask.Length);
            State = Free;
            Pending = 0;
            Count = 0;
            Removed = 0;
        }

        public override string ToString()
        {
            return "SiftBlock " + Number + " (" + Count + " bits, state " + State + ")";
        }
    }
}
