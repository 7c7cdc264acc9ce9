/*
 * gs_fixed_point.c - FixedPoint.cs: exact products and quotients with a 128-bit intermediate built from 32-bit
 * halves. Mirrors the C# operation for operation (same fast-path conditions, same partial products), so even
 * arguments outside the proven ranges (a corrupted stream) give the C# result.
 */
#include "gs_timing_internal.h"

#define LOW32 ((int64_t)0xFFFFFFFF)

/*
 * The four-partial-product part of FixedPoint.MulShift (gs_fp_mul_shift in gs_timing_internal.h is the whole
 * operation: its direct-product fast path, |a|, |b| <= 2^31 or |a| <= 2^26 and |b| <= 2^36, is inline there). The
 * C# works on signed longs only (nanoCLR's shift follows the value's tag); the same operations on int64 here,
 * with the wrap-around made explicit. Correct for any arguments, so the inline part only saves work.
 */
int64_t gs_fp_mul_shift_wide(int64_t a, int64_t b, int32_t shift)
{
    bool negative = (a < 0) != (b < 0);
    int64_t ua = gs_abs(a);
    int64_t ub = gs_abs(b);
    int64_t a_lo = ua & LOW32;
    int64_t a_hi = gs_sar(ua, 32);
    int64_t b_lo = ub & LOW32;
    int64_t b_hi = gs_sar(ub, 32);
    int64_t ll = gs_mul(a_lo, b_lo);
    int64_t lh = gs_mul(a_lo, b_hi);
    int64_t hl = gs_mul(a_hi, b_lo);
    int64_t hh = gs_mul(a_hi, b_hi);
    int64_t mid = gs_add(gs_add(gs_sar(ll, 32) & LOW32, lh & LOW32), hl & LOW32);
    int64_t lo = gs_shl(mid, 32) | (ll & LOW32);
    int64_t hi = gs_add(gs_add(gs_add(hh, gs_sar(lh, 32) & LOW32), gs_sar(hl, 32) & LOW32), gs_sar(mid, 32) & LOW32);

    int64_t quotient;
    bool inexact;
    if (shift == 0) {
        quotient = lo;
        inexact = false;
    } else if (shift == 64) {
        quotient = hi;
        inexact = lo != 0;
    } else {
        int64_t low_bits_kept = gs_sub(gs_shl(1, 64 - shift), 1); /* lo >> shift, logical */
        quotient = (gs_sar(lo, shift) & low_bits_kept) | gs_shl(hi, 64 - shift);
        inexact = (lo & gs_sub(gs_shl(1, shift), 1)) != 0;
    }

    if (!negative) {
        return quotient;
    }

    /* Floor, not truncation, so a residual never depends on which side of zero it falls. */
    return inexact ? gs_sub(gs_neg(quotient), 1) : gs_neg(quotient);
}

/*
 * floor(numerator * 2^shift / denominator), 0 <= shift <= 64 (FixedPoint.DivideShifted): 128-bit shift-and-
 * subtract, 128 iterations, configuration and acquisition only. Unsigned throughout as in the C#; a zero
 * denominator gives all ones there (no trap) and here.
 */
int64_t gs_fp_divide_shifted(int64_t numerator, int32_t shift, int64_t denominator)
{
    uint64_t n = (uint64_t)numerator;
    uint64_t hi;
    uint64_t lo;
    if (shift == 0) {
        hi = 0;
        lo = n;
    } else if (shift == 64) {
        hi = n;
        lo = 0;
    } else {
        hi = n >> (64 - shift);
        lo = n << shift;
    }

    uint64_t d = (uint64_t)denominator;
    uint64_t remainder = 0;
    uint64_t quotient = 0;
    for (int32_t bit = 127; bit >= 0; bit--) {
        uint64_t next = bit >= 64 ? (hi >> (bit - 64)) & 1u : (lo >> bit) & 1u;
        remainder = (remainder << 1) | next;
        quotient <<= 1;
        if (remainder >= d) {
            remainder -= d;
            quotient |= 1u;
        }
    }

    return gs_i64(quotient);
}

/* floor(a / b) for b > 0 (FixedPoint.FloorDiv): C's `/` truncates toward zero like C#'s. */
int64_t gs_fp_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q * b > a ? q - 1 : q;
}

/* a mod b in [0, b) for b > 0 (FixedPoint.FloorMod). */
int64_t gs_fp_floor_mod(int64_t a, int64_t b)
{
    return a - gs_fp_floor_div(a, b) * b;
}
