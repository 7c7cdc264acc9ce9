namespace GroundStation.Firmware.Sifting
{
    /// <summary>
    /// Every detection, slot, bit and message sifting handled, by fate, so telemetry can account for all of them.
    /// Counts only: no key bit ever appears here. Written under the sifter's lock; readers get a torn-free value per
    /// field on 64-bit hosts and may see slightly stale values on the device.
    /// </summary>
    public sealed class SiftingCounters
    {
        private readonly long[] _detectionsByClass = new long[4];
        private readonly long[] _siftedByClass = new long[3];

        /// <summary>Every detection given to <see cref="GroundSifter.Accept"/>.</summary>
        public long Clicks { get; internal set; }

        /// <summary>Detections on channels with no detector role (beacon, spare): not key events.</summary>
        public long IgnoredClicks { get; internal set; }

        /// <summary>Detections whose slot was below the slot being assembled (caller broke slot order): not used.</summary>
        public long OutOfOrderClicks { get; internal set; }

        /// <summary>Second click of the same detector in one slot (merged into the first).</summary>
        public long DuplicateClicks { get; internal set; }

        /// <summary>Slots with clicks in one detector only.</summary>
        public long SingleClickSlots { get; internal set; }

        /// <summary>Slots where both detectors of one basis clicked: the bit was drawn at random (squashing).</summary>
        public long SameBasisDoubleClicks { get; internal set; }

        /// <summary>Slots with clicks in both bases: basis and bit drawn at random (squashing).</summary>
        public long CrossBasisMultiClicks { get; internal set; }

        /// <summary>Slots dropped because every announcement buffer was busy (host slow): never announced.</summary>
        public long DroppedSlots { get; internal set; }

        /// <summary>Detections in the dropped slots.</summary>
        public long DroppedClicks { get; internal set; }

        public long AnnouncedSlots { get; internal set; }

        public long AnnouncementsSent { get; internal set; }

        /// <summary>Payload bytes of all announcements sent (divide by <see cref="AnnouncedSlots"/> for bytes per detection).</summary>
        public long AnnounceBytes { get; internal set; }

        /// <summary>Payload bytes of all match replies accepted.</summary>
        public long MatchBytes { get; internal set; }

        /// <summary>Sifted bits appended to blocks (all classes).</summary>
        public long SiftedBits { get; internal set; }

        public long BlocksClosed { get; internal set; }

        public long BlocksAccepted { get; internal set; }

        /// <summary>Blocks discarded by the intrusion alarm.</summary>
        public long BlocksAlarmed { get; internal set; }

        /// <summary>Bits disclosed for estimation and removed from the key.</summary>
        public long BitsDisclosed { get; internal set; }

        /// <summary>Bits sent to the host in accepted blocks.</summary>
        public long BitsDelivered { get; internal set; }

        /// <summary>Bits thrown away with alarmed blocks.</summary>
        public long BitsDiscarded { get; internal set; }

        /// <summary>Estimation requests asking for more bits than one sample message carries (sample was reduced).</summary>
        public long SamplesClamped { get; internal set; }

        /// <summary>Received payloads that failed to decode.</summary>
        public long MalformedPayloads { get; internal set; }

        /// <summary>Well-formed payloads that did not fit the current state (wrong batch or block number, wrong count).</summary>
        public long UnexpectedMessages { get; internal set; }

        /// <summary>Should stay 0: an encoder refused data the sifter produced.</summary>
        public long InternalErrors { get; internal set; }

        /// <summary>Announced slots the satellite side placed in class c (0 signal, 1 decoy, 2 vacuum, 3 not sent).</summary>
        public long DetectionsInClass(int intensityClass)
        {
            return _detectionsByClass[intensityClass];
        }

        /// <summary>Basis-matched (sifted) bits of class c.</summary>
        public long SiftedInClass(int intensityClass)
        {
            return _siftedByClass[intensityClass];
        }

        /// <summary>Adds one match reply's detections per class (0..3) and its basis-matched bits per class (0..2).</summary>
        internal void CountDetections(int[] detectedByClass, int[] siftedByClass)
        {
            for (int c = 0; c < _detectionsByClass.Length; c++)
            {
                _detectionsByClass[c] += detectedByClass[c];
            }

            long sifted = 0;
            for (int c = 0; c < _siftedByClass.Length; c++)
            {
                _siftedByClass[c] += siftedByClass[c];
                sifted += siftedByClass[c];
            }

            SiftedBits += sifted;
        }
    }
}
