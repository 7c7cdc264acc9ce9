using System.Runtime.InteropServices;

namespace GroundStation.NativeCore;

/// <summary>
/// gs_timing_config (gs_timing.h), field for field: 64-bit field first, no padding, the omitted frame positions as a
/// fixed array of GS_TIMING_MAX_OMITTED. The size is checked against gs_timing_config_size() before first use.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GsTimingConfig
{
    public const int MaxOmitted = 16;

    public long PulseRateHz;
    public int BeaconPeriodSlots;
    public int FrameLengthBeacons;
    public fixed int OmittedFramePositions[MaxOmitted];
    public int OmittedCount;
    public int DetectorChannelCount;
    public int CoincidenceWindowPs;
    public int MaxRateOffsetPpm;
    public int BeaconGatePs;
    public int BeaconGateMinPs;
    public int LossAfterMissedBeacons;
    public int HoldoverMaxMs;
    public int HoldoverConfirmBeacons;
    public int HoldoverDriftPpb;
    public int HoldoverRateChangePpbPerSecond;
    public int LoopTimeConstantLog2Ps;
    public int SkewHistogramBins;
    public int SkewCentroidHalfWidthBins;
    public int VoteHistory;
    public int VoteMinPeriods;
    public int VoteMaxPeriods;
    public int VotePeakMin;
    public int FoldBins;
    public int FoldPeakMin;
    public int MarkerMargin;
    public int FoldTimeoutMs;
    public int AcquireTimeoutMs;
    public int StalePredictionMaxMs;
    public byte BeaconChannel;
    public fixed byte Reserved[7];
}

/// <summary>gs_clock_model: the five ClockModel fields in order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GsClockModel
{
    public long AnchorGroundPs;
    public long AnchorSlot;
    public long AnchorFraction;
    public long SlotsPerPsQ64;
    public long RateChangePer2p40Ps;
}

/// <summary>The timing engine's C entry points (firmware/Native/core/include/gs_timing.h).</summary>
internal static unsafe class NativeTimingInterop
{
    public const int Ok = 0;
    public const int ErrorArgument = -1;
    public const int ErrorState = -2;
    public const int ErrorConfig = -16;
    public const int ErrorCapacity = -17;

    /// <summary>Counters in gs_timing_counters (all int64, TimingCounters' order).</summary>
    public const int CounterCount = 14;

    private const string Lib = NativeCoreLibrary.Name;

    [DllImport(Lib)] public static extern nuint gs_timing_state_size();
    [DllImport(Lib)] public static extern nuint gs_timing_config_size();
    [DllImport(Lib)] public static extern int gs_timing_config_check(GsTimingConfig* cfg, byte** setting);
    [DllImport(Lib)] public static extern int gs_timing_init(void* state, GsTimingConfig* cfg);

    [DllImport(Lib)]
    public static extern int gs_timing_process_batch(void* state, long* timestampsPs, byte* channels, int offset,
        int count, long* slots, byte* slotChannels, int* residualsPs, int outOffset, int outCapacity);

    [DllImport(Lib)] public static extern int gs_timing_set_coincidence_window_ps(void* state, int windowPs);
    [DllImport(Lib)] public static extern int gs_timing_set_coarse_prediction(void* state, long groundPs, long slot, long uncertaintyPs);
    [DllImport(Lib)] public static extern int gs_timing_clear_coarse_prediction(void* state);
    [DllImport(Lib)] public static extern int gs_timing_get_skew_table_ps(void* state, int* destination, int length);
    [DllImport(Lib)] public static extern int gs_timing_set_skew_table_ps(void* state, int* source, int length);
    [DllImport(Lib)] public static extern int gs_timing_start_skew_calibration(void* state);
    [DllImport(Lib)] public static extern int gs_timing_apply_skew_calibration(void* state, int minEntries);
    [DllImport(Lib)] public static extern int gs_timing_mode_of(void* state);
    [DllImport(Lib)] public static extern int gs_timing_get_counters(void* state, long* counters);
    [DllImport(Lib)] public static extern int gs_timing_get_model(void* state, GsClockModel* model);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool gs_timing_index_resolved(void* state);
    [DllImport(Lib)] public static extern long gs_timing_last_lock_ground_ps(void* state);
    [DllImport(Lib)] public static extern long gs_timing_last_acquisition_start_ground_ps(void* state);
    [DllImport(Lib)] public static extern long gs_timing_last_loss_ground_ps(void* state);
    [DllImport(Lib)] public static extern long gs_timing_beacon_period_ps(void* state);
    [DllImport(Lib)] public static extern long gs_timing_slot_width_ps_q16(void* state);
    [DllImport(Lib)] public static extern long gs_timing_rate_offset_ppb(void* state);
    [DllImport(Lib)] public static extern long gs_timing_mean_abs_beacon_residual_ps(void* state);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool gs_timing_has_coarse_prediction(void* state);
    [DllImport(Lib)] public static extern int gs_timing_get_coarse_prediction(void* state, long* groundPs, long* slot, long* uncertaintyPs);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool gs_timing_skew_calibration_running(void* state);
    [DllImport(Lib)] public static extern long gs_timing_skew_calibration_count(void* state, int channel);
    [DllImport(Lib)] public static extern long gs_timing_model_nearest_slot(GsClockModel* model, long t, long* residualQ24);
    [DllImport(Lib)] public static extern long gs_timing_mul_shift(long a, long b, int shift);
}
