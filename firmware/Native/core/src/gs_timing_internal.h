/*
 * gs_timing_internal.h - what the timing engine's C files share: two's-complement arithmetic helpers that give C#'s
 * results, the fixed-point and clock-model functions, and the engine's internal steps. Not part of the API.
 *
 * Why the helpers: C# `long` arithmetic is unchecked (wraps modulo 2^64), `>>` of a negative long is arithmetic,
 * and a narrowing cast keeps the low bits. In C, signed overflow is undefined, `>>` of a negative value and an
 * out-of-range unsigned-to-signed conversion are implementation-defined. The engine's ranges (README "Fixed-point
 * formats and ranges") keep operation inside 64 bits, but a fuzzed or corrupted tagger stream can push the C#
 * code past them, where it wraps; the C must wrap identically to stay bit-identical. So every operation that could
 * leave the range goes through unsigned arithmetic, and the conversions back are written without relying on
 * implementation-defined behaviour. With -O2 each helper compiles to the single instruction the plain operator
 * would give (checked on x86-64 gcc).
 */
#ifndef GS_TIMING_INTERNAL_H
#define GS_TIMING_INTERNAL_H

#include "gs_timing.h"

/* The int64 with the same bits as u (C# unchecked (long)ulong); no implementation-defined conversion. */
static inline int64_t gs_i64(uint64_t u)
{
    return u <= (uint64_t)INT64_MAX ? (int64_t)u : (int64_t)(u - (uint64_t)INT64_MAX - 1u) + INT64_MIN;
}

/* The int32 with the low 32 bits of v (C# unchecked (int)long). */
static inline int32_t gs_i32(int64_t v)
{
    uint32_t u = (uint32_t)(uint64_t)v;
    return u <= (uint32_t)INT32_MAX ? (int32_t)u : (int32_t)(u - (uint32_t)INT32_MAX - 1u) + INT32_MIN;
}

static inline int64_t gs_add(int64_t a, int64_t b) { return gs_i64((uint64_t)a + (uint64_t)b); }
static inline int64_t gs_sub(int64_t a, int64_t b) { return gs_i64((uint64_t)a - (uint64_t)b); }
static inline int64_t gs_mul(int64_t a, int64_t b) { return gs_i64((uint64_t)a * (uint64_t)b); }
static inline int64_t gs_neg(int64_t a) { return gs_i64(0u - (uint64_t)a); }

/* C# a << n (n in 0..63): bits shifted out are lost, including into and past the sign. */
static inline int64_t gs_shl(int64_t a, int32_t n) { return gs_i64((uint64_t)a << n); }

/* C# a >> n (n in 0..63): arithmetic (floor division by 2^n). ~a is non-negative for negative a, so both branches
   shift a non-negative value (defined behaviour); compilers emit one arithmetic shift. */
static inline int64_t gs_sar(int64_t a, int32_t n) { return a < 0 ? ~(~a >> n) : a >> n; }

/* C# |a| with long.MinValue staying long.MinValue (FixedPoint.Abs and the inline `a < 0 ? -a : a`). */
static inline int64_t gs_abs(int64_t a) { return a < 0 ? gs_neg(a) : a; }

/* C# int + int (unchecked). */
static inline int32_t gs_add32(int32_t a, int32_t b) { return gs_i32((int64_t)a + (int64_t)b); }

/* C# a / b for 64-bit values (truncation toward zero, as C99 and later). The callers never pass b == 0 or
   (INT64_MIN, -1), where C# throws; README "ranges" and the comments at each call say why. */

/* ------------------------------------------------------------------ FixedPoint */

#define GS_MS_SMALL_LIMIT ((int64_t)1 << 31)
#define GS_MS_SMALL_MASK (~(((int64_t)1 << 32) - 1))
#define GS_MS_ERROR_LIMIT ((int64_t)1 << 26)
#define GS_MS_ERROR_MASK (~(((int64_t)1 << 27) - 1))
#define GS_MS_GAIN_LIMIT ((int64_t)1 << 36)
#define GS_MS_GAIN_MASK (~(((int64_t)1 << 37) - 1))

int64_t gs_fp_mul_shift_wide(int64_t a, int64_t b, int32_t shift);

/*
 * floor(a * b / 2^shift) for 0 <= shift <= 64 (FixedPoint.MulShift). The direct-product fast path is inline (the
 * beacon path runs up to six of them per beacon: loop corrections, propagation, the error in ps); the four partial
 * products are gs_fp_mul_shift_wide (gs_fixed_point.c). Same conditions as the C#, so the same integers.
 */
static inline int64_t gs_fp_mul_shift(int64_t a, int64_t b, int32_t shift)
{
    if (shift < 64
        && (((gs_add(a, GS_MS_SMALL_LIMIT) | gs_add(b, GS_MS_SMALL_LIMIT)) & GS_MS_SMALL_MASK) == 0
            || ((gs_add(a, GS_MS_ERROR_LIMIT) & GS_MS_ERROR_MASK) | (gs_add(b, GS_MS_GAIN_LIMIT) & GS_MS_GAIN_MASK)) == 0)) {
        return gs_sar(gs_mul(a, b), shift);
    }

    return gs_fp_mul_shift_wide(a, b, shift);
}
int64_t gs_fp_divide_shifted(int64_t numerator, int32_t shift, int64_t denominator);
int64_t gs_fp_floor_div(int64_t a, int64_t b);
int64_t gs_fp_floor_mod(int64_t a, int64_t b);

/* ------------------------------------------------------------------ ClockModel */

#define GS_FRACTION_BITS 24
#define GS_ONE_Q24 ((int64_t)1 << GS_FRACTION_BITS)
#define GS_HALF_SLOT_Q24 (GS_ONE_Q24 >> 1)
#define GS_LOW31 ((int64_t)0x7FFFFFFF)
#define GS_HIGH32 (~(int64_t)0xFFFFFFFF)
#define GS_INT31_LIMIT ((int64_t)1 << 31)
#define GS_FAST_MID_RATE_MASK (~(((int64_t)1 << 61) - 1))

/*
 * Case A of the slot formula (README "Per-event path" step 3) with the operands' proven widths spelled out, so a
 * 32-bit core multiplies 32x32->64 once per product instead of three times for a 64x64 one; same integers as the
 * C#'s longs (no product here can wrap).
 * gs_case_a_mid_rate: F + floor(G * u / 2^41) for |G| <= 2^31 (G as an int32), 0 <= u < 2^32: |G * u| < 2^63.
 * gs_case_a_phase: floor(u * m / 2^40) for 0 <= u < 2^32, 0 <= m < 2^61.
 */
static inline int64_t gs_case_a_mid_rate(int64_t rate, int32_t rate_change, uint32_t u)
{
    return gs_add(rate, gs_sar((int64_t)rate_change * (int64_t)u, 41));
}

static inline int64_t gs_case_a_phase(uint32_t u, int64_t m)
{
    /* With m = m_high * 2^32 + m_low (m_high < 2^29): floor(u * m / 2^31) = 2 u m_high + floor(u m_low / 2^31),
       which is the C#'s u * floor(m / 2^31) + floor(u * (m mod 2^31) / 2^31) (< 2^63, no wrap) in two 32x32->64
       products of 32-bit words (GCC multiplies 64x64 when the operands are masks or shifts of a 64-bit value). */
    uint32_t m_low = (uint32_t)m;
    uint32_t m_high = (uint32_t)((uint64_t)m >> 32);
    uint64_t x = (((uint64_t)u * m_high) << 1) + (((uint64_t)u * m_low) >> 31);
    return (int64_t)(x >> 9);
}

/*
 * x - 2^24 floor((x + 2^23) / 2^24): the signed distance to the nearest slot, in [-2^23, 2^23), from the low word
 * of x alone (2^24 divides 2^32); the same value as the C#'s x - (whole << 24), wrap-around included.
 */
static inline int32_t gs_residual_q24(int64_t x)
{
    return (int32_t)(((uint32_t)x + (uint32_t)GS_HALF_SLOT_Q24) & (uint32_t)(GS_ONE_Q24 - 1)) - (int32_t)GS_HALF_SLOT_Q24;
}

/* v limited to the int32 range: for any int32 r, r > v and r < v are as for the clamped value. */
static inline int32_t gs_clamp_i32(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : (v < INT32_MIN ? INT32_MIN : (int32_t)v);
}

int64_t gs_clock_nearest_slot(const gs_clock_model *m, int64_t t, int64_t *residual_q24);
int64_t gs_clock_whole_slot_far(const gs_clock_model *m, int64_t t);
void gs_clock_reset(gs_clock_model *m, int64_t t, int64_t position_q24, int64_t slots_per_ps_q64);
void gs_clock_propagate(gs_clock_model *m, int64_t t);
void gs_clock_track(gs_clock_model *m, int64_t t, int64_t error_q24, int32_t loop_log2_ps, int64_t d_max_ps);
void gs_clock_track_by(gs_clock_model *m, int64_t t, int64_t phase_q24, int64_t error_q24, int32_t loop_log2_ps,
                       int64_t d_max_ps);
int64_t gs_clock_phase_advance(const gs_clock_model *m, int64_t u);
void gs_clock_jump(gs_clock_model *m, int64_t t, int64_t error_q24);

/* ------------------------------------------------------------------ acquisition parts */

void gs_voter_init(gs_timing_voter *v, const gs_timing_config *cfg, int64_t beacon_period_ps);
void gs_voter_clear(gs_timing_voter *v);
void gs_voter_add(gs_timing_voter *v, int64_t t);
bool gs_voter_has_rate(const gs_timing_voter *v);
int64_t gs_voter_slots_per_ps_q64(const gs_timing_voter *v);

void gs_folder_init(gs_timing_folder *f, const gs_timing_config *cfg);
void gs_folder_start(gs_timing_folder *f, int64_t reference_ps, int64_t slots_per_ps_q64);
bool gs_folder_add(gs_timing_folder *f, int64_t t);
int64_t gs_folder_phase_q24(const gs_timing_folder *f);

void gs_marker_init(gs_timing_marker *k, const gs_timing_config *cfg);
void gs_marker_clear(gs_timing_marker *k);
bool gs_marker_add(gs_timing_marker *k, int64_t provisional_index);

void gs_relock_init(gs_timing_relock *r, int32_t needed, int64_t gap_ps);
void gs_relock_clear(gs_timing_relock *r);
bool gs_relock_add(gs_timing_relock *r, int64_t t, int64_t error_ps, int64_t tolerance_ps);

void gs_skew_init(gs_timing_skew *k, const gs_timing_config *cfg, int64_t slot_width_ps_q16);
void gs_skew_start(gs_timing_skew *k);
int64_t gs_skew_count(const gs_timing_skew *k, int32_t channel);
int32_t gs_skew_apply(gs_timing_skew *k, int32_t min_entries);

/* SkewCalibrator.Record, on the per-event path: residual Q24 in [-2^23, 2^23) -> one of the channel's bins. */
static inline void gs_skew_record(gs_timing_skew *k, int32_t channel, int64_t residual_q24)
{
    k->histograms[channel][gs_i32(gs_sar((residual_q24 + GS_HALF_SLOT_Q24) * k->bins, GS_FRACTION_BITS))]++;
}

/* ------------------------------------------------------------------ engine steps (gs_timing_beacon.c, gs_timing_index.c) */

#define GS_TIMING_MAGIC 0x54494D45u /* "TIME" */

void gs_timing_check_unlocked_timeouts(gs_timing_state *s, int64_t t);
void gs_timing_on_beacon(gs_timing_state *s, int64_t t);
void gs_timing_enter_holdover(gs_timing_state *s, int64_t t);
void gs_timing_enter_locked(gs_timing_state *s, int64_t t);
void gs_timing_lose_model(gs_timing_state *s, int64_t t);
void gs_timing_restart(gs_timing_state *s, int64_t t);
void gs_timing_start_tracking(gs_timing_state *s, int64_t t);
bool gs_timing_try_resolve_by_prediction(gs_timing_state *s, int64_t t);
void gs_timing_resolve_by_marker(gs_timing_state *s, int64_t t);
void gs_timing_resolve_locked_index(gs_timing_state *s);
void gs_timing_set_last_accepted_beacon(gs_timing_state *s, int64_t t);
int64_t gs_timing_holdover_spread_ps(const gs_timing_state *s, int64_t elapsed_ps);
int64_t gs_timing_tracking_gate_ps(const gs_timing_state *s);

#endif /* GS_TIMING_INTERNAL_H */
