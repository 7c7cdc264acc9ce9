namespace GroundStation.InterpreterScenarios
{
    /// <summary>One tagger event of the generated stream and the truth behind it (one instance, reused).</summary>
    public sealed class PassEvent
    {
        public const int KindBeacon = 0;

        /// <summary>A photon of the satellite's slot reached a detector (the first click of its slot).</summary>
        public const int KindSignal = 1;

        /// <summary>A second detector clicked in the same slot (multi-photon pulse, afterpulse of the optics).</summary>
        public const int KindSecondClick = 2;

        /// <summary>Dark count or daylight on any channel, beacon channel included: no slot.</summary>
        public const int KindBackground = 3;

        public long TimePs;

        public byte Channel;

        public int Kind;

        /// <summary>Satellite slot the event came from; -1 for background.</summary>
        public long TruthSlot;

        /// <summary>Signal clicks: the slot's photon clicked two detectors (this is one of them; the other may be lost).</summary>
        public bool MultiClick;

        /// <summary>Single-click signal: the detector reported the opposite bit although the bases matched.</summary>
        public bool Flipped;
    }
}
