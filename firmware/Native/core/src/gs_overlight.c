/*
 * gs_overlight.c - sliding over-light count windows (see gs_overlight.h and firmware/Drivers/Spcm/README.md).
 */
#include "gs_overlight.h"

#include <string.h>

#define GS_OVERLIGHT_MAGIC 0x4F564C54u /* "OVLT" */
#define GS_INT31_MAX ((int64_t)0x7FFFFFFF)

static void gs_window_clear(struct gs_overlight_window *w)
{
	memset(w->bucket_counts, 0, sizeof(w->bucket_counts));
	w->started = false;
	w->last_bucket = 0;
	w->current_total = 0;
	w->previous_total = 0;
	w->frame_end_ps = INT64_MIN;
}

/* The current bucket and those before it in the current frame, and the rest of the 16 from the previous frame. */
static int32_t gs_window_exact_count(const struct gs_overlight_window *w)
{
	int32_t previous = w->current ^ GS_OVERLIGHT_BUCKETS;
	int32_t count = 0;

	for (int32_t i = 0; i < GS_OVERLIGHT_BUCKETS; i++) {
		count += i <= w->last_bucket ? w->bucket_counts[w->current + i] : w->bucket_counts[previous + i];
	}
	return count;
}

/*
 * t is past the current frame: the next frame starts (the current one becomes the previous), or both restart after
 * a silence of a whole frame (the one 64-bit division, once per silence, not per detection).
 */
static void gs_window_move_frame(struct gs_overlight_window *w, int64_t t)
{
	int64_t frame = w->window_ps;
	int32_t previous = w->current ^ GS_OVERLIGHT_BUCKETS;

	if (w->started && t - w->frame_end_ps < frame) {
		memset(&w->bucket_counts[previous], 0, GS_OVERLIGHT_BUCKETS * sizeof(w->bucket_counts[0]));
		w->current = previous;
		w->previous_total = w->current_total;
		w->frame_start_ps = w->frame_end_ps;
	} else {
		gs_window_clear(w);
		w->started = true;
		w->frame_start_ps = (t / frame) * frame;
	}
	w->current_total = 0;
	w->last_bucket = 0;
	w->frame_end_ps = w->frame_start_ps + frame;
}

/*
 * SlidingCountWindow.Add: the detections on `channel` among [from, end); returns the index of the first one after
 * which the window holds more than `limit` (it is counted), or end. State lives in locals during the loop, as in
 * the C#, so the per-detection work is a compare, a 32-bit division and three increments.
 */
static int32_t gs_window_add(struct gs_overlight_window *w, const int64_t *times_ps, const uint8_t *channels,
			     int32_t from, int32_t end, uint8_t channel, int32_t limit)
{
	int32_t *counts = w->bucket_counts;
	int64_t frame_start = w->frame_start_ps;
	int64_t frame_end = w->frame_end_ps;
	int32_t current = w->current;
	int32_t total = w->current_total;
	int32_t bound = limit - w->previous_total;
	int32_t last_bucket = w->last_bucket;
	int32_t width = w->bucket_ps_int;
	int32_t over = end;

	for (int32_t i = from; i < end; i++) {
		if (channels[i] != channel) {
			continue;
		}

		int64_t t = times_ps[i];
		if (t >= frame_end) {
			w->current_total = total;
			gs_window_move_frame(w, t);
			frame_start = w->frame_start_ps;
			frame_end = w->frame_end_ps;
			current = w->current;
			total = 0;
			bound = limit - w->previous_total;
			last_bucket = 0;
		}

		/* (A time stepping back, which a tagger should never deliver, counts in the current bucket.) */
		if (t >= frame_start) {
			/* The C# casts the offset to int first: it is below the frame, which fits 31 bits here. */
			int32_t b = width != 0 ? (int32_t)(t - frame_start) / width
					       : (int32_t)((t - frame_start) / w->bucket_ps);
			if (b > last_bucket) {
				last_bucket = b;
			}
		}

		counts[current + last_bucket]++;
		total++;
		if (total > bound) {
			w->last_bucket = last_bucket;
			if (gs_window_exact_count(w) > limit) {
				over = i;
				break;
			}
		}
	}

	w->current_total = total;
	w->last_bucket = last_bucket;
	return over;
}

gs_status gs_overlight_init(struct gs_overlight_state *state, int32_t channel_count, int64_t window_ps)
{
	if (state == NULL || channel_count < 0 || channel_count > GS_OVERLIGHT_MAX_CHANNELS ||
	    window_ps < GS_OVERLIGHT_BUCKETS) {
		return GS_ERR_ARGUMENT;
	}
	memset(state, 0, sizeof(*state));
	for (int32_t c = 0; c < GS_OVERLIGHT_MAX_CHANNELS; c++) {
		struct gs_overlight_window *w = &state->windows[c];

		w->bucket_ps = window_ps / GS_OVERLIGHT_BUCKETS;
		w->window_ps = w->bucket_ps * GS_OVERLIGHT_BUCKETS;
		w->bucket_ps_int = w->window_ps <= GS_INT31_MAX ? (int32_t)w->bucket_ps : 0;
		w->frame_end_ps = INT64_MIN;
	}
	state->channel_count = channel_count;
	state->magic = GS_OVERLIGHT_MAGIC;
	return GS_OK;
}

gs_status gs_overlight_clear(struct gs_overlight_state *state, int32_t channel)
{
	if (state == NULL || state->magic != GS_OVERLIGHT_MAGIC) {
		return GS_ERR_STATE;
	}
	if (channel < 0 || channel >= state->channel_count) {
		return GS_ERR_ARGUMENT;
	}
	gs_window_clear(&state->windows[channel]);
	return GS_OK;
}

int32_t gs_overlight_count(const struct gs_overlight_state *state, int32_t channel)
{
	if (state == NULL || state->magic != GS_OVERLIGHT_MAGIC || channel < 0 || channel >= state->channel_count) {
		return 0;
	}
	const struct gs_overlight_window *w = &state->windows[channel];
	return w->started ? gs_window_exact_count(w) : 0;
}

int64_t gs_overlight_window_ps(const struct gs_overlight_state *state)
{
	return state != NULL ? state->windows[0].window_ps : 0;
}

int32_t gs_overlight_batch(struct gs_overlight_state *state, const int64_t *times_ps, const uint8_t *channels,
			   int32_t from, int32_t end, const int32_t *limits, uint32_t latched_mask, int32_t *channel,
			   int32_t *index)
{
	if (state == NULL || state->magic != GS_OVERLIGHT_MAGIC || channel == NULL || index == NULL) {
		return GS_ERR_STATE;
	}
	if (from < 0 || end < from || (end > from && (times_ps == NULL || channels == NULL)) || limits == NULL ||
	    *channel < 0) {
		return GS_ERR_ARGUMENT;
	}

	/* Channel by channel: each window picks its detections out of the batch. A trip latches the channel, which
	 * ends its loop in the controller, so the caller resumes with the next channel. */
	for (int32_t c = *channel; c < state->channel_count; c++) {
		if ((latched_mask & (1u << c)) != 0) {
			continue;
		}
		int32_t i = gs_window_add(&state->windows[c], times_ps, channels, from, end, (uint8_t)c, limits[c]);
		if (i < end) {
			*channel = c;
			*index = i;
			return GS_OVERLIGHT_TRIP;
		}
	}
	*channel = state->channel_count;
	*index = end;
	return GS_OVERLIGHT_DONE;
}

size_t gs_overlight_state_size(void)
{
	return sizeof(struct gs_overlight_state);
}
