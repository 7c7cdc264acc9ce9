using GroundStation.Protocol.Sifting;

namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// One numbered block of sifted bits in sifting order, with the public basis and intensity class of each bit,
    /// its estimation sample and outcome. Key material: private to the sifter; ToString shows counts only.
    /// </summary>
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

        public readonly byte[] Key;
        public readonly byte[] Basis;
        public readonly byte[] Classes;
        public readonly byte[] SampleMask;
        public readonly int[] ClassCounts = new int[SiftCodes.ClassCount];
        public readonly int[] Sampled = new int[SiftCodes.CellCount];
        public readonly int[] Errors = new int[SiftCodes.CellCount];

        public SiftBlock(int bitCapacity)
        {
            Key = new byte[SiftWire.BitBytes(bitCapacity)];
            Basis = new byte[SiftWire.BitBytes(bitCapacity)];
            Classes = new byte[SiftWire.PairBytes(bitCapacity)];
            SampleMask = new byte[SiftWire.BitBytes(bitCapacity)];
        }

        public uint Number;
        public int State;
        public int Pending;
        public int Count;

        /// <summary>Size when closed (before the sample was removed).</summary>
        public int ClosedCount;
        public int SampleCount;
        public int SampleLength;
        public bool Alarmed;
        public int AlarmCell;
        public int AlarmQberPpm;

        public void Begin(uint number)
        {
            Number = number;
            State = Open;
            Pending = 0;
            Count = 0;
            ClosedCount = 0;
            SampleCount = 0;
            SampleLength = 0;
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
        }

        public void Append(int bit, int basis, int intensityClass)
        {
            SiftWire.SetBit(Key, 0, Count, bit);
            SiftWire.SetBit(Basis, 0, Count, basis);
            SiftWire.SetPair(Classes, 0, Count, intensityClass);
            ClassCounts[intensityClass]++;
            Count++;
        }

        /// <summary>Removes the sampled bits, keeping the order of the rest (both sides remove the same positions).</summary>
        public void RemoveSample()
        {
            int kept = 0;
            for (int c = 0; c < ClassCounts.Length; c++)
            {
                ClassCounts[c] = 0;
            }

            for (int i = 0; i < Count; i++)
            {
                if (SiftWire.GetBit(SampleMask, 0, i) != 0)
                {
                    continue;
                }

                int cls = SiftWire.GetPair(Classes, 0, i);
                SiftWire.SetBit(Key, 0, kept, SiftWire.GetBit(Key, 0, i));
                SiftWire.SetBit(Basis, 0, kept, SiftWire.GetBit(Basis, 0, i));
                SiftWire.SetPair(Classes, 0, kept, cls);
                ClassCounts[cls]++;
                kept++;
            }

            Count = kept;
        }

        /// <summary>Overwrites the key bits once the block has left (accepted) or been discarded (alarm).</summary>
        public void Wipe()
        {
            SiftWire.Zero(Key, 0, Key.Length);
            SiftWire.Zero(SampleMask, 0, SampleMask.Length);
            State = Free;
            Pending = 0;
            Count = 0;
        }

        public override string ToString()
        {
            return "SiftBlock " + Number + " (" + Count + " bits, state " + State + ")";
        }
    }
}
