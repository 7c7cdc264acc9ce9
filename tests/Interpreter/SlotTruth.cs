namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// Per-slot truth as a pure function of (seed, slot), so neither the stream nor the satellite side needs storage:
    /// h = Mix(seed' ^ Mix(slot)) gives the satellite's choices, g = Mix(h ^ c) the ground side's.
    /// Satellite: basis = bit 0 of h (Z = 0, X = 1, 50/50), bit = bit 1, intensity class from bits 2..21 (ppm of 2^20:
    /// signal 50 %, decoy 25 %, vacuum 25 %, the Micius mix). Ground: the passive splitter's basis = bit 0 of g,
    /// a random bit for a basis mismatch = bit 1, a flip with probability QberPpm from bits 2..21, a second click with
    /// probability MultiClickPpm from bits 22..41, the second detector's offset (1..3 channels on) from bits 42..43.
    /// </summary>
    public sealed class SlotTruth
    {
        private const long Twenty = 0xFFFFF;
        private const long GroundSalt = 0x6A09E667F3BCC909L;

        private readonly long _seedKey;
        private readonly long _qberPpm;
        private readonly long _multiPpm;
        private long _slot = long.MinValue;
        private long _h;
        private long _g;

        public SlotTruth(long seed, long qberPpm, long multiClickPpm)
        {
            _seedKey = SplitMix.Mix(seed ^ 0x51A7E111);
            _qberPpm = qberPpm;
            _multiPpm = multiClickPpm;
        }

        /// <summary>Makes <paramref name="slot"/> the slot the other members describe.</summary>
        public void Load(long slot)
        {
            if (slot == _slot)
            {
                return;
            }

            _slot = slot;
            _h = SplitMix.Mix(_seedKey ^ SplitMix.Mix(slot));
            _g = SplitMix.Mix(_h ^ GroundSalt);
        }

        public int SatelliteBasis
        {
            get { return (int)(_h & 1); }
        }

        public int SatelliteBit
        {
            get { return (int)((_h >> 1) & 1); }
        }

        /// <summary>0 signal, 1 decoy, 2 vacuum.</summary>
        public int IntensityClass
        {
            get
            {
                long ppm = Ppm(_h >> 2);
                return ppm < 500000 ? 0 : ppm < 750000 ? 1 : 2;
            }
        }

        public int ReceiverBasis
        {
            get { return (int)(_g & 1); }
        }

        /// <summary>The bit a detector reports when the bases differ (the photon takes either output).</summary>
        public int MismatchBit
        {
            get { return (int)((_g >> 1) & 1); }
        }

        /// <summary>True when a basis-matched detection reports the opposite bit (the channel's errors).</summary>
        public bool Flipped
        {
            get { return Ppm(_g >> 2) < _qberPpm; }
        }

        public bool SecondClick
        {
            get { return Ppm(_g >> 22) < _multiPpm; }
        }

        /// <summary>The second clicking detector is this many channels (1..3) after the first, modulo 4.</summary>
        public int SecondClickOffset
        {
            get { return 1 + (int)(((_g >> 42) & 3) % 3); }
        }

        /// <summary>The detector (basis x 2 + bit) a single photon of this slot reaches.</summary>
        public int Channel
        {
            get
            {
                int basis = ReceiverBasis;
                int bit = basis == SatelliteBasis ? SatelliteBit ^ (Flipped ? 1 : 0) : MismatchBit;
                return (basis * 2) + bit;
            }
        }

        /// <summary>20 random bits as parts per million (0 .. 999 999).</summary>
        private static long Ppm(long bits)
        {
            return ((bits & Twenty) * 1000000) >> 20;
        }
    }
}
