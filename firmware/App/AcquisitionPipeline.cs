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
        private readonly SpcmController _detectors;
        private readonly TimingEngine _timing;
        private readonly GroundSifter _sifter;
        private readonly long[] _timestampsPs;
        private readonly byte[] _channels;
        private readonly long[] _slots;
        private readonly byte[] _slotChannels;
        private readonly long[] _channelCounts;
        private readonly int[] _batchChannelCounts = new int[256];

        public AcquisitionPipeline(ITimeTagger tagger, SpcmController detectors, TimingEngine timing,
            GroundSifter sifter, int batchSize)
        {
            _tagger = tagger;
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

        /// <summary>Tagger time of the newest record read (ps), or 0 before the first.</summary>
        public long LastTaggerTimePs { get; private set; }

        /// <summary>Bytes of preallocated arrays this pipeline holds (memory budget report).</summary>
        public int ArrayBytes
        {
            get { return _timestampsPs.Length * (8 + 1 + 8 + 1) + _channelCounts.Length * 8 + _batchChannelCounts.Length * 4; }
        }

        /// <summary>Reads and processes one batch. Returns the number of tagger records processed.</summary>
        public int RunBatch()
        {
            int n = _tagger.ReadBatch(_timestampsPs, _channels, 0, _timestampsPs.Length);
            if (n == 0)
            {
                return 0;
            }

            // Records per channel: an int per possible channel byte, so the per-record step has no range check and no
            // 64-bit add; folded into the telemetry totals once per batch.
            byte[] channels = _channels;
            int[] batchCounts = _batchChannelCounts;
            for (int i = 0; i < n; i++)
            {
                batchCounts[channels[i]]++;
            }

            for (int c = 0; c < _channelCounts.Length; c++)
            {
                _channelCounts[c] += batchCounts[c];
            }

            System.Array.Clear(batchCounts, 0, batchCounts.Length);

            LastTaggerTimePs = _timestampsPs[n - 1];
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
