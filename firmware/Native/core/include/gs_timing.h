/*
 * gs_timing.h - the timing engine of firmware/Timing (TimingEngine.cs and its parts) as portable C11.
 *
 * Maps the ground tagger's clock onto the satellite's slot clock from the beacon channel (search, fold, track,
 * lock, holdover, loss) and gives every detector event an absolute slot or a drop reason. The C# lean engine is
 * the reference: every function here gives the same integers, counters and state transitions, event for event
 * (firmware/Timing/README.md "Per-event path" is the specification; tests/NativeCore.Tests/Timing*Tests.cs
 * compare both). Rules: no heap (the caller owns one gs_timing_state), no floating point, explicit widths, no
 * libc beyond <stdint.h>/<stdbool.h>/<stddef.h>/<string.h>.
 *
 * Capacities: the C# engine sizes its arrays from the configuration; here they are compile-time maxima (override
 * with -D at build time). gs_timing_init rejects a configuration that the C# engine would reject
 * (GS_TIMING_E_CONFIG, same rules as TimingConfig.Validate) or that is valid but beyond these maxima
 * (GS_TIMING_E_CAPACITY). Defaults: room for the C# defaults with headroom, a few tens of KB in all.
 */
#ifndef GS_TIMING_H
#define GS_TIMING_H

#include "gs_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Detector channels (C# default 4, maximum 64). */
#ifndef GS_TIMING_MAX_DETECTORS
#define GS_TIMING_MAX_DETECTORS 8
#endif

/* Skew-calibration histogram bins per detector channel (C# default 256, maximum 4096). */
#ifndef GS_TIMING_MAX_SKEW_BINS
#define GS_TIMING_MAX_SKEW_BINS 256
#endif

/* Phase-fold bins (C# default 256, maximum 4096). */
#ifndef GS_TIMING_MAX_FOLD_BINS
#define GS_TIMING_MAX_FOLD_BINS 256
#endif

/* Beacons per frame of the frame marker (C# default 100, maximum 4096). */
#ifndef GS_TIMING_MAX_FRAME_BEACONS
#define GS_TIMING_MAX_FRAME_BEACONS 256
#endif

/* Omitted frame positions (C# default 4: {0, 1, 3, 7}). */
#ifndef GS_TIMING_MAX_OMITTED
#define GS_TIMING_MAX_OMITTED 16
#endif

/* Rate voter history (C# default 32, maximum 256). */
#ifndef GS_TIMING_MAX_VOTE_HISTORY
#define GS_TIMING_MAX_VOTE_HISTORY 64
#endif

/* Rate search range, ppm (C# default 150, maximum 2000); sets the vote bins below. */
#ifndef GS_TIMING_MAX_RATE_OFFSET_PPM
#define GS_TIMING_MAX_RATE_OFFSET_PPM 300
#endif

/* Vote bins for that range: 2 * (floor(ppm * 2^20 / 10^6) + 1) + 1, as RateVoter sizes them. */
#define GS_TIMING_MAX_RATE_BINS (2 * ((int32_t)(((int64_t)GS_TIMING_MAX_RATE_OFFSET_PPM << 20) / 1000000) + 1) + 1)

/* Re-lock groups of RelockConfirmer (fixed in C# too). */
#define GS_TIMING_RELOCK_GROUPS 4

/* "No time yet" marker for ground times (TimingEngine.NoTime = long.MinValue). */
#define GS_TIMING_NO_TIME INT64_MIN

/* Status codes (negative; 0 = success): the core's (gs_types.h) and two of the timing engine's own. */
#define GS_TIMING_OK GS_OK
#define GS_TIMING_E_ARGUMENT GS_ERR_ARGUMENT /* null pointer, negative length, index outside an array */
#define GS_TIMING_E_STATE GS_ERR_STATE       /* state not initialised by gs_timing_init */
#define GS_TIMING_E_CONFIG (-16)             /* a setting TimingConfig.Validate rejects (C#: ArgumentException) */
#define GS_TIMING_E_CAPACITY (-17)           /* a valid setting beyond the compile-time maxima above */

/* TimingState (same numbers as the C# enum). */
typedef enum gs_timing_mode {
    GS_TIMING_SEARCHING = 0,
    GS_TIMING_ACQUIRING = 1,
    GS_TIMING_LOCKED = 2,
    GS_TIMING_HOLDOVER = 3
} gs_timing_mode;

/*
 * TimingConfig: same fields, meanings, defaults (gs_timing_config_default) and ranges. Laid out without padding
 * (64-bit fields first) so a managed caller can mirror it with a sequential struct.
 */
typedef struct gs_timing_config {
    int64_t pulse_rate_hz;                          /* 1 kHz .. 100 GHz; default 100 MHz */
    int32_t beacon_period_slots;                    /* 2 .. 1e8; default 10,000 */
    int32_t frame_length_beacons;                   /* 1 .. 4096; default 100 */
    int32_t omitted_frame_positions[GS_TIMING_MAX_OMITTED]; /* default {0, 1, 3, 7} */
    int32_t omitted_count;                          /* entries used; 0 = no frame marker */
    int32_t detector_channel_count;                 /* 1 .. 64; default 4 */
    int32_t coincidence_window_ps;                  /* default 500 */
    int32_t max_rate_offset_ppm;                    /* default 150 */
    int32_t beacon_gate_ps;                         /* default 2000 */
    int32_t beacon_gate_min_ps;                     /* default 250 */
    int32_t loss_after_missed_beacons;              /* default 400 */
    int32_t holdover_max_ms;                        /* default 2000 */
    int32_t holdover_confirm_beacons;               /* default 4 */
    int32_t holdover_drift_ppb;                     /* default 20 */
    int32_t holdover_rate_change_ppb_per_second;    /* default 50 */
    int32_t loop_time_constant_log2_ps;             /* default 36 */
    int32_t skew_histogram_bins;                    /* default 256 */
    int32_t skew_centroid_half_width_bins;          /* default 8 */
    int32_t vote_history;                           /* default 32 */
    int32_t vote_min_periods;                       /* default 8 */
    int32_t vote_max_periods;                       /* default 256 */
    int32_t vote_peak_min;                          /* default 12 */
    int32_t fold_bins;                              /* default 256 */
    int32_t fold_peak_min;                          /* default 8 */
    int32_t marker_margin;                          /* default 6 */
    int32_t fold_timeout_ms;                        /* default 200 */
    int32_t acquire_timeout_ms;                     /* default 10000 */
    int32_t stale_prediction_max_ms;                /* default 60000 */
    uint8_t beacon_channel;                         /* default 4 */
    uint8_t reserved[7];                            /* keeps the size a multiple of 8; write zeros */
} gs_timing_config;

/* TimingCounters: same fields in the same order (all int64). */
typedef struct gs_timing_counters {
    int64_t detections_seen;
    int64_t assigned;
    int64_t dropped_unlocked;
    int64_t dropped_outside_window;
    int64_t dropped_unknown_channel;
    int64_t dropped_output_full;
    int64_t beacon_events;
    int64_t beacons_accepted;
    int64_t beacons_rejected;
    int64_t locks;
    int64_t losses_of_lock;
    int64_t holdover_recoveries;
    int64_t acquisition_restarts;
    int64_t index_resolutions;
} gs_timing_counters;

/* ClockModel: x(t) = anchor_slot + anchor_fraction/2^24 + u*F + u^2*G/2, u = t - anchor_ground_ps. */
typedef struct gs_clock_model {
    int64_t anchor_ground_ps;
    int64_t anchor_slot;
    int64_t anchor_fraction;          /* Q24, [0, 2^24) */
    int64_t slots_per_ps_q64;         /* F */
    int64_t rate_change_per_2p40_ps;  /* G: change of F per 2^40 ps */
} gs_clock_model;

/* RateVoter (acquisition step 1). */
typedef struct gs_timing_voter {
    int64_t history[GS_TIMING_MAX_VOTE_HISTORY];
    int64_t sum_dt_ps[GS_TIMING_MAX_RATE_BINS];
    int64_t sum_periods[GS_TIMING_MAX_RATE_BINS];
    int32_t votes[GS_TIMING_MAX_RATE_BINS];
    int64_t beacon_period_ps;
    int64_t beacon_period_slots;
    int64_t window_ps;
    int64_t window_start_ps;
    int32_t history_length;
    int32_t bins;
    int32_t half_bins;
    int32_t min_periods;
    int32_t max_periods;
    int32_t peak_min;
    int32_t history_count;
    int32_t history_next;
    int32_t best_bin;
    int32_t best_votes;
} gs_timing_voter;

/* PhaseFolder (acquisition step 2). */
typedef struct gs_timing_folder {
    int64_t offset_sums_q24[GS_TIMING_MAX_FOLD_BINS];
    int32_t counts[GS_TIMING_MAX_FOLD_BINS];
    int64_t period_q24;
    int64_t bin_width_q24;
    int64_t reference_ps;
    int64_t slots_per_ps_q64;
    int32_t bins;
    int32_t peak_min;
    int32_t total;
    int32_t best_bin;
} gs_timing_folder;

/* FrameMarkerSearch (acquisition step 3). */
typedef struct gs_timing_marker {
    int32_t counts[GS_TIMING_MAX_FRAME_BEACONS];
    int32_t omitted[GS_TIMING_MAX_OMITTED];
    int64_t frame_start_mod;
    int32_t length;
    int32_t omitted_count;
    int32_t margin;
    int32_t added;
} gs_timing_marker;

/* SkewCalibrator: skew table (subtracted per detection) and residual histograms (filled per detection). */
typedef struct gs_timing_skew {
    int32_t histograms[GS_TIMING_MAX_DETECTORS][GS_TIMING_MAX_SKEW_BINS];
    int32_t skew_ps[GS_TIMING_MAX_DETECTORS];
    int64_t slot_width_ps_q16;
    int32_t channels;
    int32_t bins;
    int32_t half_width;
    bool collecting;
} gs_timing_skew;

/* RelockConfirmer (holdover re-lock). */
typedef struct gs_timing_relock {
    int64_t first_error_ps[GS_TIMING_RELOCK_GROUPS];
    int64_t last_arrival_ps[GS_TIMING_RELOCK_GROUPS];
    int32_t count[GS_TIMING_RELOCK_GROUPS];
    int64_t gap_ps;
    int32_t needed;
} gs_timing_relock;

/*
 * The whole engine (TimingEngine's fields). Caller-owned, fixed size (gs_timing_state_size()), no pointers into
 * itself, so it may be copied or placed in any memory; read it through the getters below.
 */
typedef struct gs_timing_state {
    uint32_t magic;                   /* set by gs_timing_init: calls on an uninitialised state are refused */
    int32_t mode;                     /* gs_timing_mode */
    gs_timing_config config;
    gs_timing_counters counters;
    gs_clock_model model;
    gs_clock_model stale_model;

    /* Settings derived once at init (TimingEngine constructor). */
    int64_t beacon_slots;
    int64_t frame_length;
    int64_t beacon_period_ps;
    int64_t slot_width_ps_q16;
    int64_t nominal_slots_per_ps_q64;
    int64_t window_q24;
    int64_t gate_locked_ps;
    int64_t gate_min_ps;
    int64_t fold_timeout_ps;
    int64_t loss_timeout_ps;
    int64_t holdover_max_ps;
    int64_t acquire_timeout_ps;
    int64_t stale_prediction_max_ps;
    int64_t track_d_max_ps[2];        /* (2^L)/6 and (2^(L-2))/6: ClockModel.Track's cap, precomputed (no division per beacon) */
    int32_t beacon_channel;
    int32_t detector_count;
    int32_t loop_log2;

    /* Acquisition and tracking progress. */
    bool phase_known;
    bool index_known;
    bool index_resolved;
    bool first_tracked_beacon;
    bool has_prediction;
    bool has_stale_model;
    bool stale_index_resolved;
    int32_t acquiring_accepted;
    int64_t search_start_ps;
    int64_t acquire_start_ps;
    int64_t fold_start_ps;
    int64_t tracking_start_ps;
    int64_t settled_since_ps;
    int64_t acquiring_gate_ps;
    int64_t last_accepted_beacon_ps;
    int64_t loss_deadline_ps;
    int64_t mean_abs_residual_ps;
    int64_t mean_residual_ps;
    int64_t prediction_ground_ps;
    int64_t prediction_slot;
    int64_t prediction_uncertainty_ps;
    int64_t stale_last_beacon_ps;
    int64_t beacon_index_hint;
    int64_t beacon_slot_hint;
    int64_t last_lock_ground_ps;
    int64_t last_acquisition_start_ground_ps;
    int64_t last_loss_ground_ps;

    gs_timing_voter voter;
    gs_timing_folder folder;
    gs_timing_marker marker;
    gs_timing_skew skew;
    gs_timing_relock relock;
} gs_timing_state;

/* ------------------------------------------------------------------ configuration and life cycle */

/* Fills cfg with TimingConfig's defaults. */
GS_API void gs_timing_config_default(gs_timing_config *cfg);

/*
 * Checks cfg as TimingConfig.Validate does, then against the capacities. Returns GS_TIMING_OK, GS_TIMING_E_CONFIG
 * or GS_TIMING_E_CAPACITY; *setting (may be NULL) gets the name of the first offending setting, in the C# message's
 * words, or NULL when valid (for a one-line error).
 */
GS_API int32_t gs_timing_config_check(const gs_timing_config *cfg, const char **setting);

/*
 * TimingEngine's constructor: checks cfg, then (re)starts the engine in Searching with zeroed counters. Also the
 * reset: calling it again on a running state starts over (the C# engine has no reset; a new object is the same).
 * On error the state is left unusable (magic cleared).
 */
GS_API int32_t gs_timing_init(gs_timing_state *s, const gs_timing_config *cfg);

/* sizeof(gs_timing_state), for callers that allocate it without this header (P/Invoke). */
GS_API size_t gs_timing_state_size(void);

/* sizeof(gs_timing_config), so a managed mirror of the struct can check its layout before the first call. */
GS_API size_t gs_timing_config_size(void);

/* ------------------------------------------------------------------ the per-event path */

/*
 * TimingEngine.ProcessBatch: processes timestamps_ps[offset .. offset+count) with their channels in input order;
 * each accepted detection is written at out_offset.. of slots/slot_channels (and residuals_ps when not NULL),
 * ordered by slot within the call. out_capacity is the length of the output arrays (C#: slots.Length); detections
 * that do not fit are counted in dropped_output_full. Returns the number written (>= 0) or a negative status.
 */
GS_API int32_t gs_timing_process_batch(gs_timing_state *s, const int64_t *timestamps_ps, const uint8_t *channels,
                                       int32_t offset, int32_t count, int64_t *slots, uint8_t *slot_channels,
                                       int32_t *residuals_ps, int32_t out_offset, int32_t out_capacity);

/* ------------------------------------------------------------------ control calls */

/* SetCoincidenceWindowPs (window_ps >= 1, else GS_TIMING_E_ARGUMENT). */
GS_API int32_t gs_timing_set_coincidence_window_ps(gs_timing_state *s, int32_t window_ps);

/* SetCoarsePrediction / ClearCoarsePrediction. */
GS_API int32_t gs_timing_set_coarse_prediction(gs_timing_state *s, int64_t ground_time_ps, int64_t satellite_slot,
                                               int64_t uncertainty_ps);
GS_API int32_t gs_timing_clear_coarse_prediction(gs_timing_state *s);

/* GetSkewTablePs (destination holds at least detector_channel_count entries) / SetSkewTablePs (channels beyond
   length are set to 0). */
GS_API int32_t gs_timing_get_skew_table_ps(const gs_timing_state *s, int32_t *destination, int32_t length);
GS_API int32_t gs_timing_set_skew_table_ps(gs_timing_state *s, const int32_t *source, int32_t length);

/* StartSkewCalibration / ApplySkewCalibration (returns channels updated, or a negative status). */
GS_API int32_t gs_timing_start_skew_calibration(gs_timing_state *s);
GS_API int32_t gs_timing_apply_skew_calibration(gs_timing_state *s, int32_t min_entries);

/* ------------------------------------------------------------------ getters (the C# properties) */

GS_API int32_t gs_timing_mode_of(const gs_timing_state *s);             /* State, or a negative status */
GS_API int32_t gs_timing_get_counters(const gs_timing_state *s, gs_timing_counters *out);
GS_API int32_t gs_timing_get_model(const gs_timing_state *s, gs_clock_model *out);
GS_API bool gs_timing_index_resolved(const gs_timing_state *s);
GS_API int64_t gs_timing_last_lock_ground_ps(const gs_timing_state *s);
GS_API int64_t gs_timing_last_acquisition_start_ground_ps(const gs_timing_state *s);
GS_API int64_t gs_timing_last_loss_ground_ps(const gs_timing_state *s);
GS_API int64_t gs_timing_beacon_period_ps(const gs_timing_state *s);
GS_API int64_t gs_timing_slot_width_ps_q16(const gs_timing_state *s);
GS_API int64_t gs_timing_rate_offset_ppb(const gs_timing_state *s);    /* control plane: one 64-bit division */
GS_API int64_t gs_timing_mean_abs_beacon_residual_ps(const gs_timing_state *s);
GS_API bool gs_timing_has_coarse_prediction(const gs_timing_state *s);
/* CoarsePredictionGroundPs / Slot / UncertaintyPs (as held; any pointer may be NULL). */
GS_API int32_t gs_timing_get_coarse_prediction(const gs_timing_state *s, int64_t *ground_ps, int64_t *slot,
                                               int64_t *uncertainty_ps);
GS_API bool gs_timing_skew_calibration_running(const gs_timing_state *s);
GS_API int64_t gs_timing_skew_calibration_count(const gs_timing_state *s, int32_t channel); /* -1: no such channel */

/* ------------------------------------------------------------------ the arithmetic, for host tools and tests */

/* ClockModel.NearestSlot on a model (e.g. one read with gs_timing_get_model): nearest slot to t, residual Q24. */
GS_API int64_t gs_timing_model_nearest_slot(const gs_clock_model *model, int64_t t, int64_t *residual_q24);

/* FixedPoint.MulShift: floor(a * b / 2^shift), 0 <= shift <= 64, exact through 128 bits. */
GS_API int64_t gs_timing_mul_shift(int64_t a, int64_t b, int32_t shift);

#ifdef __cplusplus
}
#endif

#endif /* GS_TIMING_H */
