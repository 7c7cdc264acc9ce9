using GroundStation.Hal;

namespace GroundStation.NativeCore;

/// <summary>
/// gs_pipeline: one FIFO burst through decode, per-channel counts, over-light, timing and announce in one call (the
/// ESP32 task's path), with the control plane in the caller's hands: each stop is served by one of the handlers
/// below and the call continues where it stopped. Timing runs in the caller's engine (<see cref="Timing"/>, e.g.
/// <see cref="NativeTimingEngine.ProcessBatch"/> or the managed TimingEngine) on the batch arrays.
/// </summary>
public sealed unsafe class NativePipeline : NativeState
{
    private const int Done = 0, StopOverflow = 1, StopTrip = 2, StopTiming = 3, StopBatchClosed = 4, StopNeedRandom = 5;

    private readonly IRandomSource _random;
    private readonly uint[] _words = new uint[2];
    private readonly byte[] _deltas = new byte[NativeAnnouncer.MaxDeltaBytes];
    private readonly byte[] _roles = new byte[NativeAnnouncer.MaxCapacity];
    private readonly byte[] _basis = new byte[NativeAnnouncer.MaxCapacity / 8];
    private readonly int[] _limits;
    private uint _latched;

    public NativePipeline(int detectors, long overLightWindowPs, int batchCapacity, int maxPayloadBytes, int batchCount,
        int zBasisProbabilityPpm, byte[] rolesByChannel, IRandomSource random)
        : base(NativeMethods.gs_pipeline_state_size())
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(rolesByChannel.Length, 256);
        _random = random;
        _limits = new int[detectors];
        fixed (byte* roles = rolesByChannel)
        {
            Check(NativeMethods.gs_pipeline_init(State, detectors, overLightWindowPs, batchCapacity, maxPayloadBytes, batchCount,
                zBasisProbabilityPpm, roles), "gs_pipeline_init");
        }
    }

    /// <summary>The batch's events went through the caller's timing engine: returns the slots it assigned.</summary>
    public required Func<long[], byte[], int, long[], byte[], int> Timing { get; init; }

    /// <summary>A record carried the FIFO overflow flag: the bus owner accounts LOST_COUNT.</summary>
    public Action? Overflow { get; init; }

    /// <summary>Detector c crossed its over-light limit at tagger time t (ps): the caller gates it; it is latched here.</summary>
    public Action<int, long>? Trip { get; init; }

    /// <summary>A batch closed: its fields and its deltas, role bytes and basis bytes (buffers reused after the call).</summary>
    public Action<NativeAnnounceBatchInfo, byte[], byte[], byte[]>? BatchClosed { get; init; }

    /// <summary>Detector c's MaxCountsPerWindow.</summary>
    public void SetLimit(int channel, int countsPerWindow) => _limits[channel] = countsPerWindow;

    /// <summary>Detectors latched off (bit c): their windows are skipped until <see cref="ClearLatch"/>.</summary>
    public uint Latched => _latched;

    public void ClearLatch(int channel) => _latched &= ~(1u << channel);

    /// <summary>The tagger started with this time unit.</summary>
    public void Start(long timeLsbFemtoseconds) =>
        Check(NativeMethods.gs_fifo_start(NativeMethods.gs_pipeline_fifo(State), timeLsbFemtoseconds), "gs_fifo_start");

    /// <summary>The managed sifter (or the test) matched every batch before <paramref name="oldest"/>.</summary>
    public void SetOldest(uint oldest) => NativeMethods.gs_announce_set_oldest(NativeMethods.gs_pipeline_announce(State), oldest);

    /// <summary>Records read per tagger channel (AcquisitionPipeline.ChannelCounts).</summary>
    public long ChannelCount(int channel) => NativeMethods.gs_pipeline_channel_counts(State)[channel];

    public NativeFifoCounters FifoCounters
    {
        get
        {
            NativeFifoCounters c;
            NativeMethods.gs_fifo_counters(NativeMethods.gs_pipeline_fifo(State), &c);
            return c;
        }
    }

    /// <summary>The announce path's counters since the last take.</summary>
    public NativeAnnounceCounters TakeAnnounceCounters()
    {
        NativeAnnounceCounters c;
        NativeMethods.gs_announce_take_counters(NativeMethods.gs_pipeline_announce(State), &c);
        return c;
    }

    /// <summary>
    /// Runs one burst of <paramref name="recordCount"/> records starting at <paramref name="recordOffset"/> of
    /// <paramref name="burst"/>; the arrays (capacity at least recordCount) hold the events and slots meanwhile.
    /// Returns the events decoded; <paramref name="assigned"/> the slots given.
    /// </summary>
    public int Run(byte[] burst, int recordOffset, int recordCount, long[] timesPs, byte[] channels, long[] slots, byte[] slotChannels,
        out int assigned)
    {
        int capacity = Math.Min(Math.Min(timesPs.Length, channels.Length), Math.Min(slots.Length, slotChannels.Length));
        if (recordOffset < 0 || recordCount < 0 || recordOffset + recordCount * 8 > burst.Length || recordCount > capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(recordCount), "burst or batch arrays too short");
        }

        NativePipelineResult result = default;
        int randomCount = 0;
        fixed (byte* b = burst)
        fixed (long* t = timesPs)
        fixed (byte* c = channels)
        fixed (long* s = slots)
        fixed (byte* sc = slotChannels)
        fixed (int* limits = _limits)
        fixed (uint* words = _words)
        {
            var arrays = new NativePipelineArrays
            {
                Records = b + recordOffset, TimesPs = t, Channels = c, Slots = s, SlotChannels = sc,
                RecordCount = recordCount, Capacity = capacity,
            };
            while (true)
            {
                int r = Check(NativeMethods.gs_pipeline_run(State, &arrays, limits, _latched, randomCount > 0 ? words : null,
                    randomCount, &result), "gs_pipeline_run");
                randomCount = 0;
                switch (r)
                {
                    case Done:
                        assigned = result.Assigned;
                        return result.Events;
                    case StopOverflow:
                        Overflow?.Invoke();
                        break;
                    case StopTrip:
                        _latched |= 1u << result.TripChannel;
                        Trip?.Invoke(result.TripChannel, result.TripTimePs);
                        break;
                    case StopTiming:
                        Check(NativeMethods.gs_pipeline_timing_done(State, Timing(timesPs, channels, result.Events, slots, slotChannels)),
                            "gs_pipeline_timing_done");
                        break;
                    case StopBatchClosed:
                        FetchClosed();
                        break;
                    case StopNeedRandom:
                        randomCount = result.RandomNeeded;
                        for (int w = 0; w < randomCount; w++)
                        {
                            _words[w] = _random.NextUInt32();
                        }

                        break;
                    default:
                        throw new InvalidOperationException("gs_pipeline_run returned " + r);
                }
            }
        }
    }

    /// <summary>End of input: the open slot is finished and the filling batch closed (GroundSifter.EndOfInput).</summary>
    public void EndOfInput()
    {
        void* announce = NativeMethods.gs_pipeline_announce(State);
        int needed = 0;
        int r = Check(NativeMethods.gs_announce_finish_open_slot(announce, null, 0, &needed), "gs_announce_finish_open_slot");
        while (r != Done)
        {
            int count = 0;
            if (r == NativeAnnouncer.BatchClosed)
            {
                FetchClosed();
            }
            else
            {
                count = needed;
                for (int w = 0; w < count; w++)
                {
                    _words[w] = _random.NextUInt32();
                }
            }

            fixed (uint* words = _words)
            {
                r = Check(NativeMethods.gs_announce_finish_open_slot(announce, count > 0 ? words : null, count, &needed),
                    "gs_announce_finish_open_slot");
            }
        }

        if (NativeMethods.gs_announce_close_filling(announce) == NativeAnnouncer.BatchClosed)
        {
            FetchClosed();
        }
    }

    private void FetchClosed()
    {
        NativeAnnounceBatchInfo info;
        fixed (byte* d = _deltas)
        fixed (byte* r = _roles)
        fixed (byte* b = _basis)
        {
            Check(NativeMethods.gs_announce_fetch_closed(NativeMethods.gs_pipeline_announce(State), &info, d, _deltas.Length, r,
                _roles.Length, b, _basis.Length), "gs_announce_fetch_closed");
        }

        BatchClosed?.Invoke(info, _deltas, _roles, _basis);
    }
}
