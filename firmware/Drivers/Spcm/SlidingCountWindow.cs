namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// Counts detections in a sliding window over tagger time with a ring of 16 buckets, so memory is fixed whatever
    /// the rate and each detection costs a few operations. The sum covers the current bucket plus the 15 before it:
    /// between 15/16 and 16/16 of the window, never more, so the limit is never applied to more than one window.
    /// </summary>
    public sealed class SlidingCountWindow
    {
        public const int Buckets = 16;

        private readonly int[] _counts = new int[Buckets];
        private readonly long _bucketPicoseconds;
        private long _currentBucket = long.MinValue;
        private int _sum;

        public SlidingCountWindow(long windowPicoseconds)
        {
            if (windowPicoseconds < Buckets)
            {
                throw new System.ArgumentOutOfRangeException("windowPicoseconds");
            }

            _bucketPicoseconds = windowPicoseconds / Buckets;
            WindowPicoseconds = _bucketPicoseconds * Buckets;
        }

        public long WindowPicoseconds { get; private set; }

        /// <summary>Detections currently inside the window.</summary>
        public int Count
        {
            get { return _sum; }
        }

        /// <summary>Adds one detection at tagger time t (non-decreasing per channel) and returns the window's count.</summary>
        public int Add(long picoseconds)
        {
            AdvanceTo(picoseconds);
            _counts[(int)(_currentBucket % Buckets)]++;
            _sum++;
            return _sum;
        }

        /// <summary>Moves the window's end to t, dropping buckets that fell out.</summary>
        public void AdvanceTo(long picoseconds)
        {
            long bucket = picoseconds / _bucketPicoseconds;
            if (_currentBucket == long.MinValue || bucket - _currentBucket >= Buckets)
            {
                Clear();
                _currentBucket = bucket;
                return;
            }

            while (_currentBucket < bucket)
            {
                _currentBucket++;
                int slot = (int)(_currentBucket % Buckets);
                _sum -= _counts[slot];
                _counts[slot] = 0;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < Buckets; i++)
            {
                _counts[i] = 0;
            }

            _sum = 0;
            _currentBucket = long.MinValue;
        }
    }
}
