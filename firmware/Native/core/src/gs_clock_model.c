/*
 * gs_clock_model.c - ClockModel.cs: ground tagger time -> satellite slot position, second order around an anchor,
 * and the third-order tracking loop that corrects it from beacon errors. Same evaluation cases as the C# (README
 * "Per-event path" step 3: A inline, B 32/31-bit partial products, C two MulShift), so the same integers.
 */
#include "gs_timing_internal.h"

#define LOW32 ((int64_t)0xFFFFFFFF)
#define FRACTION_MASK (GS_ONE_Q24 - 1)
#define MAX_TRACK_ERROR_Q24 ((int64_t)1 << 36)
#define FAST_SPAN_MASK (~(((int64_t)1 << 36) - 1))
#define FAST_RATE_CHANGE_LIMIT ((int64_t)1 << 29)
#define FAST_RATE_CHANGE_MASK (~(((int64_t)1 << 30) - 1))

/*
 * floor(u * (F + floor(G * u / 2^41)) / 2^40): the phase advance (Q24) over u ps (ClockModel.PhaseAdvance), exact
 * in each of its three cases.
 */
int64_t gs_clock_phase_advance(const gs_clock_model *c, int64_t u)
{
    int64_t g = c->rate_change_per_2p40_ps;
    int64_t m;
    if (((u & GS_HIGH32) | (gs_add(g, GS_INT31_LIMIT) & GS_HIGH32)) == 0) {
        m = gs_case_a_mid_rate(c->slots_per_ps_q64, (int32_t)g, (uint32_t)u);
        return (m & GS_FAST_MID_RATE_MASK) == 0 ? gs_case_a_phase((uint32_t)u, m) : gs_fp_mul_shift(u, m, 40);
    }

    int64_t gh = gs_sar(g, 31);
    if ((u & FAST_SPAN_MASK) != 0 || (gs_add(gh, FAST_RATE_CHANGE_LIMIT) & FAST_RATE_CHANGE_MASK) != 0) {
        return gs_fp_mul_shift(u, gs_add(c->slots_per_ps_q64, gs_fp_mul_shift(g, u, 41)), 40);
    }

    /* Case B: 0 <= u < 2^36, |G| < 2^60; every partial product fits 64 bits (README "Per-event path"). */
    int64_t gl = g & GS_LOW31;
    int64_t ul = u & LOW32;
    int64_t uh = gs_sar(u, 32);
    m = uh == 0
        ? gs_add(c->slots_per_ps_q64, gs_sar(gs_add(gs_mul(gh, ul), gs_sar(gs_mul(gl, ul), 31)), 10))
        : gs_add(gs_add(c->slots_per_ps_q64, gs_shl(gs_mul(gh, uh), 22)),
                 gs_sar(gs_add(gs_add(gs_mul(gh, ul), gs_shl(gs_mul(gl, uh), 1)), gs_sar(gs_mul(gl, ul), 31)), 10));
    if ((m & GS_FAST_MID_RATE_MASK) != 0) {
        return gs_fp_mul_shift(u, m, 40);
    }

    int64_t mh = gs_sar(m, 31);
    int64_t ml = m & GS_LOW31;
    return uh == 0
        ? gs_sar(gs_add(gs_mul(ul, mh), gs_sar(gs_mul(ul, ml), 31)), 9)
        : gs_add(gs_shl(gs_mul(uh, mh), 23),
                 gs_sar(gs_add(gs_add(gs_shl(gs_mul(uh, ml), 1), gs_mul(ul, mh)), gs_sar(gs_mul(ul, ml), 31)), 9));
}

/*
 * Nearest slot to t and the signed distance to it (Q24, [-2^23, 2^23); positive = t is late): ClockModel.NearestSlot.
 * Used by the beacon path and by detections outside case A.
 */
int64_t gs_clock_nearest_slot(const gs_clock_model *c, int64_t t, int64_t *residual_q24)
{
    int64_t u = gs_sub(t, c->anchor_ground_ps);
    int64_t g = c->rate_change_per_2p40_ps;
    int64_t x;
    if (((u & GS_HIGH32) | (gs_add(g, GS_INT31_LIMIT) & GS_HIGH32)) == 0) {
        int64_t m = gs_case_a_mid_rate(c->slots_per_ps_q64, (int32_t)g, (uint32_t)u);
        x = gs_add(c->anchor_fraction,
                   (m & GS_FAST_MID_RATE_MASK) == 0 ? gs_case_a_phase((uint32_t)u, m) : gs_fp_mul_shift(u, m, 40));
    } else {
        x = gs_add(c->anchor_fraction, gs_clock_phase_advance(c, u));
    }

    int64_t whole = gs_sar(gs_add(x, GS_HALF_SLOT_Q24), GS_FRACTION_BITS);
    *residual_q24 = gs_sub(x, gs_shl(whole, GS_FRACTION_BITS));
    return gs_add(c->anchor_slot, whole);
}

/* Whole slot (floor) at t for long extrapolations, a stale model minutes later (ClockModel.WholeSlotFar). */
int64_t gs_clock_whole_slot_far(const gs_clock_model *c, int64_t t)
{
    int64_t u = gs_sub(t, c->anchor_ground_ps);
    int64_t mid_rate = gs_add(c->slots_per_ps_q64, gs_fp_mul_shift(c->rate_change_per_2p40_ps, u, 41));
    return gs_add(c->anchor_slot, gs_fp_mul_shift(u, mid_rate, 64));
}

/* Keeps the fraction in [0, 2^24), carrying whole slots into the anchor slot. */
static void normalize(gs_clock_model *c)
{
    c->anchor_slot = gs_add(c->anchor_slot, gs_sar(c->anchor_fraction, GS_FRACTION_BITS));
    c->anchor_fraction &= FRACTION_MASK;
}

/* Starts a model: slot position position_q24 (may be negative) at ground time t, no rate change. */
void gs_clock_reset(gs_clock_model *c, int64_t t, int64_t position_q24, int64_t slots_per_ps_q64)
{
    c->anchor_ground_ps = t;
    c->anchor_slot = gs_fp_floor_div(position_q24, GS_ONE_Q24);
    c->anchor_fraction = gs_sub(position_q24, gs_shl(c->anchor_slot, GS_FRACTION_BITS));
    c->slots_per_ps_q64 = slots_per_ps_q64;
    c->rate_change_per_2p40_ps = 0;
}

/* Moves the anchor to t along the model (x and F follow; G is constant); phase_q24 = gs_clock_phase_advance over
   t - anchor, which the beacon path has already computed for its error. */
static void propagate_by(gs_clock_model *c, int64_t t, int64_t phase_q24)
{
    int64_t u = gs_sub(t, c->anchor_ground_ps);
    c->anchor_fraction = gs_add(c->anchor_fraction, phase_q24);
    c->slots_per_ps_q64 = gs_add(c->slots_per_ps_q64, gs_fp_mul_shift(c->rate_change_per_2p40_ps, u, 40));
    c->anchor_ground_ps = t;
    normalize(c);
}

void gs_clock_propagate(gs_clock_model *c, int64_t t)
{
    propagate_by(c, t, gs_clock_phase_advance(c, gs_sub(t, c->anchor_ground_ps)));
}

/*
 * One loop step at a beacon arrival (ClockModel.Track): propagate, then x += 3D/tau e, F += 3D/tau^2 e,
 * G += D/tau^3 e with D = min(t - previous anchor, d_max_ps). d_max_ps is the C#'s (2^L)/6, computed once at init
 * by the caller so the ESP32 does no 64-bit division per beacon (same value).
 */
void gs_clock_track(gs_clock_model *c, int64_t t, int64_t error_q24, int32_t loop_log2_ps, int64_t d_max_ps)
{
    gs_clock_track_by(c, t, gs_clock_phase_advance(c, gs_sub(t, c->anchor_ground_ps)), error_q24, loop_log2_ps, d_max_ps);
}

/* gs_clock_track with the phase advance over t - anchor given (the beacon path computed it for the error; the
   model has not changed since), so it is not computed twice per beacon. */
void gs_clock_track_by(gs_clock_model *c, int64_t t, int64_t phase_q24, int64_t error_q24, int32_t loop_log2_ps,
                       int64_t d_max_ps)
{
    /* Bounded to 4096 slots so every product stays in range; only a diverging model gets near it. */
    if (error_q24 > MAX_TRACK_ERROR_Q24) {
        error_q24 = MAX_TRACK_ERROR_Q24;
    } else if (error_q24 < -MAX_TRACK_ERROR_Q24) {
        error_q24 = -MAX_TRACK_ERROR_Q24;
    }

    int64_t d = gs_sub(t, c->anchor_ground_ps);
    propagate_by(c, t, phase_q24);
    if (d > d_max_ps) {
        d = d_max_ps;
    }

    if (d <= 0) {
        return;
    }

    c->anchor_fraction = gs_add(c->anchor_fraction, gs_fp_mul_shift(error_q24, 3 * d, loop_log2_ps));
    c->slots_per_ps_q64 = gs_add(c->slots_per_ps_q64, gs_fp_mul_shift(error_q24, 3 * d, 2 * loop_log2_ps - 40));
    c->rate_change_per_2p40_ps =
        gs_add(c->rate_change_per_2p40_ps, gs_fp_mul_shift(error_q24, d, 3 * loop_log2_ps - 80));
    normalize(c);
}

/* Phase-only correction (re-lock after holdover, first beacon of an acquisition). */
void gs_clock_jump(gs_clock_model *c, int64_t t, int64_t error_q24)
{
    gs_clock_propagate(c, t);
    c->anchor_fraction = gs_add(c->anchor_fraction, error_q24);
    normalize(c);
}
