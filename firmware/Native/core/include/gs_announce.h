/*
 * gs_announce.h - the sifter's per-detection announce path: squashing, receiver map, announcement batch filling.
 *
 * Mirrors GroundSifter.Accept / FinishOpenSlot / SquashMultiClick / Announce / CloseFillingBatch and
 * AnnounceBatch.Begin / TryAppend bit for bit (firmware/Sifting/README.md, "Per-detection path"): the same slots
 * in the same batches, the same varint deltas, role bytes and packed bases, batches closing at the same detection,
 * the same counters. What happens to a batch after it closes (sending, matching, blocks, estimation, the link) stays
 * managed: each closed batch is handed over (GS_ANNOUNCE_BATCH_CLOSED, gs_announce_closed_batch) into the managed
 * sifter's ring, which tells the core which batch it last matched (gs_announce_set_oldest) for back-pressure.
 *
 * Random draws (squashing a multi-click) come from the caller, exactly as many as the slot needs, when it asks
 * (GS_ANNOUNCE_NEED_RANDOM): the managed sifter draws them from its IRandomSource in the order the C# would, so
 * the managed core's later draws (estimation samples) see the same sequence.
 */
#ifndef GS_ANNOUNCE_H
#define GS_ANNOUNCE_H

#include "gs_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Compile-time maxima of a batch (SiftingConfig.BatchCapacity, AnnounceBatch.Deltas); init refuses more. */
#define GS_ANNOUNCE_MAX_CAPACITY 1024
#define GS_ANNOUNCE_MAX_DELTA_BYTES 4106
#define GS_ANNOUNCE_MAX_BASIS_BYTES ((GS_ANNOUNCE_MAX_CAPACITY + 7) / 8)
#define GS_ANNOUNCE_MAX_VARINT_BYTES 10
#define GS_ANNOUNCE_NO_ROLE 0xFF

#define GS_ANNOUNCE_DONE 0
/* A batch closed while the detection before *next was handled: fetch it (gs_announce_closed_batch), call again. */
#define GS_ANNOUNCE_BATCH_CLOSED 1
/* The detection at *next finishes a multi-click slot: call again with *random_needed words from the random source. */
#define GS_ANNOUNCE_NEED_RANDOM 2

/* A batch's scalar fields (AnnounceBatch's), also what gs_announce_fetch_closed copies out. */
struct gs_announce_batch_info {
	int64_t first_slot;
	int64_t last_slot;
	uint32_t number;
	int32_t count;
	int32_t delta_bytes;
	int32_t delta_bytes_sure;
	int32_t encoded_length;
	int32_t reserved; /* zero; keeps the size a multiple of 8 */
};

/* AnnounceBatch: its fields, then the payload parts kept as they go on the wire. */
struct gs_announce_batch {
	struct gs_announce_batch_info info;
	uint8_t deltas[GS_ANNOUNCE_MAX_DELTA_BYTES];
	uint8_t roles[GS_ANNOUNCE_MAX_CAPACITY];
	uint8_t basis_bits[GS_ANNOUNCE_MAX_BASIS_BYTES];
};

/* The SiftingCounters the announce path changes, accumulated until gs_announce_take_counters. */
struct gs_announce_counters {
	int64_t clicks;
	int64_t ignored_clicks;
	int64_t out_of_order_clicks;
	int64_t duplicate_clicks;
	int64_t single_click_slots;
	int64_t same_basis_double_clicks;
	int64_t cross_basis_multi_clicks;
	int64_t dropped_slots;
	int64_t dropped_clicks;
};

struct gs_announce_state {
	/* Two batches: the one filling and the one just closed, until the caller has fetched it. */
	struct gs_announce_batch batches[2];
	struct gs_announce_counters counters;
	int64_t slot;
	int32_t slot_mask;
	int32_t slot_first_role;
	int32_t slot_clicks;
	int32_t capacity;
	int32_t max_payload_bytes;
	int32_t delta_buffer_bytes;
	int32_t z_basis_ppm;
	int32_t filling;  /* index into batches, or -1 */
	int32_t closed;   /* index of a closed batch not fetched yet, or -1 */
	int32_t random_needed;
	uint32_t ring;    /* SiftingConfig.BatchCount */
	uint32_t next_batch;
	uint32_t oldest_batch;
	bool slot_open;
	uint8_t roles_by_channel[256];
	uint32_t magic;
};

/*
 * GroundSifter's construction: batches of `capacity` detections, payloads of at most `max_payload_bytes`, a ring of
 * `batch_count` batches, the receiver map as a role (basis * 2 + bit, or GS_ANNOUNCE_NO_ROLE) per channel 0..255.
 */
GS_API gs_status gs_announce_init(struct gs_announce_state *state, int32_t capacity, int32_t max_payload_bytes,
				  int32_t batch_count, int32_t z_basis_ppm, const uint8_t *roles_by_channel);

/*
 * GroundSifter.Accept for detections [*next, end) (slots ordered, equal slots allowed; `end` stays the same across
 * the calls of one batch, since a detection looks at its successor). `random` holds the words asked for by a
 * GS_ANNOUNCE_NEED_RANDOM (random_count of them; 0 otherwise). Returns GS_ANNOUNCE_DONE, GS_ANNOUNCE_BATCH_CLOSED,
 * GS_ANNOUNCE_NEED_RANDOM (*random_needed words) or a negative gs_status.
 */
GS_API int32_t gs_announce_accept(struct gs_announce_state *state, const int64_t *slots, const uint8_t *channels,
				  int32_t end, int32_t *next, const uint32_t *random, int32_t random_count,
				  int32_t *random_needed);

/* GroundSifter.FinishOpenSlot (flush, end of input). Same returns as gs_announce_accept. */
GS_API int32_t gs_announce_finish_open_slot(struct gs_announce_state *state, const uint32_t *random,
					    int32_t random_count, int32_t *random_needed);

/* GroundSifter.CloseFillingBatch. GS_ANNOUNCE_BATCH_CLOSED when there was one (fetch it), else GS_ANNOUNCE_DONE. */
GS_API int32_t gs_announce_close_filling(struct gs_announce_state *state);

/* The batch a GS_ANNOUNCE_BATCH_CLOSED reported, or NULL; the next call reuses its memory. */
GS_API const struct gs_announce_batch *gs_announce_closed_batch(struct gs_announce_state *state);


/*
 * gs_announce_closed_batch for callers without the struct layout (P/Invoke, InternalCall): copies the closed
 * batch's fields and its deltas (delta_bytes), roles (count) and basis bits (all bit_bytes(capacity), zero past
 * count, as AnnounceBatch keeps them) into the caller's buffers. GS_ERR_STATE when none is waiting,
 * GS_ERR_ARGUMENT when a buffer is too small.
 */
GS_API gs_status gs_announce_fetch_closed(struct gs_announce_state *state, struct gs_announce_batch_info *info,
					  uint8_t *deltas, int32_t deltas_capacity, uint8_t *roles,
					  int32_t roles_capacity, uint8_t *basis_bits, int32_t basis_capacity);

/* The receiver map changed (live configuration): the new role per channel 0..255. */
GS_API gs_status gs_announce_set_roles(struct gs_announce_state *state, const uint8_t *roles_by_channel);

/* The managed sifter matched every batch before `oldest` (GroundSifter._oldestBatch): back-pressure frees them. */
GS_API void gs_announce_set_oldest(struct gs_announce_state *state, uint32_t oldest);

/* Batch numbers handed out so far, the filling one included (GroundSifter._nextBatch), and whether one is filling. */
GS_API uint32_t gs_announce_next_batch(const struct gs_announce_state *state);
GS_API bool gs_announce_is_filling(const struct gs_announce_state *state);

/* Copies the counters accumulated since the last take to *out and zeroes them (the caller adds them to its own). */
GS_API void gs_announce_take_counters(struct gs_announce_state *state, struct gs_announce_counters *out);

GS_API size_t gs_announce_state_size(void);
GS_API size_t gs_announce_batch_size(void);

#ifdef __cplusplus
}
#endif

#endif /* GS_ANNOUNCE_H */
