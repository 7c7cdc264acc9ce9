/*
 * gs_timing.c - TimingEngine's life cycle and control plane: the configuration (TimingConfig defaults and
 * Validate), init (the constructor), the control calls and the getters. Nothing here runs per event.
 */
#include "gs_timing_internal.h"

#include <string.h>

/* Longest gap between two arrivals of one re-lock group (TimingEngine.HoldoverConfirmGapPs, 50 ms). */
#define HOLDOVER_CONFIRM_GAP_PS ((int64_t)50000000000)

/* The engine relies on C's `/` truncating toward zero like C#'s (C99 and later); gs_sar does not rely on the
   compiler's `>>` of negatives. Fail the build on a compiler that breaks the first. */
_Static_assert(-7 / 2 == -3, "integer division must truncate toward zero (C# semantics)");
_Static_assert(sizeof(gs_timing_config) % 8 == 0, "gs_timing_config is mirrored by a managed sequential struct");
_Static_assert(sizeof(gs_timing_counters) == 14 * 8, "gs_timing_counters is mirrored by a managed struct");

void gs_timing_config_default(gs_timing_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->pulse_rate_hz = 100000000;
    cfg->beacon_period_slots = 10000;
    cfg->frame_length_beacons = 100;
    cfg->omitted_frame_positions[0] = 0;
    cfg->omitted_frame_positions[1] = 1;
    cfg->omitted_frame_positions[2] = 3;
    cfg->omitted_frame_positions[3] = 7;
    cfg->omitted_count = 4;
    cfg->beacon_channel = 4;
    cfg->detector_channel_count = 4;
    cfg->coincidence_window_ps = 500;
    cfg->max_rate_offset_ppm = 150;
    cfg->beacon_gate_ps = 2000;
    cfg->beacon_gate_min_ps = 250;
    cfg->loss_after_missed_beacons = 400;
    cfg->holdover_max_ms = 2000;
    cfg->holdover_confirm_beacons = 4;
    cfg->holdover_drift_ppb = 20;
    cfg->holdover_rate_change_ppb_per_second = 50;
    cfg->loop_time_constant_log2_ps = 36;
    cfg->skew_histogram_bins = 256;
    cfg->skew_centroid_half_width_bins = 8;
    cfg->vote_history = 32;
    cfg->vote_min_periods = 8;
    cfg->vote_max_periods = 256;
    cfg->vote_peak_min = 12;
    cfg->fold_bins = 256;
    cfg->fold_peak_min = 8;
    cfg->marker_margin = 6;
    cfg->fold_timeout_ms = 200;
    cfg->acquire_timeout_ms = 10000;
    cfg->stale_prediction_max_ms = 60000;
}

/* TimingConfig.Validate's checks in its order and words; then the compile-time capacities. */
int32_t gs_timing_config_check(const gs_timing_config *cfg, const char **setting)
{
#define GS_CHECK(ok, name, status)                                                                                    \
    do {                                                                                                              \
        if (!(ok)) {                                                                                                  \
            if (setting != NULL) {                                                                                    \
                *setting = (name);                                                                                    \
            }                                                                                                         \
            return (status);                                                                                          \
        }                                                                                                             \
    } while (0)
#define GS_VALID(ok, name) GS_CHECK(ok, name, GS_TIMING_E_CONFIG)

    if (setting != NULL) {
        *setting = NULL;
    }

    GS_CHECK(cfg != NULL, "config", GS_TIMING_E_ARGUMENT);
    GS_VALID(cfg->pulse_rate_hz >= 1000 && cfg->pulse_rate_hz <= 100000000000LL, "PulseRateHz");
    GS_VALID(cfg->beacon_period_slots >= 2 && cfg->beacon_period_slots <= 100000000, "BeaconPeriodSlots");
    GS_VALID(cfg->beacon_period_slots * (1000000000000LL / cfg->pulse_rate_hz) <= 1000000000000LL,
             "BeaconPeriodSlots (period over 1 s)");
    GS_VALID(cfg->frame_length_beacons >= 1 && cfg->frame_length_beacons <= 4096, "FrameLengthBeacons");

    /* C#: a null array or Length >= FrameLengthBeacons; a count outside the fixed array cannot describe one. */
    GS_VALID(cfg->omitted_count >= 0 && cfg->omitted_count < cfg->frame_length_beacons, "OmittedFramePositions");
    int32_t omitted_held = cfg->omitted_count < GS_TIMING_MAX_OMITTED ? cfg->omitted_count : GS_TIMING_MAX_OMITTED;
    for (int32_t i = 0; i < omitted_held; i++) {
        GS_VALID(cfg->omitted_frame_positions[i] >= 0 && cfg->omitted_frame_positions[i] < cfg->frame_length_beacons,
                 "OmittedFramePositions");
    }

    GS_VALID(cfg->detector_channel_count >= 1 && cfg->detector_channel_count <= 64, "DetectorChannelCount");
    GS_VALID(cfg->beacon_channel >= cfg->detector_channel_count, "BeaconChannel (must not be a detector channel)");
    GS_VALID(cfg->coincidence_window_ps >= 1, "CoincidenceWindowPs");
    GS_VALID(cfg->max_rate_offset_ppm >= 1 && cfg->max_rate_offset_ppm <= 2000, "MaxRateOffsetPpm");
    GS_VALID(cfg->beacon_gate_ps >= 1 && cfg->beacon_gate_ps <= 1000000, "BeaconGatePs");
    GS_VALID(cfg->beacon_gate_min_ps >= 1 && cfg->beacon_gate_min_ps <= cfg->beacon_gate_ps, "BeaconGateMinPs");
    GS_VALID(cfg->loss_after_missed_beacons >= 2 && cfg->loss_after_missed_beacons <= 1000000,
             "LossAfterMissedBeacons");
    GS_VALID(cfg->holdover_max_ms >= 0 && cfg->holdover_max_ms <= 60000, "HoldoverMaxMs");
    GS_VALID(cfg->holdover_confirm_beacons >= 2 && cfg->holdover_confirm_beacons <= 32, "HoldoverConfirmBeacons");
    GS_VALID(cfg->holdover_drift_ppb >= 0 && cfg->holdover_drift_ppb <= 100000, "HoldoverDriftPpb");
    GS_VALID(cfg->holdover_rate_change_ppb_per_second >= 0 && cfg->holdover_rate_change_ppb_per_second <= 100000,
             "HoldoverRateChangePpbPerSecond");
    GS_VALID(cfg->loop_time_constant_log2_ps >= 28 && cfg->loop_time_constant_log2_ps <= 44,
             "LoopTimeConstantLog2Ps");
    GS_VALID(cfg->skew_histogram_bins >= 8 && cfg->skew_histogram_bins <= 4096, "SkewHistogramBins");
    GS_VALID(cfg->skew_centroid_half_width_bins >= 1
                 && cfg->skew_centroid_half_width_bins < cfg->skew_histogram_bins / 2,
             "SkewCentroidHalfWidthBins");
    GS_VALID(cfg->vote_history >= 2 && cfg->vote_history <= 256, "VoteHistory");
    GS_VALID(cfg->vote_min_periods >= 1 && cfg->vote_max_periods >= cfg->vote_min_periods
                 && cfg->vote_max_periods <= 4096,
             "VoteMinPeriods/VoteMaxPeriods");
    GS_VALID((int64_t)cfg->vote_max_periods * cfg->max_rate_offset_ppm < 400000,
             "VoteMaxPeriods * MaxRateOffsetPpm (pair spacing ambiguous)");
    GS_VALID(cfg->vote_peak_min >= 2, "VotePeakMin");
    GS_VALID(cfg->fold_bins >= 8 && cfg->fold_bins <= 4096, "FoldBins");
    GS_VALID(cfg->fold_peak_min >= 2, "FoldPeakMin");
    GS_VALID(cfg->marker_margin >= 1, "MarkerMargin");
    GS_VALID(cfg->fold_timeout_ms >= 10 && cfg->fold_timeout_ms <= 10000, "FoldTimeoutMs");

    /* Any extrapolation of the model (loss timeout + holdover, fold span) stays under 2^37 slots. */
    int64_t period_ps = cfg->beacon_period_slots * (1000000000000LL / cfg->pulse_rate_hz);
    int64_t span_ms = ((cfg->loss_after_missed_beacons * period_ps) / 1000000000LL) + cfg->holdover_max_ms
        + cfg->fold_timeout_ms + 1;
    GS_VALID(span_ms * (cfg->pulse_rate_hz / 1000) < ((int64_t)1 << 37),
             "LossAfterMissedBeacons/HoldoverMaxMs (model span over 2^37 slots)");
    GS_VALID(cfg->acquire_timeout_ms >= 100, "AcquireTimeoutMs");
    GS_VALID(cfg->stale_prediction_max_ms >= 0 && cfg->stale_prediction_max_ms <= 600000, "StalePredictionMaxMs");

    /* Valid for the C# engine; now the arrays this build reserved (gs_timing.h capacities). */
    GS_CHECK(cfg->omitted_count <= GS_TIMING_MAX_OMITTED, "OmittedFramePositions (capacity)", GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->detector_channel_count <= GS_TIMING_MAX_DETECTORS, "DetectorChannelCount (capacity)",
             GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->skew_histogram_bins <= GS_TIMING_MAX_SKEW_BINS, "SkewHistogramBins (capacity)",
             GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->fold_bins <= GS_TIMING_MAX_FOLD_BINS, "FoldBins (capacity)", GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->frame_length_beacons <= GS_TIMING_MAX_FRAME_BEACONS, "FrameLengthBeacons (capacity)",
             GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->vote_history <= GS_TIMING_MAX_VOTE_HISTORY, "VoteHistory (capacity)", GS_TIMING_E_CAPACITY);
    GS_CHECK(cfg->max_rate_offset_ppm <= GS_TIMING_MAX_RATE_OFFSET_PPM, "MaxRateOffsetPpm (capacity)",
             GS_TIMING_E_CAPACITY);
    return GS_TIMING_OK;
#undef GS_VALID
#undef GS_CHECK
}

size_t gs_timing_state_size(void)
{
    return sizeof(gs_timing_state);
}

size_t gs_timing_config_size(void)
{
    return sizeof(gs_timing_config);
}

int64_t gs_timing_model_nearest_slot(const gs_clock_model *model, int64_t t, int64_t *residual_q24)
{
    int64_t residual = 0;
    int64_t slot = model == NULL ? 0 : gs_clock_nearest_slot(model, t, &residual);
    if (residual_q24 != NULL) {
        *residual_q24 = residual;
    }

    return slot;
}

int64_t gs_timing_mul_shift(int64_t a, int64_t b, int32_t shift)
{
    /* Outside 0..64 the C# shifts by the count mod 64 in places and is undefined in C: refuse (0). */
    return shift < 0 || shift > 64 ? 0 : gs_fp_mul_shift(a, b, shift);
}

int32_t gs_timing_init(gs_timing_state *s, const gs_timing_config *cfg)
{
    if (s == NULL) {
        return GS_TIMING_E_ARGUMENT;
    }

    s->magic = 0;
    int32_t status = gs_timing_config_check(cfg, NULL);
    if (status != GS_TIMING_OK) {
        return status;
    }

    memset(s, 0, sizeof(*s));
    s->config = *cfg;
    s->mode = GS_TIMING_SEARCHING;
    s->beacon_channel = cfg->beacon_channel;
    s->detector_count = cfg->detector_channel_count;
    s->beacon_slots = cfg->beacon_period_slots;
    s->frame_length = cfg->frame_length_beacons;
    s->loop_log2 = cfg->loop_time_constant_log2_ps;

    /* Slot width (ps, Q16) and nominal slots per ps (Q64) from the pulse rate; exact to the last bit. */
    s->slot_width_ps_q16 = gs_fp_divide_shifted(1000000000000LL, 16, cfg->pulse_rate_hz);
    s->nominal_slots_per_ps_q64 = gs_fp_divide_shifted(cfg->pulse_rate_hz, 64, 1000000000000LL);
    s->beacon_period_ps = ((s->beacon_slots * s->slot_width_ps_q16) + ((int64_t)1 << 15)) >> 16;
    s->window_q24 = gs_fp_divide_shifted(cfg->coincidence_window_ps, 40, s->slot_width_ps_q16);
    s->gate_locked_ps = cfg->beacon_gate_ps;
    s->gate_min_ps = cfg->beacon_gate_min_ps;
    s->fold_timeout_ps = cfg->fold_timeout_ms * 1000000000LL;
    s->loss_timeout_ps = cfg->loss_after_missed_beacons * s->beacon_period_ps;
    s->holdover_max_ps = s->loss_timeout_ps + (cfg->holdover_max_ms * 1000000000LL);
    s->acquire_timeout_ps = cfg->acquire_timeout_ms * 1000000000LL;
    s->stale_prediction_max_ps = cfg->stale_prediction_max_ms * 1000000000LL;

    /* ClockModel.Track's D cap, (2^L)/6, for the tracking and the acquisition gear (L - 2). */
    s->track_d_max_ps[0] = ((int64_t)1 << s->loop_log2) / 6;
    s->track_d_max_ps[1] = ((int64_t)1 << (s->loop_log2 - 2)) / 6;

    s->search_start_ps = GS_TIMING_NO_TIME;
    s->settled_since_ps = GS_TIMING_NO_TIME;
    s->last_accepted_beacon_ps = GS_TIMING_NO_TIME;
    s->loss_deadline_ps = INT64_MAX;
    s->last_lock_ground_ps = GS_TIMING_NO_TIME;
    s->last_acquisition_start_ground_ps = GS_TIMING_NO_TIME;
    s->last_loss_ground_ps = GS_TIMING_NO_TIME;

    gs_voter_init(&s->voter, cfg, s->beacon_period_ps);
    gs_folder_init(&s->folder, cfg);
    gs_marker_init(&s->marker, cfg);
    gs_skew_init(&s->skew, cfg, s->slot_width_ps_q16);
    gs_relock_init(&s->relock, cfg->holdover_confirm_beacons, HOLDOVER_CONFIRM_GAP_PS);
    s->magic = GS_TIMING_MAGIC;
    return GS_TIMING_OK;
}

static bool ready(const gs_timing_state *s)
{
    return s != NULL && s->magic == GS_TIMING_MAGIC;
}

/* ------------------------------------------------------------------ control calls */

int32_t gs_timing_set_coincidence_window_ps(gs_timing_state *s, int32_t window_ps)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (window_ps < 1) {
        return GS_TIMING_E_ARGUMENT;
    }

    s->config.coincidence_window_ps = window_ps;
    s->window_q24 = gs_fp_divide_shifted(window_ps, 40, s->slot_width_ps_q16);
    return GS_TIMING_OK;
}

int32_t gs_timing_set_coarse_prediction(gs_timing_state *s, int64_t ground_time_ps, int64_t satellite_slot,
                                        int64_t uncertainty_ps)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    s->has_prediction = true;
    s->prediction_ground_ps = ground_time_ps;
    s->prediction_slot = satellite_slot;
    s->prediction_uncertainty_ps = gs_abs(uncertainty_ps);
    if (s->index_known && !s->index_resolved && (s->mode == GS_TIMING_LOCKED || s->mode == GS_TIMING_HOLDOVER)) {
        gs_timing_resolve_locked_index(s);
    } else if (s->phase_known && !s->index_known) {
        (void)gs_timing_try_resolve_by_prediction(s, s->model.anchor_ground_ps);
    }

    return GS_TIMING_OK;
}

int32_t gs_timing_clear_coarse_prediction(gs_timing_state *s)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    s->has_prediction = false;
    return GS_TIMING_OK;
}

int32_t gs_timing_get_skew_table_ps(const gs_timing_state *s, int32_t *destination, int32_t length)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (destination == NULL || length < s->skew.channels) {
        return GS_TIMING_E_ARGUMENT;
    }

    for (int32_t c = 0; c < s->skew.channels; c++) {
        destination[c] = s->skew.skew_ps[c];
    }

    return GS_TIMING_OK;
}

int32_t gs_timing_set_skew_table_ps(gs_timing_state *s, const int32_t *source, int32_t length)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (length < 0 || (length > 0 && source == NULL)) {
        return GS_TIMING_E_ARGUMENT;
    }

    for (int32_t c = 0; c < s->skew.channels; c++) {
        s->skew.skew_ps[c] = c < length ? source[c] : 0;
    }

    return GS_TIMING_OK;
}

int32_t gs_timing_start_skew_calibration(gs_timing_state *s)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    gs_skew_start(&s->skew);
    return GS_TIMING_OK;
}

int32_t gs_timing_apply_skew_calibration(gs_timing_state *s, int32_t min_entries)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    return gs_skew_apply(&s->skew, min_entries);
}

/* ------------------------------------------------------------------ getters */

int32_t gs_timing_mode_of(const gs_timing_state *s)
{
    return ready(s) ? s->mode : GS_TIMING_E_STATE;
}

int32_t gs_timing_get_counters(const gs_timing_state *s, gs_timing_counters *out)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (out == NULL) {
        return GS_TIMING_E_ARGUMENT;
    }

    *out = s->counters;
    return GS_TIMING_OK;
}

int32_t gs_timing_get_model(const gs_timing_state *s, gs_clock_model *out)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (out == NULL) {
        return GS_TIMING_E_ARGUMENT;
    }

    *out = s->model;
    return GS_TIMING_OK;
}

bool gs_timing_index_resolved(const gs_timing_state *s) { return ready(s) && s->index_resolved; }
int64_t gs_timing_last_lock_ground_ps(const gs_timing_state *s) { return ready(s) ? s->last_lock_ground_ps : GS_TIMING_NO_TIME; }
int64_t gs_timing_last_acquisition_start_ground_ps(const gs_timing_state *s)
{
    return ready(s) ? s->last_acquisition_start_ground_ps : GS_TIMING_NO_TIME;
}
int64_t gs_timing_last_loss_ground_ps(const gs_timing_state *s) { return ready(s) ? s->last_loss_ground_ps : GS_TIMING_NO_TIME; }
int64_t gs_timing_beacon_period_ps(const gs_timing_state *s) { return ready(s) ? s->beacon_period_ps : 0; }
int64_t gs_timing_slot_width_ps_q16(const gs_timing_state *s) { return ready(s) ? s->slot_width_ps_q16 : 0; }
int64_t gs_timing_mean_abs_beacon_residual_ps(const gs_timing_state *s) { return ready(s) ? s->mean_abs_residual_ps : 0; }
bool gs_timing_has_coarse_prediction(const gs_timing_state *s) { return ready(s) && s->has_prediction; }
bool gs_timing_skew_calibration_running(const gs_timing_state *s) { return ready(s) && s->skew.collecting; }

/* Clock rate offset (ground ps per satellite ps - 1), ppb (TimingEngine.RateOffsetPpb). */
int64_t gs_timing_rate_offset_ppb(const gs_timing_state *s)
{
    if (!ready(s)) {
        return 0;
    }

    int64_t f = gs_sar(s->model.slots_per_ps_q64, 10);
    int64_t numerator = gs_mul(gs_sub(gs_sar(s->nominal_slots_per_ps_q64, 10), f), 1000000000);

    /* f == -1 only for a negative (diverged) rate: the C# throws OverflowException on long.MinValue / -1; C would
       trap, so divide by -1 as a negation (wraps like the C# unchecked negation). */
    return f == 0 ? 0 : (f == -1 ? gs_neg(numerator) : numerator / f);
}

int32_t gs_timing_get_coarse_prediction(const gs_timing_state *s, int64_t *ground_ps, int64_t *slot,
                                        int64_t *uncertainty_ps)
{
    if (!ready(s)) {
        return GS_TIMING_E_STATE;
    }

    if (ground_ps != NULL) {
        *ground_ps = s->prediction_ground_ps;
    }

    if (slot != NULL) {
        *slot = s->prediction_slot;
    }

    if (uncertainty_ps != NULL) {
        *uncertainty_ps = s->prediction_uncertainty_ps;
    }

    return GS_TIMING_OK;
}

int64_t gs_timing_skew_calibration_count(const gs_timing_state *s, int32_t channel)
{
    if (!ready(s) || channel < 0 || channel >= s->skew.channels) {
        return -1;
    }

    return gs_skew_count(&s->skew, channel);
}
