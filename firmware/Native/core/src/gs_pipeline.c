/*
 * gs_pipeline.c - one readout batch through decode, counts, over-light, timing and announce (see gs_pipeline.h).
 */
#include "gs_pipeline.h"

#include <string.h>

#define GS_PIPELINE_MAGIC 0x50495045u /* "PIPE" */

enum gs_pipeline_stage {
	GS_STAGE_DECODE = 0,
	GS_STAGE_OVERLIGHT,
	GS_STAGE_TIMING,
	GS_STAGE_ANNOUNCE,
};

gs_status gs_pipeline_init(struct gs_pipeline_state *p, int32_t detector_count, int64_t overlight_window_ps,
			   int32_t announce_capacity, int32_t max_payload_bytes, int32_t batch_count,
			   int32_t z_basis_ppm, const uint8_t *roles_by_channel)
{
	if (p == NULL) {
		return GS_ERR_ARGUMENT;
	}
	memset(p, 0, sizeof(*p));
	gs_fifo_init(&p->fifo);
	gs_status status = gs_overlight_init(&p->overlight, detector_count, overlight_window_ps);
	if (status == GS_OK) {
		status = gs_announce_init(&p->announce, announce_capacity, max_payload_bytes, batch_count, z_basis_ppm,
					  roles_by_channel);
	}
	if (status != GS_OK) {
		return status;
	}
	p->timing = NULL;
	p->stage = GS_STAGE_DECODE;
	p->magic = GS_PIPELINE_MAGIC;
	return GS_OK;
}

/*
 * AcquisitionPipeline's bookkeeping: records per channel, and the batch's newest time (the batch maximum). Only the
 * decoder moves its newest delivered time, up, and only to a time it delivers: when that rose during the burst it is
 * the batch maximum, so the scan for it runs only for a burst that delivered nothing newer (late records).
 */
static int64_t gs_pipeline_count(struct gs_pipeline_state *p, const int64_t *times_ps, const uint8_t *channels,
				 int32_t n)
{
	int32_t counts[GS_FIFO_CHANNELS] = { 0 };

	for (int32_t i = 0; i < n; i++) {
		counts[channels[i] & (GS_FIFO_CHANNELS - 1)]++; /* the decoder delivers channels 0..7 only */
	}
	for (int32_t c = 0; c < GS_FIFO_CHANNELS; c++) {
		p->channel_counts[c] += counts[c];
	}
	if (p->fifo.last_delivered_ps > p->delivered_before_ps) {
		return p->fifo.last_delivered_ps;
	}

	int64_t newest = times_ps[0];
	for (int32_t i = 1; i < n; i++) {
		if (times_ps[i] > newest) {
			newest = times_ps[i];
		}
	}
	return newest;
}

int32_t gs_pipeline_run(struct gs_pipeline_state *p, const struct gs_pipeline_arrays *a, const int32_t *limits,
			uint32_t latched_mask, const uint32_t *random, int32_t random_count,
			struct gs_pipeline_result *result)
{
	if (p == NULL || p->magic != GS_PIPELINE_MAGIC || a == NULL || result == NULL || limits == NULL) {
		return GS_ERR_ARGUMENT;
	}
	if (a->record_count < 0 || a->capacity < a->record_count || a->times_ps == NULL || a->channels == NULL ||
	    a->slots == NULL || a->slot_channels == NULL) {
		return GS_ERR_ARGUMENT;
	}

	if (p->stage == GS_STAGE_DECODE) {
		int32_t written = 0;
		if (p->events == 0) {
			p->delivered_before_ps = p->fifo.last_delivered_ps; /* nothing of this burst delivered yet */
		}
		int32_t r = gs_fifo_decode(&p->fifo, a->records, a->record_count, &p->record_next, a->times_ps,
					   a->channels, p->events, &written);
		p->events += written;
		if (r != GS_FIFO_DONE) {
			return r == GS_FIFO_STOP_OVERFLOW ? GS_PIPELINE_STOP_OVERFLOW : r;
		}
		result->events = p->events;
		result->assigned = 0;
		if (p->events == 0) {
			p->record_next = 0;
			return GS_PIPELINE_DONE;
		}
		p->newest_ps = gs_pipeline_count(p, a->times_ps, a->channels, p->events);
		p->stage = GS_STAGE_OVERLIGHT;
		p->overlight_channel = 0;
	}

	if (p->stage == GS_STAGE_OVERLIGHT) {
		int32_t index = 0;
		int32_t r = gs_overlight_batch(&p->overlight, a->times_ps, a->channels, 0, p->events, limits,
					       latched_mask, &p->overlight_channel, &index);
		if (r == GS_OVERLIGHT_TRIP) {
			result->trip_channel = p->overlight_channel;
			result->trip_time_ps = a->times_ps[index];
			p->overlight_channel++; /* the trip latches the channel: its loop is over */
			return GS_PIPELINE_STOP_TRIP;
		}
		if (r != GS_OVERLIGHT_DONE) {
			return r;
		}
		p->stage = GS_STAGE_TIMING;
		p->assigned = -1;
	}

	if (p->stage == GS_STAGE_TIMING) {
		if (p->assigned < 0) {
			if (p->timing != NULL) {
				int32_t assigned = gs_timing_process_batch(p->timing, a->times_ps, a->channels, 0, p->events,
									  a->slots, a->slot_channels, NULL, 0, a->capacity);
				if (assigned < 0) {
					return assigned;
				}
				p->assigned = assigned;
			}
			if (p->assigned < 0) {
				result->events = p->events;
				return GS_PIPELINE_STOP_TIMING;
			}
		}
		p->stage = GS_STAGE_ANNOUNCE;
		p->announce_next = 0;
	}

	/* GS_STAGE_ANNOUNCE (the C# hands the sifter only a batch with assignments). */
	if (p->assigned > 0) {
		int32_t needed = 0;
		int32_t r = gs_announce_accept(&p->announce, a->slots, a->slot_channels, p->assigned, &p->announce_next,
					       random, random_count, &needed);
		if (r == GS_ANNOUNCE_BATCH_CLOSED) {
			return GS_PIPELINE_STOP_BATCH_CLOSED;
		}
		if (r == GS_ANNOUNCE_NEED_RANDOM) {
			result->random_needed = needed;
			return GS_PIPELINE_STOP_NEED_RANDOM;
		}
		if (r != GS_ANNOUNCE_DONE) {
			return r;
		}
	}

	result->events = p->events;
	result->assigned = p->assigned;
	result->newest_ps = p->newest_ps;
	p->stage = GS_STAGE_DECODE;
	p->record_next = 0;
	p->events = 0;
	return GS_PIPELINE_DONE;
}

gs_status gs_pipeline_timing_done(struct gs_pipeline_state *p, int32_t assigned)
{
	if (p == NULL || p->magic != GS_PIPELINE_MAGIC || p->stage != GS_STAGE_TIMING || assigned < 0) {
		return GS_ERR_STATE;
	}
	p->assigned = assigned;
	return GS_OK;
}

struct gs_fifo_state *gs_pipeline_fifo(struct gs_pipeline_state *p)
{
	return p != NULL ? &p->fifo : NULL;
}

struct gs_overlight_state *gs_pipeline_overlight(struct gs_pipeline_state *p)
{
	return p != NULL ? &p->overlight : NULL;
}

struct gs_announce_state *gs_pipeline_announce(struct gs_pipeline_state *p)
{
	return p != NULL ? &p->announce : NULL;
}

gs_status gs_pipeline_set_timing(struct gs_pipeline_state *p, gs_timing_state *timing)
{
	if (p == NULL || p->magic != GS_PIPELINE_MAGIC) {
		return GS_ERR_STATE;
	}
	p->timing = timing;
	return GS_OK;
}

const int64_t *gs_pipeline_channel_counts(const struct gs_pipeline_state *p)
{
	return p != NULL ? p->channel_counts : NULL;
}

size_t gs_pipeline_state_size(void)
{
	return sizeof(struct gs_pipeline_state);
}
