/*
 * gs_timing_skew.c - SkewCalibrator.cs: the per-channel skew table and its calibration from residual histograms
 * (gs_skew_record, per detection, is inline in gs_timing_internal.h). Apply runs once per calibration, on the
 * control plane: its 64-bit divisions are off the per-event path.
 */
#include "gs_timing_internal.h"

static void clear_histograms(gs_timing_skew *k)
{
    for (int32_t c = 0; c < k->channels; c++) {
        for (int32_t i = 0; i < k->bins; i++) {
            k->histograms[c][i] = 0;
        }
    }
}

void gs_skew_init(gs_timing_skew *k, const gs_timing_config *cfg, int64_t slot_width_ps_q16)
{
    k->channels = cfg->detector_channel_count;
    k->bins = cfg->skew_histogram_bins;
    k->half_width = cfg->skew_centroid_half_width_bins;
    k->slot_width_ps_q16 = slot_width_ps_q16;
    k->collecting = false;
    for (int32_t c = 0; c < k->channels; c++) {
        k->skew_ps[c] = 0;
    }

    clear_histograms(k);
}

/* Clears the histograms and starts collecting. */
void gs_skew_start(gs_timing_skew *k)
{
    clear_histograms(k);
    k->collecting = true;
}

/* Entries collected on a channel (0 <= channel < channels). */
int64_t gs_skew_count(const gs_timing_skew *k, int32_t channel)
{
    int64_t n = 0;
    for (int32_t i = 0; i < k->bins; i++) {
        n += k->histograms[channel][i];
    }

    return n;
}

/*
 * Centroid of a channel's peak in ps relative to the slot centre, background subtracted (SkewCalibrator.Measure);
 * false when fewer than min_entries above background.
 */
static bool measure(const gs_timing_skew *k, int32_t channel, int32_t min_entries, int32_t *correction_ps)
{
    const int32_t *h = k->histograms[channel];
    int32_t bins = k->bins;
    int32_t half_width = k->half_width;
    int32_t peak = 0;
    int64_t total = 0;
    for (int32_t i = 0; i < bins; i++) {
        total += h[i];
        if (h[i] > h[peak]) {
            peak = i;
        }
    }

    int64_t window = 0;
    for (int32_t j = -half_width; j <= half_width; j++) {
        window += h[(peak + j + bins) % bins];
    }

    /* Background per bin, x16 to keep a fraction of a count (the validated half-width leaves outside_bins > 0). */
    int32_t outside_bins = bins - ((2 * half_width) + 1);
    int64_t floor16 = outside_bins > 0 ? ((total - window) * 16) / outside_bins : 0;
    int64_t weight = 0;
    int64_t moment = 0;
    for (int32_t j = -half_width; j <= half_width; j++) {
        int64_t w = ((int64_t)h[(peak + j + bins) % bins] * 16) - floor16;
        if (w > 0) {
            weight += w;
            moment += w * j;
        }
    }

    *correction_ps = 0;
    if (weight < (int64_t)min_entries * 16) {
        return false;
    }

    /* weight == 0 passes the test above only for min_entries <= 0 (an empty or flat histogram): the C# then divides
       by zero below and throws DivideByZeroException out of ApplySkewCalibration. C cannot throw; it reports the
       channel as not measured (a C# bug, reported, not mirrored). */
    if (weight == 0) {
        return false;
    }

    /* Bin b covers residuals [b, b+1) * slot/bins - slot/2; its centre is (2b + 1 - bins) / (2 bins) slot. The C#
       shifts a possibly negative numerator left (defined there: gs_shl); `/` truncates toward zero in both. */
    int64_t centre_q24 = gs_shl((2 * (int64_t)peak) + 1 - bins, GS_FRACTION_BITS) / (2 * (int64_t)bins);
    int64_t offset_q24 = gs_shl(moment, GS_FRACTION_BITS) / (weight * bins);
    int64_t residual_q24 = centre_q24 + offset_q24;
    *correction_ps = gs_i32(gs_sar(gs_add(gs_fp_mul_shift(residual_q24, k->slot_width_ps_q16, 39), 1), 1));
    return true;
}

/* Adds each measured channel's centroid to its skew, clears the histograms, stops collecting; channels updated. */
int32_t gs_skew_apply(gs_timing_skew *k, int32_t min_entries)
{
    int32_t updated = 0;
    for (int32_t c = 0; c < k->channels; c++) {
        int32_t correction;
        if (measure(k, c, min_entries, &correction)) {
            k->skew_ps[c] = gs_add32(k->skew_ps[c], correction);
            updated++;
        }
    }

    clear_histograms(k);
    k->collecting = false;
    return updated;
}
