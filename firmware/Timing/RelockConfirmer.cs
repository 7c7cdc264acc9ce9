namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Decides that the beacon is back after a loss of lock. Arrivals inside the holdover gate are grouped by their
    /// error against the held model; a group confirms when it has collected the required number of arrivals, each
    /// within the gap of the group's previous one and within the tolerance of the group's first. The returning beacon
    /// repeats its error at every detected pulse; background clicks spread over the whole (growing) holdover gate
    /// and seldom agree several times in a row, so a false re-lock on background (which would assign detections to
    /// slots several ns off) needs that many coincidences. A few groups run at once, so one background click cannot
    /// block the real beacon. Fixed tables, no allocation.
    /// </summary>
    public class RelockConfirmer
    {
        private const int Groups = 4;

        private readonly long[] _firstErrorPs = new long[Groups];
        private readonly long[] _lastArrivalPs = new long[Groups];
        private readonly int[] _count = new int[Groups];
        private readonly int _needed;
        private readonly long _gapPs;

        /// <param name="needed">Agreeing arrivals that confirm (2 or more).</param>
        /// <param name="gapPs">Longest wait between two arrivals of one group.</param>
        public RelockConfirmer(int needed, long gapPs)
        {
            _needed = needed;
            _gapPs = gapPs;
        }

        /// <summary>Forgets every group (at each loss of lock and each lock).</summary>
        public void Clear()
        {
            for (int i = 0; i < Groups; i++)
            {
                _count[i] = 0;
            }
        }

        /// <summary>
        /// Adds a gated arrival at ground time <paramref name="t"/> whose error against the held model is
        /// <paramref name="errorPs"/>; true when it completes a group (the caller re-locks on it).
        /// </summary>
        public bool Add(long t, long errorPs, long tolerancePs)
        {
            int free = -1;
            int oldest = 0;
            for (int i = 0; i < Groups; i++)
            {
                if (_count[i] > 0 && t - _lastArrivalPs[i] > _gapPs)
                {
                    _count[i] = 0;
                }

                if (_count[i] == 0)
                {
                    if (free < 0)
                    {
                        free = i;
                    }

                    continue;
                }

                long difference = errorPs - _firstErrorPs[i];
                if (difference <= tolerancePs && difference >= -tolerancePs)
                {
                    _count[i]++;
                    _lastArrivalPs[i] = t;
                    if (_count[i] >= _needed)
                    {
                        Clear();
                        return true;
                    }

                    return false;
                }

                if (_lastArrivalPs[i] < _lastArrivalPs[oldest])
                {
                    oldest = i;
                }
            }

            int slot = free >= 0 ? free : oldest;
            _firstErrorPs[slot] = errorPs;
            _lastArrivalPs[slot] = t;
            _count[slot] = 1;
            return false;
        }
    }
}
