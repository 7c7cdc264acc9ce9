using GroundStation.Firmware.Drivers;
using GroundStation.Firmware.Drivers.Spcm;
using GroundStation.Firmware.Sifting;
using GroundStation.Firmware.Timing;
using GroundStation.Hal;

namespace GroundStation.Firmware.App.NativeTask
{
    /// <summary>
    /// The acquisition source of the custom ESP32 image (firmware/Native/README.md "Device path"): the ESP-IDF task
    /// owns the tagger's bus and runs the whole per-event pipeline (gs_pipeline) on the other core; once per loop
    /// iteration <see cref="Poll"/> takes what it produced into the managed control plane: over-light trips into
    /// <see cref="SpcmController"/> (latch, gate, SafeState OverLight), closed announcement batches into the sifter's
    /// ring (then the link), counters into the telemetry's sources. Used only where the native method table is present
    /// (<see cref="IsPresent"/>); everywhere else the firmware runs <see cref="AcquisitionPipeline"/>.
    /// </summary>
    public sealed class NativeTaskAcquisition
    {
        /// <summary>NativeAcquisition.CounterCount; the order is gs_esp32_acquisition.h's gs_esp32_counter.</summary>
        public const int CounterCount = 24;
        public const int CounterDelivered = 1;
        public const int CounterMissed = 2;
        public const int CounterRollovers = 3;
        public const int CounterOverflowed = 4;
        public const int CounterTaggerResets = 5;
        public const int CounterSpiFailures = 6;
        public const int CounterTimingMode = 8;
        public const int CounterDetectionsSeen = 9;
        public const int CounterAssigned = 10;
        public const int CounterDroppedUnlocked = 11;
        public const int CounterNewestTaggerPs = 12;
        public const int CounterChannel0 = 13;
        public const int CounterLatchedMask = 22;

        /// <summary>Notice kinds (NativeAcquisition.TakeNotices, GS_ESP32_NOTICE_*).</summary>
        public const int NoticeTrip = 1;
        public const int NoticeTaggerReset = 2;
        public const int NoticeSpiFailure = 3;
        public const int NoticeLost = 4;

        /// <summary>gs_timing_config's int32 fields after pulse_rate_hz (omitted positions padded to 16), then beacon_channel.</summary>
        public const int TimingSettingCount = 43;
        private const int MaxOmittedPositions = 16;
        private const int TaskChannels = 8;

        private readonly INativeAcquisition _native;
        private readonly NativeTaskWiring _wiring;
        private readonly TimingConfig _timing;
        private readonly SpcmChannel[] _channels;
        private readonly SiftingConfig _sifting;
        private readonly TaskAnnouncePath _announce;
        private readonly TaskOverLightCounter _overLight;
        private readonly long[] _counters = new long[CounterCount];
        private readonly int[] _notices = new int[64];
        private readonly long[] _tripTime = new long[1];
        private readonly byte[] _tripChannel = new byte[1];
        private readonly long[] _noSlots = new long[0];
        private readonly byte[] _noChannels = new byte[0];
        private SpcmController _detectors;
        private GroundSifter _sifter;
        private long[] _channelCounts;
        private TimeTaggerCounters _taggerCounters;
        private bool _running;

        public NativeTaskAcquisition(INativeAcquisition native, NativeTaskWiring wiring, TimingConfig timing,
            SpcmChannel[] channels, SiftingConfig sifting, long overLightWindowPs)
        {
            _native = native;
            _wiring = wiring;
            _timing = timing;
            _channels = channels;
            _sifting = sifting;
            _announce = new TaskAnnouncePath(native, sifting);
            _overLight = new TaskOverLightCounter(native, channels.Length, overLightWindowPs);
        }

        /// <summary>
        /// The start-up probe: true when the image carries the native method table. On a stock image the interop
        /// assembly loads without one and every InternalCall throws NotSupportedException (checked on nanoCLR);
        /// Stop is harmless on the custom image when nothing runs.
        /// </summary>
        public static bool IsPresent(INativeAcquisition native)
        {
            if (native == null)
            {
                return false;
            }

            try
            {
                native.Stop();
                return true;
            }
            catch (System.NotSupportedException)
            {
                return false;
            }
        }

        public TaskAnnouncePath AnnouncePath
        {
            get { return _announce; }
        }

        public TaskOverLightCounter OverLight
        {
            get { return _overLight; }
        }

        /// <summary>The task's counters as of the last <see cref="Poll"/> (telemetry, TIM:STAT?).</summary>
        public long[] Counters
        {
            get { return _counters; }
        }

        /// <summary>The task's timing engine state (gs_timing_mode, the same values as <see cref="TimingState"/>).</summary>
        public TimingState TimingState
        {
            get { return (TimingState)(int)_counters[CounterTimingMode]; }
        }

        /// <summary>Notices the task had to drop (its queue was full), as it reported them.</summary>
        public long NoticesLost { get; private set; }

        /// <summary>Tagger resets the task recovered from (it reconfigures the tagger itself).</summary>
        public long TaggerResetNotices { get; private set; }

        /// <summary>
        /// Configures the task's pipeline (timing, over-light limits and window, receiver map, batch geometry).
        /// Returns the task's gs_status (0 = configured); negative: a setting beyond the native core's compile-time
        /// capacity or a ring larger than the task's queue, and the caller runs the managed core instead.
        /// </summary>
        public int Configure()
        {
            int[] limits = new int[_channels.Length];
            for (int c = 0; c < limits.Length; c++)
            {
                limits[c] = _channels[c].MaxCountsPerWindow;
            }

            byte[] roles = new byte[256];
            ReceiverMap map = _sifting.Receiver;
            for (int c = 0; c < roles.Length; c++)
            {
                roles[c] = (byte)map.RoleOf((byte)c);
            }

            int status = _native.Configure(_timing.PulseRateHz, TimingSettings(_timing), limits, _overLight.WindowPicoseconds,
                roles, map.ZBasisProbabilityPpm, _sifting.BatchCapacity, _sifting.MaxPayloadBytes, _sifting.BatchCount);
            if (status == 0)
            {
                _overLight.Configured(limits);
            }

            return status;
        }

        /// <summary>Binds the managed owners the task's results go to (after they exist; before <see cref="Start"/>).</summary>
        public void Attach(SpcmController detectors, GroundSifter sifter, long[] channelCounts, TimeTaggerCounters taggerCounters)
        {
            _detectors = detectors;
            _sifter = sifter;
            _channelCounts = channelCounts;
            _taggerCounters = taggerCounters;
        }

        /// <summary>Hands the tagger's bus to the task (after the managed self-test found the tagger answering).</summary>
        /// <exception cref="HalException">The task refused to start (bus, DMA memory, tagger registers).</exception>
        public void Start()
        {
            if (_running)
            {
                return;
            }

            NativeTaskWiring w = _wiring;
            int status = _native.Start(w.SpiHost, w.SclkPin, w.MosiPin, w.MisoPin, w.ChipSelectPin, w.ReadyPin, w.ClockHz, w.GatePins);
            if (status != 0)
            {
                throw new HalException(HalFault.SpiTransferFailed, "native acquisition task", "did not start (status " + status + ")");
            }

            _running = true;
        }

        /// <summary>The host's coarse prediction (TIM:PRED) for the task's timing engine; its gs_status.</summary>
        public int SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs)
        {
            return _native.SetCoarsePrediction(groundTimePs, satelliteSlot, uncertaintyPs);
        }

        /// <summary>Stops the task and takes the bus back (its state is kept for a restart).</summary>
        public void Stop()
        {
            if (_running)
            {
                _running = false;
                _native.Stop();
            }
        }

        /// <summary>
        /// One loop iteration's hand-over: counters, then notices (trips latch at once), then every closed batch into
        /// the sifter's ring. Allocates nothing.
        /// </summary>
        /// <exception cref="HalException">The task reported an SPI failure; it is stopped (SafeState DriverFault, SYST:REC restarts it).</exception>
        public void Poll()
        {
            ReadCounters();
            int spiError = TakeNotices();
            if (spiError != 0)
            {
                Stop();
                throw new HalException(HalFault.SpiTransferFailed, "native acquisition task", "SPI failure (esp_err_t " + spiError + ")");
            }

            // A trip is latched from the task's latched mask too, so a trip whose notice was dropped is still seen.
            _overLight.Report((int)_counters[CounterLatchedMask]);
            _tripTime[0] = _counters[CounterNewestTaggerPs];
            _detectors.OnDetections(_tripTime, _tripChannel, 0, 0);
            _sifter.Accept(_noSlots, _noChannels, 0, 0);
        }

        /// <summary>
        /// gs_timing_config's int32 fields in declaration order after pulse_rate_hz (firmware/Native/core/include/
        /// gs_timing.h), the omitted frame positions padded to 16 with their count after them, then beacon_channel:
        /// what NativeAcquisition.Configure's interop body copies field by field.
        /// </summary>
        public static int[] TimingSettings(TimingConfig c)
        {
            int[] s = new int[TimingSettingCount];
            int n = 0;
            s[n++] = c.BeaconPeriodSlots;
            s[n++] = c.FrameLengthBeacons;
            int[] omitted = c.OmittedFramePositions;
            int omittedCount = omitted == null ? -1 : omitted.Length;
            for (int i = 0; i < MaxOmittedPositions; i++)
            {
                s[n++] = omitted != null && i < omitted.Length ? omitted[i] : 0;
            }

            s[n++] = omittedCount;
            s[n++] = c.DetectorChannelCount;
            s[n++] = c.CoincidenceWindowPs;
            s[n++] = c.MaxRateOffsetPpm;
            s[n++] = c.BeaconGatePs;
            s[n++] = c.BeaconGateMinPs;
            s[n++] = c.LossAfterMissedBeacons;
            s[n++] = c.HoldoverMaxMs;
            s[n++] = c.HoldoverConfirmBeacons;
            s[n++] = c.HoldoverDriftPpb;
            s[n++] = c.HoldoverRateChangePpbPerSecond;
            s[n++] = c.LoopTimeConstantLog2Ps;
            s[n++] = c.SkewHistogramBins;
            s[n++] = c.SkewCentroidHalfWidthBins;
            s[n++] = c.VoteHistory;
            s[n++] = c.VoteMinPeriods;
            s[n++] = c.VoteMaxPeriods;
            s[n++] = c.VotePeakMin;
            s[n++] = c.FoldBins;
            s[n++] = c.FoldPeakMin;
            s[n++] = c.MarkerMargin;
            s[n++] = c.FoldTimeoutMs;
            s[n++] = c.AcquireTimeoutMs;
            s[n++] = c.StalePredictionMaxMs;
            s[n] = c.BeaconChannel;
            return s;
        }

        private void ReadCounters()
        {
            long[] k = _counters;
            if (_native.ReadCounters(k) != 0)
            {
                return;
            }

            long[] counts = _channelCounts;
            for (int c = 0; c < counts.Length && c < TaskChannels; c++)
            {
                counts[c] = k[CounterChannel0 + c];
            }

            TimeTaggerCounters t = _taggerCounters;
            t.Delivered = k[CounterDelivered];
            t.Missed = k[CounterMissed];
            t.Rollovers = k[CounterRollovers];
            t.Overflowed = k[CounterOverflowed];
            t.Resets = k[CounterTaggerResets];
        }

        /// <summary>Trips go to the over-light counter; returns an SPI failure's esp_err_t (0: none).</summary>
        private int TakeNotices()
        {
            int spiError = 0;
            int n = _native.TakeNotices(_notices);
            for (int i = 0; i + 1 < n; i += 2)
            {
                int kind = _notices[i];
                int argument = _notices[i + 1];
                if (kind == NoticeTrip)
                {
                    if (argument >= 0 && argument < _channels.Length)
                    {
                        _overLight.Report(1 << argument);
                    }
                }
                else if (kind == NoticeTaggerReset)
                {
                    TaggerResetNotices++;
                }
                else if (kind == NoticeSpiFailure)
                {
                    spiError = argument != 0 ? argument : -1;
                }
                else if (kind == NoticeLost)
                {
                    NoticesLost += argument;
                }
            }

            return spiError;
        }
    }
}
