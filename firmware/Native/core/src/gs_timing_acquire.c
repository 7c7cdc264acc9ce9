/*
 * gs_timing_acquire.c - the three acquisition steps of firmware/Timing: RateVoter (clock rate from pairs of
 * beacon-channel events), PhaseFolder (beacon phase from a fold modulo the period) and FrameMarkerSearch (beacon
 * index modulo the frame). Per beacon-channel event while acquiring only; same integers as the C#.
 */
#include "gs_timing_internal.h"

#define VOTE_BIN_SHIFT 20

/* ------------------------------------------------------------------ RateVoter */

static void voter_clear_votes(gs_timing_voter *v)
{
    v->window_start_ps = INT64_MIN;
    v->best_bin = 0;
    v->best_votes = 0;
    for (int32_t i = 0; i < v->bins; i++) {
        v->votes[i] = 0;
        v->sum_dt_ps[i] = 0;
        v->sum_periods[i] = 0;
    }
}

/* Sizes the voter from cfg (gs_timing_config_check has bounded bins and history by the capacities). */
void gs_voter_init(gs_timing_voter *v, const gs_timing_config *cfg, int64_t beacon_period_ps)
{
    v->beacon_period_ps = beacon_period_ps;
    v->beacon_period_slots = cfg->beacon_period_slots;
    v->min_periods = cfg->vote_min_periods;
    v->max_periods = cfg->vote_max_periods;
    v->peak_min = cfg->vote_peak_min;
    v->history_length = cfg->vote_history;

    /* Votes restart every two longest pair spans, so background cannot pile up a false peak over time. */
    v->window_ps = 2 * (int64_t)cfg->vote_max_periods * beacon_period_ps;
    v->half_bins = (int32_t)(((int64_t)cfg->max_rate_offset_ppm << VOTE_BIN_SHIFT) / 1000000) + 1;
    v->bins = 2 * v->half_bins + 1;
    v->history_count = 0;
    v->history_next = 0;
    voter_clear_votes(v);
}

void gs_voter_clear(gs_timing_voter *v)
{
    v->history_count = 0;
    v->history_next = 0;
    voter_clear_votes(v);
}

bool gs_voter_has_rate(const gs_timing_voter *v)
{
    return v->best_votes >= v->peak_min;
}

/*
 * Pairs t with up to vote_history earlier beacon-channel events; each pair m periods apart votes for the rate
 * offset (dt - mP) / (mP) in bins of 2^-20 (RateVoter.Add). Two 64-bit divisions per pair: acquisition only.
 */
void gs_voter_add(gs_timing_voter *v, int64_t t)
{
    if (v->window_start_ps == INT64_MIN) {
        v->window_start_ps = t;
    } else if (gs_sub(t, v->window_start_ps) > v->window_ps) {
        voter_clear_votes(v);
        v->window_start_ps = t;
    }

    for (int32_t i = 0; i < v->history_count; i++) {
        int64_t dt = gs_sub(t, v->history[i]);
        int64_t m = gs_add(dt, v->beacon_period_ps >> 1) / v->beacon_period_ps; /* period > 0 */
        if (m < v->min_periods || m > v->max_periods) {
            continue;
        }

        int64_t span = m * v->beacon_period_ps;
        int64_t bin = gs_add(gs_fp_floor_div(gs_shl(gs_sub(dt, span), VOTE_BIN_SHIFT), span), v->half_bins);
        if (bin < 0 || bin >= v->bins) {
            continue;
        }

        int32_t b = (int32_t)bin;
        v->votes[b]++;
        v->sum_dt_ps[b] = gs_add(v->sum_dt_ps[b], dt);
        v->sum_periods[b] += m;
        int32_t around = v->votes[b] + (b > 0 ? v->votes[b - 1] : 0) + (b + 1 < v->bins ? v->votes[b + 1] : 0);
        if (around > v->best_votes) {
            v->best_votes = around;
            v->best_bin = b;
        }
    }

    v->history[v->history_next] = t;
    v->history_next = (v->history_next + 1) % v->history_length;
    if (v->history_count < v->history_length) {
        v->history_count++;
    }
}

/* Slots per ground ps (Q64): sum(m * B) * 2^64 / sum(dt) over the peak bin and its neighbours. */
int64_t gs_voter_slots_per_ps_q64(const gs_timing_voter *v)
{
    int64_t dt = 0;
    int64_t periods = 0;
    for (int32_t b = v->best_bin - 1; b <= v->best_bin + 1; b++) {
        if (b >= 0 && b < v->bins) {
            dt = gs_add(dt, v->sum_dt_ps[b]);
            periods += v->sum_periods[b];
        }
    }

    return gs_fp_divide_shifted(gs_mul(periods, v->beacon_period_slots), 64, dt);
}

/* ------------------------------------------------------------------ PhaseFolder */

void gs_folder_init(gs_timing_folder *f, const gs_timing_config *cfg)
{
    f->bins = cfg->fold_bins;
    f->period_q24 = (int64_t)cfg->beacon_period_slots << GS_FRACTION_BITS;
    f->bin_width_q24 = f->period_q24 / cfg->fold_bins;
    f->peak_min = cfg->fold_peak_min;
    f->reference_ps = 0;
    f->slots_per_ps_q64 = 0;
    f->total = 0;
    f->best_bin = 0;
    for (int32_t i = 0; i < f->bins; i++) {
        f->counts[i] = 0;
        f->offset_sums_q24[i] = 0;
    }
}

void gs_folder_start(gs_timing_folder *f, int64_t reference_ps, int64_t slots_per_ps_q64)
{
    f->reference_ps = reference_ps;
    f->slots_per_ps_q64 = slots_per_ps_q64;
    f->total = 0;
    f->best_bin = -1;
    for (int32_t i = 0; i < f->bins; i++) {
        f->counts[i] = 0;
        f->offset_sums_q24[i] = 0;
    }
}

/* Sum of the 3-bin window centred on bin b (circular). */
static int32_t folder_window(const gs_timing_folder *f, int32_t b)
{
    int32_t n = f->bins;
    return f->counts[(b + n - 1) % n] + f->counts[b] + f->counts[(b + 1) % n];
}

/* Best 3-bin window against the best window not overlapping it: a real peak stands well above background. */
static bool folder_evaluate(gs_timing_folder *f)
{
    int32_t n = f->bins;
    int32_t best = -1;
    int32_t best_sum = -1;
    for (int32_t b = 0; b < n; b++) {
        int32_t w = folder_window(f, b);
        if (w > best_sum) {
            best_sum = w;
            best = b;
        }
    }

    int32_t second = 0;
    for (int32_t b = 0; b < n; b++) {
        int32_t distance = b > best ? b - best : best - b;
        if (distance > n / 2) {
            distance = n - distance;
        }

        if (distance >= 3) {
            int32_t w = folder_window(f, b);
            if (w > second) {
                second = w;
            }
        }
    }

    f->best_bin = best;
    return best_sum >= f->peak_min && best_sum >= (3 * second) + 2;
}

/* Folds an arrival; true once a clear peak exists (PhaseFolder.Add; evaluated every 4th arrival). */
bool gs_folder_add(gs_timing_folder *f, int64_t t)
{
    int64_t x = gs_fp_mul_shift(gs_sub(t, f->reference_ps), f->slots_per_ps_q64, 40);
    int64_t phase = gs_fp_floor_mod(x, f->period_q24);
    int64_t bin = phase / f->bin_width_q24;
    if (bin >= f->bins) {
        bin = f->bins - 1;
    }

    int32_t b = (int32_t)bin;
    f->counts[b]++;
    f->offset_sums_q24[b] += phase - (b * f->bin_width_q24);
    f->total++;
    return (f->total % 4) == 0 && folder_evaluate(f);
}

/* Beacon phase (Q24 after the reference, in [0, period)) from the best peak's centroid. */
int64_t gs_folder_phase_q24(const gs_timing_folder *f)
{
    int32_t n = f->bins;
    int64_t sum = 0;
    int64_t count = 0;
    for (int32_t j = -1; j <= 1; j++) {
        int32_t b = (f->best_bin + j + n) % n;
        sum += f->offset_sums_q24[b] + ((int64_t)(f->counts[b] * j) * f->bin_width_q24);
        count += f->counts[b];
    }

    int64_t phase = (f->best_bin * f->bin_width_q24) + (count > 0 ? sum / count : 0);
    return gs_fp_floor_mod(phase, f->period_q24);
}

/* ------------------------------------------------------------------ FrameMarkerSearch */

void gs_marker_init(gs_timing_marker *k, const gs_timing_config *cfg)
{
    k->length = cfg->frame_length_beacons;
    k->omitted_count = cfg->omitted_count;
    for (int32_t i = 0; i < k->omitted_count; i++) {
        k->omitted[i] = cfg->omitted_frame_positions[i];
    }

    k->margin = cfg->marker_margin;
    gs_marker_clear(k);
}

void gs_marker_clear(gs_timing_marker *k)
{
    k->added = 0;
    k->frame_start_mod = 0;
    for (int32_t i = 0; i < k->length; i++) {
        k->counts[i] = 0;
    }
}

/* The alignment whose omitted positions hold the fewest counts, decided when the runner-up is clearly worse. */
static bool marker_evaluate(gs_timing_marker *k)
{
    int32_t length = k->length;
    int32_t best = INT32_MAX;
    int32_t second = INT32_MAX;
    int32_t best_shift = 0;
    for (int32_t o = 0; o < length; o++) {
        int32_t s = 0;
        for (int32_t i = 0; i < k->omitted_count; i++) {
            s += k->counts[(k->omitted[i] + o) % length];
        }

        if (s < best) {
            second = best;
            best = s;
            best_shift = o;
        } else if (s < second) {
            second = s;
        }
    }

    /* C#: second - best in int, which wraps when second is still int.MaxValue and best is negative; counts are
       never negative, so the wrap cannot happen, but gs_add32 keeps the C defined if it did. */
    if (gs_add32(second, -best) < k->margin || second < gs_i32(4 * (int64_t)best)) {
        return false;
    }

    /* Omitted absolute positions w sit at provisional positions (w + o): k_abs = k_prov - o + jL. */
    k->frame_start_mod = gs_fp_floor_mod(-(int64_t)best_shift, length);
    return true;
}

/* Counts an accepted beacon of provisional index k; true once the alignment is clear (every 16th beacon). */
bool gs_marker_add(gs_timing_marker *k, int64_t provisional_index)
{
    k->counts[(int32_t)gs_fp_floor_mod(provisional_index, k->length)]++;
    k->added++;
    return (k->added % 16) == 0 && marker_evaluate(k);
}
