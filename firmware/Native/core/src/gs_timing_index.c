/*
 * gs_timing_index.c - TimingEngine's state changes and beacon-index resolution: start of tracking, the index from
 * a prediction (host or the model before a loss) or from the frame marker, lock, holdover, loss and restart.
 * Control plane and acquisition only (a handful of calls per lock): 64-bit divisions are acceptable here.
 */
#include "gs_timing_internal.h"

void gs_timing_set_last_accepted_beacon(gs_timing_state *s, int64_t t)
{
    s->last_accepted_beacon_ps = t;
    s->loss_deadline_ps = gs_add(t, s->loss_timeout_ps);
}

/*
 * Predicted absolute slot minus the model's slot at t, from the host prediction or the stale model, whichever is
 * tighter (TimingEngine.PredictDelta); false when neither applies.
 */
static bool predict_delta(const gs_timing_state *s, int64_t t, int64_t *delta_slots, int64_t *uncertainty_ps,
                          bool *from_stale)
{
    *from_stale = false;
    *delta_slots = 0;
    *uncertainty_ps = INT64_MAX;
    bool found = false;
    int64_t residual;
    int64_t current = gs_clock_nearest_slot(&s->model, t, &residual);
    if (s->has_prediction) {
        int64_t elapsed = gs_sub(t, s->prediction_ground_ps);
        *delta_slots = gs_sub(gs_add(s->prediction_slot, gs_fp_mul_shift(elapsed, s->model.slots_per_ps_q64, 64)),
                              current);

        /* The rate used to carry the prediction to t is good to well under 0.5 ppm (2^-21). */
        *uncertainty_ps = gs_add(s->prediction_uncertainty_ps, gs_sar(gs_abs(elapsed), 21));
        found = true;
    }

    if (s->has_stale_model && gs_sub(t, s->stale_last_beacon_ps) <= s->stale_prediction_max_ps) {
        int64_t stale_uncertainty =
            gs_add(s->gate_locked_ps, gs_timing_holdover_spread_ps(s, gs_sub(t, s->stale_last_beacon_ps)));
        if (stale_uncertainty < *uncertainty_ps) {
            *delta_slots = gs_sub(gs_clock_whole_slot_far(&s->stale_model, t), current);
            *uncertainty_ps = stale_uncertainty;
            *from_stale = true;
            found = true;
        }
    }

    return found;
}

/* Beacon-granularity index from the best prediction; true when resolved. */
bool gs_timing_try_resolve_by_prediction(gs_timing_state *s, int64_t t)
{
    int64_t delta_slots;
    int64_t uncertainty_ps;
    bool from_stale;
    if (!predict_delta(s, t, &delta_slots, &uncertainty_ps, &from_stale)
        || gs_mul(uncertainty_ps, 10) >= gs_mul(s->beacon_period_ps, 4)) {
        return false;
    }

    int64_t k0 = gs_fp_floor_div(gs_add(delta_slots, s->beacon_slots >> 1), s->beacon_slots);
    s->model.anchor_slot = gs_add(s->model.anchor_slot, gs_mul(k0, s->beacon_slots));
    s->index_known = true;
    s->index_resolved = from_stale ? s->stale_index_resolved : true;
    return true;
}

/* The frame marker decided: the index modulo the frame, the frame from a prediction when one is good enough. */
void gs_timing_resolve_by_marker(gs_timing_state *s, int64_t t)
{
    int64_t k0 = s->marker.frame_start_mod;
    int64_t delta_slots;
    int64_t uncertainty_ps;
    int64_t frame_ps = gs_mul(s->frame_length, s->beacon_period_ps);
    int64_t frame_slots = gs_mul(s->frame_length, s->beacon_slots);
    bool from_stale;
    if (predict_delta(s, t, &delta_slots, &uncertainty_ps, &from_stale)
        && gs_mul(uncertainty_ps, 10) < gs_mul(frame_ps, 4)) {
        k0 = gs_add(k0, gs_mul(s->frame_length,
                               gs_fp_floor_div(gs_add(gs_sub(delta_slots, gs_mul(k0, s->beacon_slots)),
                                                      frame_slots >> 1),
                                               frame_slots)));
        s->index_resolved = from_stale ? s->stale_index_resolved : true;
    }

    s->model.anchor_slot = gs_add(s->model.anchor_slot, gs_mul(k0, s->beacon_slots));
    s->index_known = true;
}

/* Locked on the marker alone and a prediction arrived: move by whole frames (or beacons without marker). */
void gs_timing_resolve_locked_index(gs_timing_state *s)
{
    int64_t t = s->model.anchor_ground_ps;
    int64_t delta_slots;
    int64_t uncertainty_ps;
    bool from_stale;
    if (!predict_delta(s, t, &delta_slots, &uncertainty_ps, &from_stale) || from_stale) {
        return;
    }

    bool has_marker = s->marker.omitted_count > 0;
    int64_t step_slots = has_marker ? gs_mul(s->frame_length, s->beacon_slots) : s->beacon_slots;
    int64_t step_ps = has_marker ? gs_mul(s->frame_length, s->beacon_period_ps) : s->beacon_period_ps;
    if (gs_mul(uncertainty_ps, 10) >= gs_mul(step_ps, 4)) {
        return;
    }

    int64_t steps = gs_fp_floor_div(gs_add(delta_slots, step_slots >> 1), step_slots);
    s->model.anchor_slot = gs_add(s->model.anchor_slot, gs_mul(steps, step_slots));
    s->index_resolved = true;
    s->counters.index_resolutions++;
}

/* The fold found the phase: start the model and the acquisition loop (TimingEngine.StartTracking). */
void gs_timing_start_tracking(gs_timing_state *s, int64_t t)
{
    int64_t phase = gs_folder_phase_q24(&s->folder);
    gs_clock_reset(&s->model, s->folder.reference_ps, gs_neg(phase), gs_voter_slots_per_ps_q64(&s->voter));
    s->phase_known = true;
    s->first_tracked_beacon = true;
    s->index_known = false;
    s->index_resolved = false;
    s->acquiring_accepted = 0;
    s->tracking_start_ps = t;
    s->settled_since_ps = GS_TIMING_NO_TIME;
    s->acquiring_gate_ps =
        gs_add(s->gate_locked_ps, gs_mul(2, gs_fp_mul_shift(s->folder.bin_width_q24, s->slot_width_ps_q16, 40)));
    s->mean_abs_residual_ps = s->acquiring_gate_ps / 8;
    s->mean_residual_ps = 0;
    gs_timing_set_last_accepted_beacon(s, t);
    gs_marker_clear(&s->marker);
    if (!gs_timing_try_resolve_by_prediction(s, t) && s->marker.omitted_count == 0) {
        /* No marker and no usable prediction: number beacons from this acquisition (index unresolved). */
        s->index_known = true;
    }
}

void gs_timing_enter_locked(gs_timing_state *s, int64_t t)
{
    s->mode = GS_TIMING_LOCKED;
    s->counters.locks++;
    s->last_lock_ground_ps = t;
    s->last_acquisition_start_ground_ps = s->search_start_ps;
    s->has_stale_model = false;
    gs_relock_clear(&s->relock);
}

void gs_timing_enter_holdover(gs_timing_state *s, int64_t t)
{
    s->mode = GS_TIMING_HOLDOVER;
    s->counters.losses_of_lock++;
    s->last_loss_ground_ps = t;
    gs_relock_clear(&s->relock);
}

void gs_timing_restart(gs_timing_state *s, int64_t t)
{
    s->counters.acquisition_restarts++;
    s->mode = GS_TIMING_SEARCHING;
    s->search_start_ps = t;
    s->phase_known = false;
    s->index_known = false;
    s->index_resolved = false;
    gs_voter_clear(&s->voter);
}

/* Holdover expired: keep the model as a predictor of the beacon index, acquire again. */
void gs_timing_lose_model(gs_timing_state *s, int64_t t)
{
    s->stale_model = s->model;
    s->has_stale_model = true;
    s->stale_index_resolved = s->index_resolved;
    s->stale_last_beacon_ps = s->last_accepted_beacon_ps;
    gs_timing_restart(s, t);
}

/* Per event in states other than Locked: holdover expiry, and the start of a search. */
void gs_timing_check_unlocked_timeouts(gs_timing_state *s, int64_t t)
{
    if (s->mode == GS_TIMING_HOLDOVER) {
        if (gs_sub(t, s->last_accepted_beacon_ps) > s->holdover_max_ps) {
            gs_timing_lose_model(s, t);
        }
    } else if (s->search_start_ps == GS_TIMING_NO_TIME) {
        s->search_start_ps = t;
    }
}
