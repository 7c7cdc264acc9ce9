namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Acquisition step 1: the clock rate from beacon-channel timestamps alone. Two detected beacon pulses m periods
    /// apart are m * P * (1 + r) apart, so each pair of recent events votes for r = d / (m P) with m = round(dt / P)
    /// and d = dt - m P (only unambiguous while m * rMax &lt; 0.4). Pairs of real pulses pile into one bin of width
    /// 2^-20 (0.95 ppm); pairs involving background spread over +-1/(2m) and rarely land in range. The rate is then
    /// sum(m * B) / sum(dt) over the peak bin and its neighbours: the long pairs dominate, as they should.
    /// </summary>
    public class RateVoter
    {
        private const int BinShift = 20;

        private readonly long[] _history;
        private readonly int[] _votes;
        private readonly long[] _sumDtPs;
        private readonly long[] _sumPeriods;
        private readonly int _halfBins;
        private readonly long _beaconPeriodPs;
        private readonly long _beaconPeriodSlots;
        private readonly int _minPeriods;
        private readonly int _maxPeriods;
        private readonly int _peakMin;
        private int _historyCount;
        private int _historyNext;
        private readonly long _windowPs;
        private long _windowStartPs;
        private int _bestBin;
        private int _bestVotes;

        public RateVoter(TimingConfig config, long beaconPeriodPs)
        {
            _beaconPeriodPs = beaconPeriodPs;
            _beaconPeriodSlots = config.BeaconPeriodSlots;
            _minPeriods = config.VoteMinPeriods;
            _maxPeriods = config.VoteMaxPeriods;
            _peakMin = config.VotePeakMin;
            _history = new long[config.VoteHistory];

            // Votes restart every two longest pair spans, so background cannot pile up a false peak over time.
            _windowPs = 2L * config.VoteMaxPeriods * beaconPeriodPs;

            // +-MaxRateOffsetPpm in bins of 2^-20.
            _halfBins = (int)(((long)config.MaxRateOffsetPpm << BinShift) / 1000000) + 1;
            _votes = new int[2 * _halfBins + 1];
            _sumDtPs = new long[_votes.Length];
            _sumPeriods = new long[_votes.Length];
        }

        /// <summary>Votes in the best bin plus its two neighbours.</summary>
        public int PeakVotes
        {
            get { return _bestVotes; }
        }

        public bool HasRate
        {
            get { return _bestVotes >= _peakMin; }
        }

        /// <summary>Memory held, for the README's budget.</summary>
        public int BytesUsed
        {
            get { return (_history.Length * 8) + (_votes.Length * (4 + 8 + 8)); }
        }

        public void Clear()
        {
            _historyCount = 0;
            _historyNext = 0;
            ClearVotes();
        }

        private void ClearVotes()
        {
            _windowStartPs = long.MinValue;
            _bestBin = 0;
            _bestVotes = 0;
            for (int i = 0; i < _votes.Length; i++)
            {
                _votes[i] = 0;
                _sumDtPs[i] = 0;
                _sumPeriods[i] = 0;
            }
        }

        /// <summary>Adds one beacon-channel timestamp; pairs it with up to VoteHistory earlier ones.</summary>
        public void Add(long t)
        {
            if (_windowStartPs == long.MinValue)
            {
                _windowStartPs = t;
            }
            else if (t - _windowStartPs > _windowPs)
            {
                ClearVotes();
                _windowStartPs = t;
            }

            for (int i = 0; i < _historyCount; i++)
            {
                long dt = t - _history[i];
                long m = (dt + (_beaconPeriodPs >> 1)) / _beaconPeriodPs;
                if (m < _minPeriods || m > _maxPeriods)
                {
                    continue;
                }

                long span = m * _beaconPeriodPs;
                long bin = FixedPoint.FloorDiv((dt - span) << BinShift, span) + _halfBins;
                if (bin < 0 || bin >= _votes.Length)
                {
                    continue;
                }

                int b = (int)bin;
                _votes[b]++;
                _sumDtPs[b] += dt;
                _sumPeriods[b] += m;
                int around = _votes[b] + (b > 0 ? _votes[b - 1] : 0) + (b + 1 < _votes.Length ? _votes[b + 1] : 0);
                if (around > _bestVotes)
                {
                    _bestVotes = around;
                    _bestBin = b;
                }
            }

            _history[_historyNext] = t;
            _historyNext = (_historyNext + 1) % _history.Length;
            if (_historyCount < _history.Length)
            {
                _historyCount++;
            }
        }

        /// <summary>Slots per ground ps (Q64) from the peak bin and its neighbours.</summary>
        public long SlotsPerPsQ64()
        {
            long dt = 0;
            long periods = 0;
            for (int b = _bestBin - 1; b <= _bestBin + 1; b++)
            {
                if (b >= 0 && b < _votes.Length)
                {
                    dt += _sumDtPs[b];
                    periods += _sumPeriods[b];
                }
            }

            return FixedPoint.DivideShifted(periods * _beaconPeriodSlots, 64, dt);
        }
    }
}
