/*
 * gs_timing_batch.c - TimingEngine.ProcessBatch, the per-event path (README "Per-event path" steps 1-7). What the
 * loop reads per detection is held in locals (state, loss deadline, the clock model), refreshed after each beacon,
 * the only event that changes them. Case A of the slot formula is inline (three 32x32->64 multiplies, no division);
 * the other cases go through gs_clock_nearest_slot. No 64-bit division per detection.
 */
#include "gs_timing_internal.h"

int32_t gs_timing_process_batch(gs_timing_state *s, const int64_t *timestamps_ps, const uint8_t *channels,
                                int32_t offset, int32_t count, int64_t *slots, uint8_t *slot_channels,
                                int32_t *residuals_ps, int32_t out_offset, int32_t out_capacity)
{
    if (s == NULL || s->magic != GS_TIMING_MAGIC) {
        return GS_TIMING_E_STATE;
    }

    /* C# throws on these (null arrays, negative lengths, an input range past the array); the caller's arrays are
       not visible here, so only what can be checked is. */
    if (offset < 0 || count < 0 || out_offset < 0 || out_capacity < 0 || offset > INT32_MAX - count
        || (count > 0 && (timestamps_ps == NULL || channels == NULL))
        || (out_capacity > 0 && (slots == NULL || slot_channels == NULL))) {
        return GS_TIMING_E_ARGUMENT;
    }

    int32_t written = out_offset;
    int32_t end = offset + count;
    const int32_t *skew = s->skew.skew_ps;
    bool calibrating = s->skew.collecting;
    int32_t detector_count = s->detector_count;
    int32_t beacon_channel = s->beacon_channel;
    /* A residual is in [-2^23, 2^23) (Q24, within half a slot), so it compares with the window in 32 bits: clamped
       to the int32 range, the window gives the same answers. */
    int32_t window = gs_clamp_i32(s->window_q24);
    int32_t negative_window = gs_clamp_i32(-s->window_q24);
    int64_t slot_width = s->slot_width_ps_q16;
    const gs_clock_model *model = &s->model;
    int64_t anchor_ps = model->anchor_ground_ps;
    uint32_t anchor_low = (uint32_t)anchor_ps;
    int64_t fraction = model->anchor_fraction;
    int64_t anchor_slot = model->anchor_slot;
    int64_t rate = model->slots_per_ps_q64;
    int64_t rate_change = model->rate_change_per_2p40_ps;
    int64_t rate_change_outside = gs_add(rate_change, GS_INT31_LIMIT) & GS_HIGH32; /* 0 when |G| <= 2^31 */
    bool locked = s->mode == GS_TIMING_LOCKED;
    int64_t deadline = locked ? s->loss_deadline_ps : INT64_MIN;
    int64_t last_slot = INT64_MIN;
    int32_t others = 0;
    int64_t dropped_unlocked = 0;
    int64_t dropped_outside = 0;
    int64_t dropped_full = 0;
    for (int32_t i = offset; i < end; i++) {
        int64_t t = timestamps_ps[i];
        int32_t channel = channels[i];
        if (t > deadline) {
            /* Past the loss deadline while locked, or not locked at all (deadline INT64_MIN then). */
            if (locked) {
                gs_timing_enter_holdover(s, t);
                locked = false;
                deadline = INT64_MIN;
            } else {
                gs_timing_check_unlocked_timeouts(s, t);
            }
        }

        if (channel >= detector_count) {
            others++;
            if (channel == beacon_channel) {
                gs_timing_on_beacon(s, t);
                locked = s->mode == GS_TIMING_LOCKED;
                deadline = locked ? s->loss_deadline_ps : INT64_MIN;
                anchor_ps = model->anchor_ground_ps;
                anchor_low = (uint32_t)anchor_ps;
                fraction = model->anchor_fraction;
                anchor_slot = model->anchor_slot;
                rate = model->slots_per_ps_q64;
                rate_change = model->rate_change_per_2p40_ps;
                rate_change_outside = gs_add(rate_change, GS_INT31_LIMIT) & GS_HIGH32;
            } else {
                s->counters.dropped_unknown_channel++;
            }

            continue;
        }

        if (!locked) {
            dropped_unlocked++;
            continue;
        }

        /* The model's slot position at t - skew (README "Per-event path" step 3): case A inline, else the model. */
        int64_t u = gs_sub(gs_sub(t, skew[channel]), anchor_ps);
        /* u's low word from the low words (GCC, knowing u's high word zero below, would multiply u 64-bit). */
        uint32_t u32 = (uint32_t)t - (uint32_t)skew[channel] - anchor_low;
        int64_t m = 0;
        int64_t slot;
        int32_t residual;
        if (((u & GS_HIGH32) | rate_change_outside) == 0
            && ((m = gs_case_a_mid_rate(rate, (int32_t)rate_change, u32)) & GS_FAST_MID_RATE_MASK) == 0) {
            int64_t x = gs_add(fraction, gs_case_a_phase(u32, m));
            int64_t whole = gs_sar(gs_add(x, GS_HALF_SLOT_Q24), GS_FRACTION_BITS);
            residual = gs_residual_q24(x);
            slot = gs_add(anchor_slot, whole);
        } else {
            int64_t nearest_residual;
            slot = gs_clock_nearest_slot(model, gs_sub(t, skew[channel]), &nearest_residual);
            residual = gs_i32(nearest_residual);
        }

        if (calibrating) {
            gs_skew_record(&s->skew, channel, residual);
        }

        if (residual > window || residual < negative_window) {
            dropped_outside++;
            continue;
        }

        if (written >= out_capacity) {
            dropped_full++;
            continue;
        }

        int32_t j = written;
        if (slot < last_slot) {
            /* Cross-channel disorder: move the later-read earlier slot in front of the larger ones. */
            while (j > out_offset && slots[j - 1] > slot) {
                slots[j] = slots[j - 1];
                slot_channels[j] = slot_channels[j - 1];
                if (residuals_ps != NULL) {
                    residuals_ps[j] = residuals_ps[j - 1];
                }

                j--;
            }
        } else {
            last_slot = slot;
        }

        slots[j] = slot;
        slot_channels[j] = (uint8_t)channel;
        if (residuals_ps != NULL) {
            residuals_ps[j] = gs_i32(gs_sar(gs_mul(gs_sar(residual, 8), slot_width), 32));
        }

        written++;
    }

    /* Per-detection counters once per call (C# adds DroppedUnlocked/OutsideWindow/OutputFull per event; only the
       totals after the call are observable, and they are equal). */
    s->counters.dropped_unlocked += dropped_unlocked;
    s->counters.dropped_outside_window += dropped_outside;
    s->counters.dropped_output_full += dropped_full;
    s->counters.detections_seen += count - others;
    s->counters.assigned += written - out_offset;
    return written - out_offset;
}
