using System.Runtime.InteropServices;
using GroundStation.Firmware.Timing;

namespace GroundStation.NativeCore;

/// <summary>
/// The C timing engine (firmware/Native/core, gs_timing.h) behind the surface of the managed
/// <see cref="TimingEngine"/> it mirrors bit for bit: same constructor argument, ProcessBatch, properties and control
/// calls, same exceptions for bad arguments. The engine state (gs_timing_state, fixed size) lives in unmanaged memory
/// owned by this object; dispose it (or let the finalizer) to free it. Check <see cref="NativeCoreLibrary.IsAvailable"/>
/// first: without the library every member throws DllNotFoundException.
/// </summary>
public sealed unsafe class NativeTimingEngine : IDisposable
{
    private readonly TimingCounters _counters = new();
    private readonly ClockModel _model = new();
    private readonly int _detectorCount;
    private void* _state;

    /// <summary>Starts the engine in Searching; throws ArgumentException naming the first bad setting (as
    /// TimingConfig.Validate does) or a setting beyond the native core's compile-time capacity.</summary>
    public NativeTimingEngine(TimingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckLayout();
        GsTimingConfig native = ToNative(config);
        _state = NativeMemory.AlignedAlloc(NativeTimingInterop.gs_timing_state_size(), 16);
        byte* setting = null;
        int status = NativeTimingInterop.gs_timing_config_check(&native, &setting);
        if (status == NativeTimingInterop.Ok)
        {
            status = NativeTimingInterop.gs_timing_init(_state, &native);
        }

        if (status != NativeTimingInterop.Ok)
        {
            Dispose();
            string name = setting == null ? "config" : Marshal.PtrToStringAnsi((IntPtr)setting) ?? "config";
            throw new ArgumentException(status == NativeTimingInterop.ErrorCapacity
                ? "timing setting beyond the native core's capacity: " + name
                : "timing setting out of range: " + name);
        }

        _detectorCount = config.DetectorChannelCount;
    }

    ~NativeTimingEngine()
    {
        Free();
    }

    /// <summary>Bytes of the native engine state (gs_timing_state, all arrays included).</summary>
    public static long StateBytes
    {
        get { return (long)NativeTimingInterop.gs_timing_state_size(); }
    }

    public TimingState State => (TimingState)Check(NativeTimingInterop.gs_timing_mode_of(Handle));

    /// <summary>The engine's counters, read from the native state on each get (the same object, refreshed).</summary>
    public TimingCounters Counters
    {
        get
        {
            long* c = stackalloc long[NativeTimingInterop.CounterCount];
            Check(NativeTimingInterop.gs_timing_get_counters(Handle, c));
            _counters.DetectionsSeen = c[0];
            _counters.Assigned = c[1];
            _counters.DroppedUnlocked = c[2];
            _counters.DroppedOutsideWindow = c[3];
            _counters.DroppedUnknownChannel = c[4];
            _counters.DroppedOutputFull = c[5];
            _counters.BeaconEvents = c[6];
            _counters.BeaconsAccepted = c[7];
            _counters.BeaconsRejected = c[8];
            _counters.Locks = c[9];
            _counters.LossesOfLock = c[10];
            _counters.HoldoverRecoveries = c[11];
            _counters.AcquisitionRestarts = c[12];
            _counters.IndexResolutions = c[13];
            return _counters;
        }
    }

    /// <summary>The tracked clock model, copied from the native state on each get (read it; writing changes nothing).</summary>
    public ClockModel Model
    {
        get
        {
            GsClockModel m;
            Check(NativeTimingInterop.gs_timing_get_model(Handle, &m));
            _model.AnchorGroundPs = m.AnchorGroundPs;
            _model.AnchorSlot = m.AnchorSlot;
            _model.AnchorFraction = m.AnchorFraction;
            _model.SlotsPerPsQ64 = m.SlotsPerPsQ64;
            _model.RateChangePer2p40Ps = m.RateChangePer2p40Ps;
            return _model;
        }
    }

    public bool IndexResolved => NativeTimingInterop.gs_timing_index_resolved(Handle);
    public long LastLockGroundPs => NativeTimingInterop.gs_timing_last_lock_ground_ps(Handle);
    public long LastAcquisitionStartGroundPs => NativeTimingInterop.gs_timing_last_acquisition_start_ground_ps(Handle);
    public long LastLossGroundPs => NativeTimingInterop.gs_timing_last_loss_ground_ps(Handle);
    public long BeaconPeriodPs => NativeTimingInterop.gs_timing_beacon_period_ps(Handle);
    public long SlotWidthPsQ16 => NativeTimingInterop.gs_timing_slot_width_ps_q16(Handle);
    public long RateOffsetPpb => NativeTimingInterop.gs_timing_rate_offset_ppb(Handle);
    public long MeanAbsBeaconResidualPs => NativeTimingInterop.gs_timing_mean_abs_beacon_residual_ps(Handle);
    public bool HasCoarsePrediction => NativeTimingInterop.gs_timing_has_coarse_prediction(Handle);
    public bool SkewCalibrationRunning => NativeTimingInterop.gs_timing_skew_calibration_running(Handle);

    public long CoarsePredictionGroundPs
    {
        get
        {
            long value;
            Check(NativeTimingInterop.gs_timing_get_coarse_prediction(Handle, &value, null, null));
            return value;
        }
    }

    public long CoarsePredictionSlot
    {
        get
        {
            long value;
            Check(NativeTimingInterop.gs_timing_get_coarse_prediction(Handle, null, &value, null));
            return value;
        }
    }

    public long CoarsePredictionUncertaintyPs
    {
        get
        {
            long value;
            Check(NativeTimingInterop.gs_timing_get_coarse_prediction(Handle, null, null, &value));
            return value;
        }
    }

    public void SetCoincidenceWindowPs(int windowPs)
    {
        if (windowPs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowPs));
        }

        Check(NativeTimingInterop.gs_timing_set_coincidence_window_ps(Handle, windowPs));
    }

    public void SetCoarsePrediction(long groundTimePs, long satelliteSlot, long uncertaintyPs) =>
        Check(NativeTimingInterop.gs_timing_set_coarse_prediction(Handle, groundTimePs, satelliteSlot, uncertaintyPs));

    public void ClearCoarsePrediction() => Check(NativeTimingInterop.gs_timing_clear_coarse_prediction(Handle));

    public void GetSkewTablePs(int[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length < _detectorCount)
        {
            throw new IndexOutOfRangeException("skew table destination shorter than the detector channel count");
        }

        fixed (int* d = destination)
        {
            Check(NativeTimingInterop.gs_timing_get_skew_table_ps(Handle, d, destination.Length));
        }
    }

    public void SetSkewTablePs(int[] source)
    {
        ArgumentNullException.ThrowIfNull(source);
        fixed (int* s = source)
        {
            Check(NativeTimingInterop.gs_timing_set_skew_table_ps(Handle, s, source.Length));
        }
    }

    public void StartSkewCalibration() => Check(NativeTimingInterop.gs_timing_start_skew_calibration(Handle));

    public long SkewCalibrationCount(int channel)
    {
        long n = NativeTimingInterop.gs_timing_skew_calibration_count(Handle, channel);
        return n >= 0 ? n : throw new IndexOutOfRangeException("no such detector channel: " + channel);
    }

    public int ApplySkewCalibration(int minEntries) =>
        Check(NativeTimingInterop.gs_timing_apply_skew_calibration(Handle, minEntries));

    /// <summary>
    /// <see cref="TimingEngine.ProcessBatch"/>: same arguments, same result. The ranges the managed engine would
    /// index out of are refused up front (the C core cannot see the arrays' lengths).
    /// </summary>
    public int ProcessBatch(long[] timestampsPs, byte[] channels, int offset, int count,
        long[] slots, byte[] slotChannels, int[]? residualsPs, int outOffset)
    {
        ArgumentNullException.ThrowIfNull(timestampsPs);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(slotChannels);
        if (offset < 0 || count < 0 || (long)offset + count > timestampsPs.Length || (long)offset + count > channels.Length)
        {
            throw new IndexOutOfRangeException("input range outside the batch arrays");
        }

        if (outOffset < 0 || slotChannels.Length < slots.Length || (residualsPs != null && residualsPs.Length < slots.Length))
        {
            throw new IndexOutOfRangeException("output arrays shorter than the slot array, or a negative output offset");
        }

        fixed (long* t = timestampsPs)
        fixed (byte* c = channels)
        fixed (long* s = slots)
        fixed (byte* sc = slotChannels)
        fixed (int* r = residualsPs)
        {
            return Check(NativeTimingInterop.gs_timing_process_batch(Handle, t, c, offset, count, s, sc, r, outOffset, slots.Length));
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void* Handle => _state != null ? _state : throw new ObjectDisposedException(nameof(NativeTimingEngine));

    private void Free()
    {
        if (_state != null)
        {
            NativeMemory.AlignedFree(_state);
            _state = null;
        }
    }

    private static int Check(int status)
    {
        return status switch
        {
            >= 0 => status,
            NativeTimingInterop.ErrorArgument => throw new ArgumentException("native timing engine refused an argument"),
            _ => throw new InvalidOperationException("native timing engine status " + status),
        };
    }

    private static void CheckLayout()
    {
        if ((long)NativeTimingInterop.gs_timing_config_size() != sizeof(GsTimingConfig))
        {
            throw new InvalidOperationException("libgscore's gs_timing_config is " + NativeTimingInterop.gs_timing_config_size()
                + " bytes, this assembly declares " + sizeof(GsTimingConfig) + " (built with other capacities?)");
        }
    }

    private static GsTimingConfig ToNative(TimingConfig config)
    {
        var n = new GsTimingConfig
        {
            PulseRateHz = config.PulseRateHz,
            BeaconPeriodSlots = config.BeaconPeriodSlots,
            FrameLengthBeacons = config.FrameLengthBeacons,
            DetectorChannelCount = config.DetectorChannelCount,
            CoincidenceWindowPs = config.CoincidenceWindowPs,
            MaxRateOffsetPpm = config.MaxRateOffsetPpm,
            BeaconGatePs = config.BeaconGatePs,
            BeaconGateMinPs = config.BeaconGateMinPs,
            LossAfterMissedBeacons = config.LossAfterMissedBeacons,
            HoldoverMaxMs = config.HoldoverMaxMs,
            HoldoverConfirmBeacons = config.HoldoverConfirmBeacons,
            HoldoverDriftPpb = config.HoldoverDriftPpb,
            HoldoverRateChangePpbPerSecond = config.HoldoverRateChangePpbPerSecond,
            LoopTimeConstantLog2Ps = config.LoopTimeConstantLog2Ps,
            SkewHistogramBins = config.SkewHistogramBins,
            SkewCentroidHalfWidthBins = config.SkewCentroidHalfWidthBins,
            VoteHistory = config.VoteHistory,
            VoteMinPeriods = config.VoteMinPeriods,
            VoteMaxPeriods = config.VoteMaxPeriods,
            VotePeakMin = config.VotePeakMin,
            FoldBins = config.FoldBins,
            FoldPeakMin = config.FoldPeakMin,
            MarkerMargin = config.MarkerMargin,
            FoldTimeoutMs = config.FoldTimeoutMs,
            AcquireTimeoutMs = config.AcquireTimeoutMs,
            StalePredictionMaxMs = config.StalePredictionMaxMs,
            BeaconChannel = config.BeaconChannel,
        };

        // A null array is what TimingConfig.Validate names "OmittedFramePositions": a negative count makes the core
        // give the same answer; more entries than the fixed array holds is a capacity error there.
        int[]? omitted = config.OmittedFramePositions;
        if (omitted == null)
        {
            n.OmittedCount = -1;
        }
        else
        {
            n.OmittedCount = omitted.Length;
            for (int i = 0; i < omitted.Length && i < GsTimingConfig.MaxOmitted; i++)
            {
                n.OmittedFramePositions[i] = omitted[i];
            }
        }

        return n;
    }
}
