/*
 * gs_timing_relock.c - RelockConfirmer.cs: decides that the beacon is back after a loss of lock. Gated arrivals
 * are grouped by their error against the held model; a group confirms when it has `needed` arrivals, each within
 * gap_ps of its previous one and within the tolerance of its first. Background clicks spread over the widening
 * holdover gate and seldom agree several times in a row.
 */
#include "gs_timing_internal.h"

void gs_relock_init(gs_timing_relock *r, int32_t needed, int64_t gap_ps)
{
    r->needed = needed;
    r->gap_ps = gap_ps;
    for (int32_t i = 0; i < GS_TIMING_RELOCK_GROUPS; i++) {
        r->first_error_ps[i] = 0;
        r->last_arrival_ps[i] = 0;
        r->count[i] = 0;
    }
}

/* Forgets every group (at each loss of lock and each lock). */
void gs_relock_clear(gs_timing_relock *r)
{
    for (int32_t i = 0; i < GS_TIMING_RELOCK_GROUPS; i++) {
        r->count[i] = 0;
    }
}

/* Adds a gated arrival with its error; true when it completes a group (the caller re-locks on it). */
bool gs_relock_add(gs_timing_relock *r, int64_t t, int64_t error_ps, int64_t tolerance_ps)
{
    int32_t free_group = -1;
    int32_t oldest = 0;
    for (int32_t i = 0; i < GS_TIMING_RELOCK_GROUPS; i++) {
        if (r->count[i] > 0 && gs_sub(t, r->last_arrival_ps[i]) > r->gap_ps) {
            r->count[i] = 0;
        }

        if (r->count[i] == 0) {
            if (free_group < 0) {
                free_group = i;
            }

            continue;
        }

        int64_t difference = gs_sub(error_ps, r->first_error_ps[i]);
        if (difference <= tolerance_ps && difference >= -tolerance_ps) {
            r->count[i]++;
            r->last_arrival_ps[i] = t;
            if (r->count[i] >= r->needed) {
                gs_relock_clear(r);
                return true;
            }

            return false;
        }

        if (r->last_arrival_ps[i] < r->last_arrival_ps[oldest]) {
            oldest = i;
        }
    }

    int32_t group = free_group >= 0 ? free_group : oldest;
    r->first_error_ps[group] = error_ps;
    r->last_arrival_ps[group] = t;
    r->count[group] = 1;
    return false;
}
