/*
 * gs_overlight.h - over-light counting: one sliding count window per detector channel over tagger time.
 *
 * Mirrors firmware/Drivers/Spcm/SlidingCountWindow and the detection loop of SpcmController.OnDetections bit for bit
 * (README of firmware/Drivers/Spcm, "Over-light protection"). Cutting the gate, latching the fault and raising the
 * event stay with the caller (the managed controller): gs_overlight_batch stops at the detection that crosses a
 * channel's limit (GS_OVERLIGHT_TRIP) and the caller trips the channel, then continues with the next channel.
 */
#ifndef GS_OVERLIGHT_H
#define GS_OVERLIGHT_H

#include "gs_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GS_OVERLIGHT_BUCKETS 16
/* Detector channels one state serves (the FIFO tagger's inputs; the controller uses the first n). */
#define GS_OVERLIGHT_MAX_CHANNELS 8

#define GS_OVERLIGHT_DONE 0
#define GS_OVERLIGHT_TRIP 1

/* SlidingCountWindow: two aligned frames of 16 buckets (previous and current) and a total per frame. */
struct gs_overlight_window {
	int64_t bucket_ps;
	int64_t window_ps;
	int64_t frame_start_ps;
	int64_t frame_end_ps;
	int32_t bucket_counts[2 * GS_OVERLIGHT_BUCKETS];
	int32_t bucket_ps_int; /* 0 when the frame does not fit 31 bits (then the bucket is a 64-bit division) */
	int32_t current;       /* 0 or 16: offset of the current frame */
	int32_t current_total;
	int32_t previous_total;
	int32_t last_bucket;
	bool started;
};

struct gs_overlight_state {
	struct gs_overlight_window windows[GS_OVERLIGHT_MAX_CHANNELS];
	int32_t channel_count;
	uint32_t magic;
};

/* The controller's construction: channel_count windows of window_ps each (>= 16 ps). */
GS_API gs_status gs_overlight_init(struct gs_overlight_state *state, int32_t channel_count, int64_t window_ps);

/* SlidingCountWindow.Clear for one channel (SpcmController.SetChannelOn(c, true)). */
GS_API gs_status gs_overlight_clear(struct gs_overlight_state *state, int32_t channel);

/* SlidingCountWindow.Count: detections in the channel's window as of its last detection. */
GS_API int32_t gs_overlight_count(const struct gs_overlight_state *state, int32_t channel);

/* SlidingCountWindow.WindowPicoseconds (16 whole buckets). */
GS_API int64_t gs_overlight_window_ps(const struct gs_overlight_state *state);

/*
 * The over-light part of SpcmController.OnDetections for records [from, end) of a readout batch, starting with
 * channel *channel (0 on the first call). Channels whose bit is set in latched_mask are skipped; limits[c] is the
 * channel's MaxCountsPerWindow, read per batch. Returns GS_OVERLIGHT_TRIP with *channel and *index at the detection
 * that put the channel over its limit (it is counted): the caller trips that channel and calls again with
 * *channel + 1 and the channel's latched bit set. Returns GS_OVERLIGHT_DONE when every channel is done.
 */
GS_API int32_t gs_overlight_batch(struct gs_overlight_state *state, const int64_t *times_ps, const uint8_t *channels,
				  int32_t from, int32_t end, const int32_t *limits, uint32_t latched_mask,
				  int32_t *channel, int32_t *index);

GS_API size_t gs_overlight_state_size(void);

#ifdef __cplusplus
}
#endif

#endif /* GS_OVERLIGHT_H */
