using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// One detection's path through the firmware, per batch: tagger readout -> over-light protection -> timing
    /// (beacon model, slot assignment) -> sifting. Every array is allocated once here, sized from the board's
    /// <see cref="BufferBudget"/>, so the steady state allocates nothing.
    /// </summary>
    public sealed class AcquisitionPipeline
    {
        private readonly ITimeTagger _tagger;
        private readonly IMonotonicClock _clock;
        private readonly SpcmController _detectors;
        private readonly ITimingEngine _timing;
        private readonly GroundSifter _sifter;
        private readonly long[] _timestampsPs;
        private readonly byte[] _channels;
        private readonly long[] _slots;
        private readonly byte[] _slotChannels;
        private readonly long[] _channelCounts;
        private readonly int[] _batchChannelCounts = new int[256];

        public AcquisitionPipeline(ITimeTagger tagger, IMonotonicClock clock, SpcmController detectors, ITimingEngine timing,
            GroundSifter sifter, int batchSize)
        {
            _tagger = tagger;
            _clock = clock;
            _detectors = detectors;
            _timing = timing;
            _sifter = sifter;
            _timestampsPs = new long[batchSize];
            _channels = new byte[batchSize];
            _slots = new long[batchSize];
            _slotChannels = new byte[batchSize];
            _channelCounts = new long[tagger.ChannelCount];
        }

        /// <summary>Tagger records read so far, per tagger channel (telemetry derives rates from these).</summary>
        public long[] ChannelCounts
        {
            get { return _channelCounts; }
        }

        /// <summary>Tagger time of the newest record read (ps); meaningful once <see cref="HasTaggerTime"/>.</summary>
        public long LastTaggerTimePs { get; private set; }

        /// <summary>Board clock (us) when the batch holding <see cref="LastTaggerTimePs"/> was read.</summary>
        public long LastReadMicroseconds { get; private set; }

        /// <summary>
        /// The newest record's event happened at most this long (us, board clock) before it was read: the time since
        /// the last read that found the FIFO empty. With a quiet tagger that is one loop iteration.
        /// </summary>
        public long LastArrivalWindowMicroseconds { get; private set; }

        private long _lastEmptyReadMicroseconds;

        /// <summary>True once a record has been read: the tagger has no clock register, its time is known only
        /// from the records it delivers (the host relates it to UTC through TIM:NOW?).</summary>
        public bool HasTaggerTime { get; private set; }

        /// <summary>Bytes of preallocated arrays this pipeline holds (memory budget report).</summary>
        public int ArrayBytes
        {
            get { return _timestampsPs.Length * (8 + 1 + 8 + 1) + _channelCounts.Length * 8 + _batchChannelCounts.Length * 4; }
        }

        /// <summary>Reads and processes one batch. Returns the number of tagger records processed.</summary>
        public int RunBatch()
        {
            int n = _tagger.ReadBatch(_timestampsPs, _channels, 0, _timestampsPs.Length);
            long readMicroseconds = _clock.NowMicroseconds;
            if (n == 0)
            {
                _lastEmptyReadMicroseconds = readMicroseconds;
                return 0;
            }

            // Records per channel: an int per possible channel byte, so the per-record step has no range check and no
            // 64-bit add; folded into the telemetry totals once per batch. The newest time is the batch maximum
            // (channels interleave in the FIFO, so the last record is not always the newest).
            byte[] channels = _channels;
            long[] timestamps = _timestampsPs;
            int[] batchCounts = _batchChannelCounts;
            long newest = timestamps[0];
            for (int i = 0; i < n; i++)
            {
                batchCounts[channels[i]]++;
                long t = timestamps[i];
                if (t > newest)
                {
                    newest = t;
                }
            }

            for (int c = 0; c < _channelCounts.Length; c++)
            {
                _channelCounts[c] += batchCounts[c];
            }

            System.Array.Clear(batchCounts, 0, batchCounts.Length);

            if (!HasTaggerTime || newest > LastTaggerTimePs)
            {
                LastTaggerTimePs = newest;
                LastReadMicroseconds = readMicroseconds;
                LastArrivalWindowMicroseconds = readMicroseconds - _lastEmptyReadMicroseconds;
                HasTaggerTime = true;
            }
            _detectors.OnDetections(_timestampsPs, _channels, 0, n);
            int assigned = _timing.ProcessBatch(_timestampsPs, _channels, 0, n, _slots, _slotChannels, null, 0);
            if (assigned > 0)
            {
                _sifter.Accept(_slots, _slotChannels, 0, assigned);
            }

            return n;
        }
    }
}
