namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Acquisition step 2: with the rate known, beacon-channel arrivals are folded modulo the beacon period; real
    /// pulses pile into one phase bin, background spreads evenly. The phase is the centroid of the best 3-bin
    /// window. A rate error of dr smears the fold by dr * span only (0.5 ppm over 50 ms = 25 ns, one bin is
    /// period / FoldBins = 390 ns by default).
    /// </summary>
    public class PhaseFolder
    {
        private readonly int[] _counts;
        private readonly long[] _offsetSumsQ24;
        private readonly long _periodQ24;
        private readonly long _binWidthQ24;
        private readonly int _peakMin;
        private long _referencePs;
        private long _slotsPerPsQ64;
        private int _total;
        private int _bestBin;

        public PhaseFolder(TimingConfig config)
        {
            _counts = new int[config.FoldBins];
            _offsetSumsQ24 = new long[config.FoldBins];
            _periodQ24 = (long)config.BeaconPeriodSlots << ClockModel.FractionBits;
            _binWidthQ24 = _periodQ24 / config.FoldBins;
            _peakMin = config.FoldPeakMin;
        }

        /// <summary>Ground time the fold is referred to (phase 0).</summary>
        public long ReferencePs
        {
            get { return _referencePs; }
        }

        /// <summary>Width of one fold bin in Q24 slots (sets the first tracking gate).</summary>
        public long BinWidthQ24
        {
            get { return _binWidthQ24; }
        }

        public int BytesUsed
        {
            get { return _counts.Length * (4 + 8); }
        }

        public void Start(long referencePs, long slotsPerPsQ64)
        {
            _referencePs = referencePs;
            _slotsPerPsQ64 = slotsPerPsQ64;
            _total = 0;
            _bestBin = -1;
            for (int i = 0; i < _counts.Length; i++)
            {
                _counts[i] = 0;
                _offsetSumsQ24[i] = 0;
            }
        }

        /// <summary>Adds an arrival; returns true once a clear peak exists (then read <see cref="PhaseQ24"/>).</summary>
        public bool Add(long t)
        {
            long x = FixedPoint.MulShift(t - _referencePs, _slotsPerPsQ64, 40);
            long phase = FixedPoint.FloorMod(x, _periodQ24);
            long bin = phase / _binWidthQ24;
            if (bin >= _counts.Length)
            {
                bin = _counts.Length - 1;
            }

            int b = (int)bin;
            _counts[b]++;
            _offsetSumsQ24[b] += phase - (b * _binWidthQ24);
            _total++;
            return (_total % 4) == 0 && Evaluate();
        }

        /// <summary>Beacon phase (Q24 slots after the reference, in [0, period)) from the best peak's centroid.</summary>
        public long PhaseQ24()
        {
            int n = _counts.Length;
            long sum = 0;
            long count = 0;
            for (int j = -1; j <= 1; j++)
            {
                int b = (_bestBin + j + n) % n;
                sum += _offsetSumsQ24[b] + (_counts[b] * j * _binWidthQ24);
                count += _counts[b];
            }

            long phase = (_bestBin * _binWidthQ24) + (count > 0 ? sum / count : 0);
            return FixedPoint.FloorMod(phase, _periodQ24);
        }

        private bool Evaluate()
        {
            // Best 3-bin window and the best window not overlapping it: a real peak stands well above background.
            int n = _counts.Length;
            int best = -1;
            int bestSum = -1;
            for (int b = 0; b < n; b++)
            {
                int s = Window(b);
                if (s > bestSum)
                {
                    bestSum = s;
                    best = b;
                }
            }

            int second = 0;
            for (int b = 0; b < n; b++)
            {
                int distance = b > best ? b - best : best - b;
                if (distance > n / 2)
                {
                    distance = n - distance;
                }

                if (distance >= 3)
                {
                    int s = Window(b);
                    if (s > second)
                    {
                        second = s;
                    }
                }
            }

            _bestBin = best;
            return bestSum >= _peakMin && bestSum >= (3 * second) + 2;
        }

        private int Window(int b)
        {
            int n = _counts.Length;
            return _counts[(b + n - 1) % n] + _counts[b] + _counts[(b + 1) % n];
        }
    }
}
