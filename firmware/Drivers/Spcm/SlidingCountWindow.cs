namespace GroundStation.Firmware.Drivers.Spcm
{
    /// <summary>
    /// Counts one channel's detections in a sliding window over tagger time split into 16 buckets, so memory is fixed
    /// whatever the rate and each detection costs a few operations. The count covers the current bucket plus the 15
    /// before it: between 15/16 and 16/16 of the window, never more, so the limit is never applied to more than one
    /// window. Buckets are aligned to multiples of the bucket width (tagger times are non-negative).
    /// </summary>
    /// <remarks>
    /// How it stays cheap per detection (README "Over-light protection"): bucket counts are kept for two aligned
    /// frames of 16 buckets, the previous one and the current one, with a total per frame. The window (current bucket
    /// and the 15 before) lies inside the two frames, so their totals bound its count from above; only when that
    /// bound exceeds the limit is the exact count summed from the buckets. A detection costs a 32-bit division (its
    /// bucket within the frame) and three increments; the frames move once per window length. The window takes a
    /// whole readout batch and picks its channel's detections out of it, with its state in locals meanwhile.
    /// </remarks>
    public sealed class SlidingCountWindow
    {
        public const int Buckets = 16;

        private const long Int31Max = 0x7FFFFFFFL;

        // Entries 0..15: one frame, 16..31: the other; _current is 0 or 16, the offset of the current frame.
        private readonly int[] _bucketCounts = new int[2 * Buckets];
        private readonly long _bucketPicoseconds;
        private readonly long _windowPicoseconds;
        private readonly int _bucketPicosecondsInt;
        private readonly bool _frameFitsInt;

        private bool _started;
        private long _frameStartPicoseconds;
        private long _frameEndPicoseconds = long.MinValue;
        private int _current;
        private int _currentTotal;
        private int _previousTotal;
        private int _lastBucket;

        public SlidingCountWindow(long windowPicoseconds)
        {
            if (windowPicoseconds < Buckets)
            {
                throw new System.ArgumentOutOfRangeException("windowPicoseconds");
            }

            _bucketPicoseconds = windowPicoseconds / Buckets;
            _windowPicoseconds = _bucketPicoseconds * Buckets;
            _frameFitsInt = _windowPicoseconds <= Int31Max;
            _bucketPicosecondsInt = _frameFitsInt ? (int)_bucketPicoseconds : 0;
        }

        /// <summary>Length of the window (16 buckets), ps.</summary>
        public long WindowPicoseconds
        {
            get { return _windowPicoseconds; }
        }

        /// <summary>Detections inside the window as of the last detection added (the current bucket and the 15 before).</summary>
        public int Count
        {
            get { return _started ? ExactCount() : 0; }
        }

        /// <summary>
        /// Adds the detections on <paramref name="channel"/> among records [from, end) of a readout batch (tagger time
        /// non-decreasing per channel). Stops at the first one after which the window holds more than
        /// <paramref name="limit"/> detections and returns its index (it is counted); returns end when there is none.
        /// </summary>
        public int Add(long[] timestampsPicoseconds, byte[] channels, int from, int end, int channel, int limit)
        {
            int[] counts = _bucketCounts;
            long frameStart = _frameStartPicoseconds;
            long frameEnd = _frameEndPicoseconds;
            int current = _current;
            int total = _currentTotal;
            int bound = limit - _previousTotal; // the exact count is needed once the current frame's total passes it
            int lastBucket = _lastBucket;
            int width = _bucketPicosecondsInt;
            int over = end;
            for (int i = from; i < end; i++)
            {
                if (channels[i] != channel)
                {
                    continue;
                }

                long t = timestampsPicoseconds[i];
                if (t >= frameEnd)
                {
                    _currentTotal = total;
                    MoveFrame(t);
                    frameStart = _frameStartPicoseconds;
                    frameEnd = _frameEndPicoseconds;
                    current = _current;
                    total = 0;
                    bound = limit - _previousTotal;
                    lastBucket = 0;
                }

                // (A time stepping back, which a tagger should never deliver, counts in the current bucket.)
                if (t >= frameStart)
                {
                    int b = width != 0 ? (int)(t - frameStart) / width : (int)((t - frameStart) / _bucketPicoseconds);
                    if (b > lastBucket)
                    {
                        lastBucket = b;
                    }
                }

                counts[current + lastBucket]++;
                total++;
                if (total > bound)
                {
                    _lastBucket = lastBucket;
                    if (ExactCount() > limit)
                    {
                        over = i;
                        break;
                    }
                }
            }

            _currentTotal = total;
            _lastBucket = lastBucket;
            return over;
        }

        public void Clear()
        {
            System.Array.Clear(_bucketCounts, 0, _bucketCounts.Length);
            _started = false;
            _lastBucket = 0;
            _currentTotal = 0;
            _previousTotal = 0;
            _frameEndPicoseconds = long.MinValue;
        }

        /// <summary>The current bucket and those before it in the current frame, and the rest of the 16 from the previous frame.</summary>
        private int ExactCount()
        {
            int previous = _current ^ Buckets;
            int count = 0;
            for (int i = 0; i < Buckets; i++)
            {
                count += i <= _lastBucket ? _bucketCounts[_current + i] : _bucketCounts[previous + i];
            }

            return count;
        }

        /// <summary>t is past the current frame: the next frame starts (the current one becomes the previous), or both restart.</summary>
        private void MoveFrame(long picoseconds)
        {
            long frame = _windowPicoseconds;
            int previous = _current ^ Buckets;
            if (_started && picoseconds - _frameEndPicoseconds < frame)
            {
                System.Array.Clear(_bucketCounts, previous, Buckets);
                _current = previous;
                _previousTotal = _currentTotal;
                _frameStartPicoseconds = _frameEndPicoseconds;
            }
            else
            {
                // First detection, or a silence of a whole frame: nothing left in the window; align t's frame.
                Clear();
                _started = true;
                _frameStartPicoseconds = (picoseconds / frame) * frame;
            }

            _currentTotal = 0;
            _lastBucket = 0;
            _frameEndPicoseconds = _frameStartPicoseconds + frame;
        }
    }
}
