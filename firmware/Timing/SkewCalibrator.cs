namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Per-channel delay (cables, electronics) relative to the beacon channel, which defines the model. The skew
    /// table is subtracted from each detection's timestamp before slot assignment. Calibration: while enabled,
    /// every locked detection's residual against its nearest slot centre (whole slot, not only the coincidence
    /// window) goes into a per-channel histogram; the skew correction is the background-subtracted centroid of
    /// the peak +-SkewCentroidHalfWidthBins. A skew beyond half a slot cannot be told from a slot offset by timing.
    /// </summary>
    public class SkewCalibrator
    {
        private readonly int[] _skewPs;
        private readonly int[][] _histograms;
        private readonly int _bins;
        private readonly int _halfWidth;
        private readonly long _slotWidthPsQ16;

        public SkewCalibrator(TimingConfig config, long slotWidthPsQ16)
        {
            _skewPs = new int[config.DetectorChannelCount];
            _bins = config.SkewHistogramBins;
            _halfWidth = config.SkewCentroidHalfWidthBins;
            _slotWidthPsQ16 = slotWidthPsQ16;
            _histograms = new int[config.DetectorChannelCount][];
            for (int c = 0; c < _histograms.Length; c++)
            {
                _histograms[c] = new int[_bins];
            }
        }

        /// <summary>True while residuals are being collected.</summary>
        public bool Collecting;

        /// <summary>The skew table (ps per detector channel) the hot path reads; same array as Get/Set copy.</summary>
        public int[] SkewTablePs
        {
            get { return _skewPs; }
        }

        public int BytesUsed
        {
            get { return (_skewPs.Length * 4) + (_histograms.Length * _bins * 4); }
        }

        /// <summary>Copies the skew table into <paramref name="destination"/> (length &gt;= channel count).</summary>
        public void GetTable(int[] destination)
        {
            for (int c = 0; c < _skewPs.Length; c++)
            {
                destination[c] = _skewPs[c];
            }
        }

        /// <summary>Loads a stored table; channels beyond its length are set to 0.</summary>
        public void SetTable(int[] source)
        {
            for (int c = 0; c < _skewPs.Length; c++)
            {
                _skewPs[c] = c < source.Length ? source[c] : 0;
            }
        }

        /// <summary>Clears the histograms and starts collecting.</summary>
        public void Start()
        {
            ClearHistograms();
            Collecting = true;
        }

        private void ClearHistograms()
        {
            for (int c = 0; c < _histograms.Length; c++)
            {
                int[] h = _histograms[c];
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = 0;
                }
            }
        }

        /// <summary>Hot path: residual Q24 in [-2^23, 2^23). 3 operations.</summary>
        public void Record(int channel, long residualQ24)
        {
            _histograms[channel][(int)(((residualQ24 + (ClockModel.One >> 1)) * _bins) >> ClockModel.FractionBits)]++;
        }

        /// <summary>Entries collected on a channel.</summary>
        public long Count(int channel)
        {
            long n = 0;
            int[] h = _histograms[channel];
            for (int i = 0; i < h.Length; i++)
            {
                n += h[i];
            }

            return n;
        }

        /// <summary>
        /// Centroid of channel's peak, ps relative to the slot centre; false when fewer than
        /// <paramref name="minEntries"/> above background.
        /// </summary>
        public bool Measure(int channel, int minEntries, out int correctionPs)
        {
            int[] h = _histograms[channel];
            int peak = 0;
            long total = 0;
            for (int i = 0; i < _bins; i++)
            {
                total += h[i];
                if (h[i] > h[peak])
                {
                    peak = i;
                }
            }

            long window = 0;
            for (int j = -_halfWidth; j <= _halfWidth; j++)
            {
                window += h[(peak + j + _bins) % _bins];
            }

            // Background per bin: mean outside the centroid window, subtracted so a flat floor does not pull the
            // centroid towards the peak bin's centre. Scaled by 16 to keep a fraction of a count.
            int outsideBins = _bins - ((2 * _halfWidth) + 1);
            long floor16 = outsideBins > 0 ? ((total - window) * 16) / outsideBins : 0;
            long weight = 0;
            long moment = 0;
            for (int j = -_halfWidth; j <= _halfWidth; j++)
            {
                long w = (h[(peak + j + _bins) % _bins] * 16L) - floor16;
                if (w > 0)
                {
                    weight += w;
                    moment += w * j;
                }
            }

            correctionPs = 0;
            if (weight < minEntries * 16L)
            {
                return false;
            }

            // Bin b covers residuals [b, b+1) * slot/bins - slot/2; its centre is (2b + 1 - bins) / (2 bins) slot.
            long centreQ24 = (((2L * peak) + 1 - _bins) << ClockModel.FractionBits) / (2L * _bins);
            long offsetQ24 = (moment << ClockModel.FractionBits) / (weight * _bins);
            long residualQ24 = centreQ24 + offsetQ24;
            correctionPs = (int)((FixedPoint.MulShift(residualQ24, _slotWidthPsQ16, 39) + 1) >> 1);
            return true;
        }

        /// <summary>
        /// Adds each measured channel's centroid to its skew, clears the histograms and stops collecting.
        /// Returns the number of channels updated.
        /// </summary>
        public int Apply(int minEntries)
        {
            int updated = 0;
            for (int c = 0; c < _skewPs.Length; c++)
            {
                int correction;
                if (Measure(c, minEntries, out correction))
                {
                    _skewPs[c] += correction;
                    updated++;
                }
            }

            ClearHistograms();
            Collecting = false;
            return updated;
        }
    }
}
