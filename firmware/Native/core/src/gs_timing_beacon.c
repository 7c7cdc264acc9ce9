/*
 * gs_timing_beacon.c - the beacon-channel path of TimingEngine (OnBeacon, BeaconError, TrackBeacon,
 * HoldoverBeacon): one record in ~14 on a pass. Same arithmetic as the C#, including where it picks a 32-bit
 * division (hardware on the ESP32) over the 64-bit floor division.
 */
#include "gs_timing_internal.h"

#define ACQUIRE_LOOP_GEAR_SHIFT 2
#define CONVERGED_BEACONS 32
#define CONVERGED_LOOP_TIME_CONSTANTS 16
#define SETTLED_LOOP_TIME_CONSTANTS 8
#define ERROR_FAST_LIMIT ((int64_t)1 << 50)
#define ERROR_FAST_MASK (((int64_t)1 << 51) - 1)
#define LOW20 (((int64_t)1 << 20) - 1)

/* Locked beacon gate: 8 x the mean residual magnitude, within [BeaconGateMinPs, BeaconGatePs]. */
int64_t gs_timing_tracking_gate_ps(const gs_timing_state *s)
{
    int64_t gate = gs_mul(8, s->mean_abs_residual_ps);
    return gate < s->gate_min_ps ? s->gate_min_ps : (gate > s->gate_locked_ps ? s->gate_locked_ps : gate);
}

/* How far the model may have drifted after elapsed_ps without beacon (ps). 64-bit divisions by constants: holdover
   and prediction only, never per detection. */
int64_t gs_timing_holdover_spread_ps(const gs_timing_state *s, int64_t elapsed_ps)
{
    int64_t us = elapsed_ps / 1000000;
    int64_t ms = elapsed_ps / 1000000000;
    return gs_add(gs_mul(us, s->config.holdover_drift_ppb) / 1000,
                  gs_mul(gs_mul(ms, ms), s->config.holdover_rate_change_ppb_per_second) / 2000);
}

/*
 * Error (wanted - predicted, Q24, and in ps) to the nearest beacon slot; returns the provisional beacon index
 * k = floor((slot + B/2) / B), found relative to the last index computed by one 32-bit division when the slot is
 * within 2^31 slots of it, else by the 64-bit floor division (README "Per-event path", beacon path).
 */
static int64_t beacon_error(gs_timing_state *s, int64_t t, int64_t *error_q24, int64_t *error_ps, int64_t *phase_q24)
{
    /* ClockModel.NearestSlot, keeping the phase advance for the loop update (gs_clock_track_by). */
    const gs_clock_model *c = &s->model;
    int64_t phase = gs_clock_phase_advance(c, gs_sub(t, c->anchor_ground_ps));
    int64_t x = gs_add(c->anchor_fraction, phase);
    int64_t whole = gs_sar(gs_add(x, GS_HALF_SLOT_Q24), GS_FRACTION_BITS);
    int64_t residual = gs_residual_q24(x);
    int64_t slot = gs_add(c->anchor_slot, whole);
    *phase_q24 = phase;
    int64_t beacon_slots = s->beacon_slots;
    int64_t n = gs_add(gs_sub(slot, s->beacon_slot_hint), beacon_slots >> 1);
    int64_t k = (n & ~GS_LOW31) == 0 && beacon_slots <= GS_LOW31
        ? gs_add(s->beacon_index_hint, (int32_t)n / (int32_t)beacon_slots)
        : gs_fp_floor_div(gs_add(slot, beacon_slots >> 1), beacon_slots);
    s->beacon_index_hint = k;
    s->beacon_slot_hint = gs_mul(k, beacon_slots);

    int64_t e = gs_sub(gs_shl(gs_sub(gs_mul(k, beacon_slots), slot), GS_FRACTION_BITS), residual);
    int64_t w = s->slot_width_ps_q16;
    *error_q24 = e;
    *error_ps = (gs_add(e, ERROR_FAST_LIMIT) & ~ERROR_FAST_MASK) == 0 && w <= GS_LOW31
        ? gs_sar(gs_add(gs_mul(gs_sar(e, 20), w), gs_sar(gs_mul(e & LOW20, w), 20)), 20)
        : gs_fp_mul_shift(e, w, 40);
    return k;
}

/* A beacon while acquiring (tracking part) or locked: gate, loop update, lock and loss decisions (TrackBeacon). */
static void track_beacon(gs_timing_state *s, int64_t t, bool acquiring)
{
    int64_t error_q24;
    int64_t error_ps;
    int64_t phase_q24;
    int64_t k = beacon_error(s, t, &error_q24, &error_ps, &phase_q24);
    int64_t abs_error = gs_abs(error_ps);
    if (abs_error > (acquiring ? s->acquiring_gate_ps : gs_timing_tracking_gate_ps(s))) {
        s->counters.beacons_rejected++;
        return;
    }

    s->counters.beacons_accepted++;
    gs_timing_set_last_accepted_beacon(s, t);
    if (s->first_tracked_beacon) {
        /* The fold's centroid is good to about a bin: take the first gated arrival as the phase. */
        gs_clock_jump(&s->model, t, error_q24);
        s->first_tracked_beacon = false;
        abs_error = 0;
        error_ps = 0;
    } else {
        /* Huber-style clip: a background click inside the gate moves the model by a bounded amount. The division
           (64-bit) happens only for a clipped outlier, as in the C#; abs_error > clip_ps > 0 here. */
        int64_t clip_ps = gs_add(gs_mul(3, s->mean_abs_residual_ps), s->gate_min_ps);
        if (abs_error > clip_ps) {
            error_q24 = gs_mul(error_q24, clip_ps) / abs_error;
        }

        gs_clock_track_by(&s->model, t, phase_q24, error_q24,
                          acquiring ? s->loop_log2 - ACQUIRE_LOOP_GEAR_SHIFT : s->loop_log2,
                          s->track_d_max_ps[acquiring ? 1 : 0]);
    }

    s->mean_abs_residual_ps = gs_add(s->mean_abs_residual_ps, gs_sar(gs_sub(abs_error, s->mean_abs_residual_ps), 4));
    s->mean_residual_ps = gs_add(s->mean_residual_ps, gs_sar(gs_sub(error_ps, s->mean_residual_ps), 4));
    if (!acquiring) {
        if (gs_mul(s->mean_abs_residual_ps, 2) > s->gate_locked_ps) {
            gs_timing_enter_holdover(s, t);
        }

        return;
    }

    s->acquiring_accepted++;
    int64_t gate = gs_mul(8, s->mean_abs_residual_ps);
    if (gate < s->acquiring_gate_ps) {
        s->acquiring_gate_ps = gate < s->gate_locked_ps ? s->gate_locked_ps : gate;
    }

    if (!s->index_known && gs_marker_add(&s->marker, k)) {
        gs_timing_resolve_by_marker(s, t);
    }

    /* Converged: enough beacons, 16 acquisition time constants, and residuals small and without a systematic part
       for the last 8 of them (README "State machine", Acquiring (track)). */
    int64_t settle_quantum_ps = (int64_t)1 << (s->loop_log2 - ACQUIRE_LOOP_GEAR_SHIFT);
    bool settled = gs_mul(s->mean_abs_residual_ps, 4) <= s->gate_locked_ps
        && gs_mul(gs_abs(s->mean_residual_ps), 2) <= gs_add(s->mean_abs_residual_ps, s->gate_min_ps >> 3);
    if (!settled) {
        s->settled_since_ps = GS_TIMING_NO_TIME;
    } else if (s->settled_since_ps == GS_TIMING_NO_TIME) {
        s->settled_since_ps = t;
    }

    if (s->index_known && settled && s->acquiring_accepted >= CONVERGED_BEACONS
        && gs_sub(t, s->tracking_start_ps) >= CONVERGED_LOOP_TIME_CONSTANTS * settle_quantum_ps
        && gs_sub(t, s->settled_since_ps) >= SETTLED_LOOP_TIME_CONSTANTS * settle_quantum_ps) {
        gs_timing_enter_locked(s, t);
    }
}

/* A beacon in holdover: inside the widening gate it joins a re-lock group; a confirmed group re-locks. */
static void holdover_beacon(gs_timing_state *s, int64_t t)
{
    int64_t error_q24;
    int64_t error_ps;
    int64_t phase_q24;
    (void)beacon_error(s, t, &error_q24, &error_ps, &phase_q24);
    int64_t gate = gs_add(s->gate_locked_ps, gs_timing_holdover_spread_ps(s, gs_sub(t, s->last_accepted_beacon_ps)));
    if (gs_abs(error_ps) > gate) {
        s->counters.beacons_rejected++;
        return;
    }

    if (gs_relock_add(&s->relock, t, error_ps, gs_timing_tracking_gate_ps(s))) {
        s->counters.beacons_accepted++;
        s->counters.holdover_recoveries++;
        gs_clock_jump(&s->model, t, error_q24);
        gs_timing_set_last_accepted_beacon(s, t);
        s->mean_abs_residual_ps = s->gate_locked_ps / 8;
        s->mean_residual_ps = 0;
        gs_timing_enter_locked(s, t);
        return;
    }

    s->counters.beacons_rejected++;
}

/* A beacon-channel event in any state (TimingEngine.OnBeacon). */
void gs_timing_on_beacon(gs_timing_state *s, int64_t t)
{
    s->counters.beacon_events++;
    switch (s->mode) {
    case GS_TIMING_SEARCHING:
        gs_voter_add(&s->voter, t);
        if (gs_voter_has_rate(&s->voter)) {
            s->mode = GS_TIMING_ACQUIRING;
            s->acquire_start_ps = t;
            s->fold_start_ps = t;
            s->phase_known = false;
            gs_folder_start(&s->folder, t, gs_voter_slots_per_ps_q64(&s->voter));
        }

        break;

    case GS_TIMING_ACQUIRING:
        if (!s->phase_known) {
            if (gs_sub(t, s->fold_start_ps) > s->fold_timeout_ps) {
                gs_timing_restart(s, t);
            } else if (gs_folder_add(&s->folder, t)) {
                gs_timing_start_tracking(s, t);
                track_beacon(s, t, true);
            }
        } else if (gs_sub(t, s->acquire_start_ps) > s->acquire_timeout_ps
                   || gs_sub(t, s->last_accepted_beacon_ps) > s->loss_timeout_ps) {
            gs_timing_restart(s, t);
        } else {
            track_beacon(s, t, true);
        }

        break;

    case GS_TIMING_LOCKED:
        track_beacon(s, t, false);
        break;

    default:
        holdover_beacon(s, t);
        break;
    }
}
