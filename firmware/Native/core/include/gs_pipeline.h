/*
 * gs_pipeline.h - one readout batch through the native per-event path: FIFO decode -> per-channel counts ->
 * over-light -> timing -> announce, mirroring firmware/App/AcquisitionPipeline.RunBatch.
 *
 * The control plane stays with the caller (managed code): whenever a part needs it, the pipeline stops with a
 * reason and the caller acts, then calls gs_pipeline_run again with the same arrays to continue where it stopped:
 *   GS_PIPELINE_STOP_OVERFLOW      a record carries the FIFO overflow flag: account LOST_COUNT over the bus;
 *   GS_PIPELINE_STOP_TRIP          a detector crossed its over-light limit: gate it off and latch (its latched bit
 *                                  is then set in the next call's latched_mask);
 *   GS_PIPELINE_STOP_TIMING        no timing state was given (gs_pipeline_set_timing): the caller runs its timing
 *                                  engine (the managed one, or gs_timing through its own handle) on times/channels
 *                                  into slots/slot_channels and reports the count with gs_pipeline_timing_done;
 *   GS_PIPELINE_STOP_BATCH_CLOSED  an announcement batch closed: fetch it (gs_announce_closed_batch);
 *   GS_PIPELINE_STOP_NEED_RANDOM   squashing needs result->random_needed words from the random source.
 * Stops are rare (per overflow, trip, closed batch, multi-click); the usual batch is one call.
 */
#ifndef GS_PIPELINE_H
#define GS_PIPELINE_H

#include "gs_announce.h"
#include "gs_fifo.h"
#include "gs_overlight.h"
#include "gs_timing.h"
#include "gs_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GS_PIPELINE_DONE 0
#define GS_PIPELINE_STOP_OVERFLOW 1
#define GS_PIPELINE_STOP_TRIP 2
#define GS_PIPELINE_STOP_TIMING 3
#define GS_PIPELINE_STOP_BATCH_CLOSED 4
#define GS_PIPELINE_STOP_NEED_RANDOM 5

/* What a batch produced (valid once gs_pipeline_run returned GS_PIPELINE_DONE), or why it stopped. */
struct gs_pipeline_result {
	int64_t newest_ps;      /* the batch's newest event time (channels interleave: not always the last) */
	int64_t trip_time_ps;   /* STOP_TRIP: tagger time of the crossing detection */
	int32_t events;         /* records delivered as events (the managed ReadBatch's return) */
	int32_t assigned;       /* detections the timing engine gave a slot */
	int32_t trip_channel;   /* STOP_TRIP */
	int32_t random_needed;  /* STOP_NEED_RANDOM */
};

/* The batch arrays, owned by the caller and passed unchanged to every call of one batch. */
struct gs_pipeline_arrays {
	const uint8_t *records; /* the burst's records (after the 2-byte read header) */
	int64_t *times_ps;      /* events: capacity >= record_count */
	uint8_t *channels;
	int64_t *slots;         /* timing output: capacity entries */
	uint8_t *slot_channels;
	int32_t record_count;
	int32_t capacity;
};

struct gs_pipeline_state {
	struct gs_fifo_state fifo;
	struct gs_overlight_state overlight;
	struct gs_announce_state announce;
	gs_timing_state *timing; /* the caller's (static on the ESP32); NULL: GS_PIPELINE_STOP_TIMING */
	int64_t channel_counts[GS_FIFO_CHANNELS]; /* AcquisitionPipeline.ChannelCounts */
	int64_t newest_ps;
	int64_t delivered_before_ps; /* the decoder's newest delivered time when the burst began */
	int32_t stage;
	int32_t record_next;
	int32_t events;
	int32_t overlight_channel;
	int32_t assigned;
	int32_t announce_next;
	uint32_t magic;
};

/*
 * Initialises the parts the pipeline holds: the decoder (not yet started: gs_fifo_start once the tagger's registers
 * are read), the over-light windows and the announce path (arguments as gs_overlight_init and gs_announce_init).
 * No timing engine until gs_pipeline_set_timing.
 */
GS_API gs_status gs_pipeline_init(struct gs_pipeline_state *p, int32_t detector_count, int64_t overlight_window_ps,
				  int32_t announce_capacity, int32_t max_payload_bytes, int32_t batch_count,
				  int32_t z_basis_ppm, const uint8_t *roles_by_channel);

/*
 * The timing engine the pipeline runs between over-light and announce: an initialised gs_timing_state the caller
 * owns and keeps (its control calls go to it directly), or NULL to stop at GS_PIPELINE_STOP_TIMING instead.
 */
GS_API gs_status gs_pipeline_set_timing(struct gs_pipeline_state *p, gs_timing_state *timing);

/*
 * Runs (or continues) one readout batch. limits[c]: detector c's MaxCountsPerWindow; latched_mask: detectors whose
 * fault is latched; random/random_count: the words a STOP_NEED_RANDOM asked for (else NULL, 0).
 */
GS_API int32_t gs_pipeline_run(struct gs_pipeline_state *p, const struct gs_pipeline_arrays *arrays,
			       const int32_t *limits, uint32_t latched_mask, const uint32_t *random,
			       int32_t random_count, struct gs_pipeline_result *result);

/* After GS_PIPELINE_STOP_TIMING: the caller's timing engine wrote `assigned` slots. */
GS_API gs_status gs_pipeline_timing_done(struct gs_pipeline_state *p, int32_t assigned);

/* The parts, for their control calls (fifo start/reset, window clear/count, announce fetch/oldest, timing). */
GS_API struct gs_fifo_state *gs_pipeline_fifo(struct gs_pipeline_state *p);
GS_API struct gs_overlight_state *gs_pipeline_overlight(struct gs_pipeline_state *p);
GS_API struct gs_announce_state *gs_pipeline_announce(struct gs_pipeline_state *p);
GS_API const int64_t *gs_pipeline_channel_counts(const struct gs_pipeline_state *p);

GS_API size_t gs_pipeline_state_size(void);

#ifdef __cplusplus
}
#endif

#endif /* GS_PIPELINE_H */
