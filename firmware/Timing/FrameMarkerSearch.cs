namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Acquisition step 3: the beacon index modulo the frame. Accepted beacons are counted per provisional frame
    /// position (provisional index mod frame length). The omitted positions stay (nearly) empty, so the alignment o
    /// minimising S(o) = sum over omitted w of count[(w + o) mod L] gives the frame start. The default pattern
    /// {0, 1, 3, 7} has all pairwise differences distinct, so any wrong alignment covers at least 3 sent positions.
    /// Decided when the runner-up exceeds the best by MarkerMargin and by 4x: at 5 % detection and L = 100 that
    /// takes ~130 frames (1.3 s).
    /// </summary>
    public class FrameMarkerSearch
    {
        private readonly int[] _counts;
        private readonly int[] _omitted;
        private readonly int _margin;
        private int _added;
        private long _frameStartMod;

        public FrameMarkerSearch(TimingConfig config)
        {
            _counts = new int[config.FrameLengthBeacons];
            _omitted = config.OmittedFramePositions;
            _margin = config.MarkerMargin;
        }

        /// <summary>True when the pattern has omitted positions (else the index comes from a prediction only).</summary>
        public bool HasMarker
        {
            get { return _omitted.Length > 0; }
        }

        /// <summary>
        /// After <see cref="Add"/> returned true: K0 mod L, where absolute beacon index = provisional index + K0.
        /// </summary>
        public long IndexOffsetModFrame
        {
            get { return _frameStartMod; }
        }

        public int BytesUsed
        {
            get { return _counts.Length * 4; }
        }

        public void Clear()
        {
            _added = 0;
            _frameStartMod = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                _counts[i] = 0;
            }
        }

        /// <summary>Counts an accepted beacon of provisional index k; returns true once the frame alignment is clear.</summary>
        public bool Add(long provisionalIndex)
        {
            int length = _counts.Length;
            _counts[(int)FixedPoint.FloorMod(provisionalIndex, length)]++;
            _added++;
            return (_added % 16) == 0 && Evaluate();
        }

        private bool Evaluate()
        {
            int length = _counts.Length;
            int best = int.MaxValue;
            int second = int.MaxValue;
            int bestShift = 0;
            for (int o = 0; o < length; o++)
            {
                int s = 0;
                for (int i = 0; i < _omitted.Length; i++)
                {
                    s += _counts[(_omitted[i] + o) % length];
                }

                if (s < best)
                {
                    second = best;
                    best = s;
                    bestShift = o;
                }
                else if (s < second)
                {
                    second = s;
                }
            }

            if (second - best < _margin || second < 4 * best)
            {
                return false;
            }

            // Omitted absolute positions w sit at provisional positions (w + o): k_abs = k_prov - o + jL.
            _frameStartMod = FixedPoint.FloorMod(-bestShift, length);
            return true;
        }
    }
}
