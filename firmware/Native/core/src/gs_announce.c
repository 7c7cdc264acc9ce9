/*
 * gs_announce.c - squashing and announcement batch filling (see gs_announce.h and firmware/Sifting/README.md).
 */
#include "gs_announce.h"

#include <string.h>

#define GS_ANNOUNCE_MAGIC 0x414E4E43u /* "ANNC" */
#define GS_BASIS_Z 0
#define GS_BASIS_X 1

/* ---- wire lengths (protocol/Sifting/SiftWire, SiftAnnounceCodec.HeaderLength) ---- */

static int32_t gs_varint_length(uint64_t value)
{
	int32_t length = 1;

	while (value >= 0x80) {
		value >>= 7;
		length++;
	}
	return length;
}

/* A slot stays signed end to end, as in the C#: a negative one (never produced) takes one byte. */
static int32_t gs_nonneg_varint_length(int64_t value)
{
	int32_t length = 1;

	while (value >= 0x80) {
		value >>= 7;
		length++;
	}
	return length;
}

static inline int32_t gs_bit_bytes(int32_t count)
{
	return (count + 7) >> 3;
}

static int32_t gs_header_length(uint32_t number, int32_t count, int64_t first_slot)
{
	return gs_varint_length(number) + gs_varint_length((uint64_t)(uint32_t)count) +
	       gs_nonneg_varint_length(first_slot);
}

/* SiftWire.WriteNonNegativeVarint: the position after the value, or -1 when it does not fit before end. */
static int32_t gs_write_varint(uint8_t *buffer, int32_t position, int32_t end, int64_t value)
{
	while (value >= 0x80) {
		if (position >= end) {
			return -1;
		}
		buffer[position++] = (uint8_t)(value | 0x80);
		value >>= 7;
	}
	if (position >= end) {
		return -1;
	}
	buffer[position++] = (uint8_t)value;
	return position;
}

/* C# long subtraction wraps; C signed overflow is undefined. */
static inline int64_t gs_wrap_sub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

/* ---- AnnounceBatch ---- */

static void gs_batch_begin(const struct gs_announce_state *state, struct gs_announce_batch *b, uint32_t number,
			   int64_t slot, int32_t basis, int32_t bit)
{
	int32_t capacity = state->capacity;

	b->info.number = number;
	memset(b->basis_bits, 0, (size_t)gs_bit_bytes(capacity));
	b->roles[0] = (uint8_t)((basis << 1) | bit);
	b->basis_bits[0] = (uint8_t)basis;
	b->info.count = 1;
	b->info.first_slot = slot;
	b->info.last_slot = slot;
	b->info.delta_bytes = 0;
	b->info.encoded_length = 0;
	b->info.delta_bytes_sure =
		state->max_payload_bytes - gs_header_length(number, capacity, slot) - gs_bit_bytes(capacity);
}

/* AnnounceBatch.Fits: the encoder's exact length test with one more detection and `delta_bytes` of deltas. */
static bool gs_batch_fits(const struct gs_announce_state *state, const struct gs_announce_batch *b, int32_t count,
			  int32_t delta_bytes)
{
	return gs_header_length(b->info.number, count + 1, b->info.first_slot) + delta_bytes + gs_bit_bytes(count + 1) <=
	       state->max_payload_bytes;
}

/* AnnounceBatch.TryAppend (the delta is written before the test, as in the C#; a refusal leaves count unchanged). */
static bool gs_batch_try_append(const struct gs_announce_state *state, struct gs_announce_batch *b, int64_t slot,
				int32_t basis, int32_t bit)
{
	int32_t n = b->info.count;

	if (n >= state->capacity) {
		return false;
	}
	int32_t p = gs_write_varint(b->deltas, b->info.delta_bytes, state->delta_buffer_bytes, gs_wrap_sub(slot, b->info.last_slot));
	if (p < 0 || (p > b->info.delta_bytes_sure && !gs_batch_fits(state, b, n, p))) {
		return false;
	}
	b->roles[n] = (uint8_t)((basis << 1) | bit);
	if (basis != 0) {
		b->basis_bits[n >> 3] |= (uint8_t)(1u << (n & 7));
	}
	b->info.count = n + 1;
	b->info.delta_bytes = p;
	b->info.last_slot = slot;
	return true;
}

/* ---- GroundSifter ---- */

/* CloseFillingBatch: fixes the payload length; the batch waits for the caller to fetch it. */
static bool gs_close_filling(struct gs_announce_state *state)
{
	if (state->filling < 0) {
		return false;
	}
	struct gs_announce_batch *b = &state->batches[state->filling];

	b->info.encoded_length = gs_header_length(b->info.number, b->info.count, b->info.first_slot) + b->info.delta_bytes + gs_bit_bytes(b->info.count);
	state->closed = state->filling;
	state->filling = -1;
	return true;
}

/* Announce: appends to the filling batch or starts the next one; true when a batch closed. */
static bool gs_announce_slot(struct gs_announce_state *state, int64_t slot, int32_t basis, int32_t bit, int32_t clicks)
{
	bool closed = false;

	if (state->filling >= 0) {
		if (gs_batch_try_append(state, &state->batches[state->filling], slot, basis, bit)) {
			return false;
		}
		closed = gs_close_filling(state);
	}

	if (state->next_batch - state->oldest_batch >= state->ring) {
		/* Back-pressure: every batch waits for the link or the satellite side. Never announced, so both sides
		 * stay consistent; counted. */
		state->counters.dropped_slots++;
		state->counters.dropped_clicks += clicks;
		return closed;
	}

	int32_t index = state->closed == 0 ? 1 : 0;
	gs_batch_begin(state, &state->batches[index], state->next_batch, slot, basis, bit);
	state->next_batch++;
	state->filling = index;
	return closed;
}

/* Random words squashing `mask` takes: basis and bit across bases, the bit within one. */
static inline int32_t gs_squash_words(int32_t mask)
{
	return ((mask & 3) != 0 && ((mask >> 2) & 3) != 0) ? 2 : 1;
}

/* SquashMultiClick, with the words the caller drew (DrawBasis, then DrawBit). */
static bool gs_squash(struct gs_announce_state *state, int64_t slot, int32_t mask, int32_t clicks, const uint32_t *words)
{
	int32_t z = mask & 3;
	int32_t x = (mask >> 2) & 3;
	int32_t basis;
	int32_t bit;

	if (z != 0 && x != 0) {
		state->counters.cross_basis_multi_clicks++;
		uint64_t scaled = ((uint64_t)words[0] * 1000000u) >> 32;
		basis = scaled < (uint64_t)(uint32_t)state->z_basis_ppm ? GS_BASIS_Z : GS_BASIS_X;
		bit = (int32_t)(words[1] >> 31);
	} else {
		state->counters.same_basis_double_clicks++;
		basis = z != 0 ? GS_BASIS_Z : GS_BASIS_X;
		bit = (int32_t)(words[0] >> 31);
	}
	return gs_announce_slot(state, slot, basis, bit, clicks);
}

/* GroundSifter.SureRoom: how many more detections the inline path may add, each taking at most 2 delta bytes. */
static inline int32_t gs_sure_room(int32_t count, int32_t capacity, int32_t used, int32_t sure)
{
	int32_t by_bytes = (sure - used) >> 1; /* arithmetic shift, as C#'s >> on int (GCC and Clang on every target) */
	int32_t by_count = capacity - count;
	int32_t room = by_bytes < by_count ? by_bytes : by_count;

	return room > 0 ? room : 0;
}

/*
 * The filling batch as the per-detection loop holds it: GroundSifter.Accept keeps these in locals (fields cost
 * calls on the interpreter); here a local struct the compiler keeps in registers, written back before the general
 * path (Announce, squashing) and loaded again after it.
 */
struct gs_fill_cursor {
	struct gs_announce_batch *batch; /* NULL when no batch is filling */
	int64_t last;                    /* the batch's last slot (0 without a batch) */
	int32_t n;                       /* detections in the batch */
	int32_t used;                    /* delta bytes in use */
	int32_t room;                    /* detections that surely fit inline */
	int32_t loaded;                  /* n when loaded: the inline appends since are single-click slots */
};

static inline void gs_cursor_load(struct gs_announce_state *state, struct gs_fill_cursor *c)
{
	c->batch = state->filling >= 0 ? &state->batches[state->filling] : NULL;
	c->n = 0;
	c->used = 0;
	c->room = 0;
	c->last = 0;
	c->loaded = 0;
	if (c->batch != NULL) {
		c->n = c->batch->info.count;
		c->loaded = c->n;
		c->used = c->batch->info.delta_bytes;
		c->room = gs_sure_room(c->n, state->capacity, c->used, c->batch->info.delta_bytes_sure);
		c->last = c->batch->info.last_slot;
	}
}

/* Writes the cursor back; returns the detections appended inline since it was loaded. */
static inline int64_t gs_cursor_store(struct gs_fill_cursor *c)
{
	if (c->batch == NULL) {
		return 0;
	}
	c->batch->info.count = c->n;
	c->batch->info.delta_bytes = c->used;
	c->batch->info.last_slot = c->last;
	return c->n - c->loaded;
}

/* The inline append: a 1- or 2-byte varint delta (the caller checked delta < 0x4000 and room), role, basis bit. */
static inline void gs_cursor_append(struct gs_fill_cursor *c, int64_t slot, int64_t delta, int32_t role)
{
	struct gs_announce_batch *b = c->batch;

	if (delta < 0x80) {
		b->deltas[c->used++] = (uint8_t)delta;
	} else {
		b->deltas[c->used] = (uint8_t)(delta | 0x80);
		b->deltas[c->used + 1] = (uint8_t)(delta >> 7);
		c->used += 2;
	}
	b->roles[c->n] = (uint8_t)role;
	if (role >= 2) {
		b->basis_bits[c->n >> 3] |= (uint8_t)(1u << (c->n & 7));
	}
	c->n++;
	c->room--;
	c->last = slot;
}

gs_status gs_announce_init(struct gs_announce_state *state, int32_t capacity, int32_t max_payload_bytes,
			   int32_t batch_count, int32_t z_basis_ppm, const uint8_t *roles_by_channel)
{
	if (state == NULL || roles_by_channel == NULL || capacity < 1 || capacity > GS_ANNOUNCE_MAX_CAPACITY ||
	    batch_count < 2 || max_payload_bytes < 1 || z_basis_ppm <= 0 || z_basis_ppm >= 1000000) {
		return GS_ERR_ARGUMENT;
	}
	/* AnnounceBatch's delta buffer: a delta is written before the length test, so one varint past the limit. */
	int64_t delta_bytes = (int64_t)(capacity - 1) * GS_ANNOUNCE_MAX_VARINT_BYTES;
	int64_t buffer = (delta_bytes < max_payload_bytes ? delta_bytes : max_payload_bytes) + GS_ANNOUNCE_MAX_VARINT_BYTES;
	if (buffer > GS_ANNOUNCE_MAX_DELTA_BYTES) {
		return GS_ERR_ARGUMENT;
	}

	memset(state, 0, sizeof(*state));
	state->capacity = capacity;
	state->max_payload_bytes = max_payload_bytes;
	state->delta_buffer_bytes = (int32_t)buffer;
	state->ring = (uint32_t)batch_count;
	state->z_basis_ppm = z_basis_ppm;
	state->slot = -1;
	state->filling = -1;
	state->closed = -1;
	memcpy(state->roles_by_channel, roles_by_channel, sizeof(state->roles_by_channel));
	state->magic = GS_ANNOUNCE_MAGIC;
	return GS_OK;
}

/* Checks a call's state and the random words against what the last GS_ANNOUNCE_NEED_RANDOM asked for. */
static gs_status gs_announce_check(struct gs_announce_state *state, int32_t random_count, const uint32_t *random)
{
	if (state == NULL || state->magic != GS_ANNOUNCE_MAGIC || state->closed >= 0) {
		return GS_ERR_STATE; /* a closed batch not fetched would be overwritten */
	}
	if (random_count < 0 || (random_count > 0 && (random == NULL || random_count != state->random_needed))) {
		return GS_ERR_ARGUMENT; /* words the C# would not draw here would shift every later draw */
	}
	state->random_needed = 0;
	return GS_OK;
}

int32_t gs_announce_accept(struct gs_announce_state *state, const int64_t *slots, const uint8_t *channels,
			   int32_t end, int32_t *next, const uint32_t *random, int32_t random_count,
			   int32_t *random_needed)
{
	gs_status status = gs_announce_check(state, random_count, random);

	if (status != GS_OK) {
		return status;
	}
	if (next == NULL || random_needed == NULL || *next < 0 || end < *next ||
	    (end > *next && (slots == NULL || channels == NULL))) {
		return GS_ERR_ARGUMENT;
	}

	/* The open slot and the batch being filled live in locals during the loop, as in the C#. */
	const uint8_t *roles = state->roles_by_channel;
	int32_t start = *next;
	int32_t result = GS_ANNOUNCE_DONE;
	bool open = state->slot_open;
	int64_t open_slot = state->slot;
	int32_t mask = state->slot_mask;
	int32_t first_role = state->slot_first_role;
	int32_t first_mask = 1 << first_role;
	int32_t clicks = state->slot_clicks;
	int64_t singles = 0;
	const uint32_t *words = random;
	struct gs_fill_cursor fill;

	gs_cursor_load(state, &fill);
	int32_t i;
	for (i = start; i < end; i++) {
		int64_t slot = slots[i];
		int32_t role = roles[channels[i]];

		if (role == GS_ANNOUNCE_NO_ROLE) {
			state->counters.ignored_clicks++;
			continue;
		}

		if (slot <= open_slot) {
			if (slot == open_slot && open) {
				int32_t bit = 1 << role;
				if ((mask & bit) != 0) {
					state->counters.duplicate_clicks++;
				}
				mask |= bit;
				clicks++;
			} else {
				state->counters.out_of_order_clicks++;
			}
			continue;
		}

		bool closed_now = false;
		if (open) {
			if (mask != first_mask && words == NULL) {
				/* A multi-click finishes here: the caller draws the words, then this detection again. */
				state->random_needed = gs_squash_words(mask);
				*random_needed = state->random_needed;
				result = GS_ANNOUNCE_NEED_RANDOM;
				break;
			}

			int64_t open_delta = gs_wrap_sub(open_slot, fill.last);
			if (mask == first_mask && open_delta < 0x4000 && fill.room > 0) {
				gs_cursor_append(&fill, open_slot, open_delta, first_role);
			} else {
				singles += gs_cursor_store(&fill);
				if (mask == first_mask) {
					singles++;
					closed_now = gs_announce_slot(state, open_slot, first_role >> 1, first_role & 1, clicks);
				} else {
					closed_now = gs_squash(state, open_slot, mask, clicks, words);
					words = NULL;
				}
				gs_cursor_load(state, &fill);
			}
			open = false;
		}

		/* The usual case: the successor is in a later slot, so this detection clicked alone and goes into the
		 * batch at once when its delta takes 1 or 2 bytes and surely fits. The last one of the call stays open. */
		open_slot = slot;
		int64_t delta = gs_wrap_sub(slot, fill.last);
		if (i + 1 < end && slots[i + 1] > slot && delta < 0x4000 && fill.room > 0) {
			gs_cursor_append(&fill, slot, delta, role);
		} else {
			open = true;
			first_mask = 1 << role;
			mask = first_mask;
			first_role = role;
			clicks = 1;
		}

		if (closed_now) {
			/* The caller fetches the closed batch before the next detection can close another. */
			i++;
			result = GS_ANNOUNCE_BATCH_CLOSED;
			break;
		}
	}

	singles += gs_cursor_store(&fill);
	state->slot_open = open;
	state->slot = open_slot;
	state->slot_mask = mask;
	state->slot_first_role = first_role;
	state->slot_clicks = clicks;
	/* Counted per call in the C#; the parts of a resumed batch add up to the same. */
	state->counters.clicks += i - start;
	state->counters.single_click_slots += singles;
	*next = i;
	return result;
}

int32_t gs_announce_finish_open_slot(struct gs_announce_state *state, const uint32_t *random, int32_t random_count,
				     int32_t *random_needed)
{
	gs_status status = gs_announce_check(state, random_count, random);

	if (status != GS_OK) {
		return status;
	}
	if (random_needed == NULL) {
		return GS_ERR_ARGUMENT;
	}
	if (!state->slot_open) {
		return GS_ANNOUNCE_DONE;
	}

	bool closed;
	if (state->slot_mask == 1 << state->slot_first_role) {
		state->slot_open = false;
		state->counters.single_click_slots++;
		closed = gs_announce_slot(state, state->slot, state->slot_first_role >> 1, state->slot_first_role & 1,
					  state->slot_clicks);
	} else {
		if (random_count == 0) {
			state->random_needed = gs_squash_words(state->slot_mask);
			*random_needed = state->random_needed;
			return GS_ANNOUNCE_NEED_RANDOM;
		}
		state->slot_open = false;
		closed = gs_squash(state, state->slot, state->slot_mask, state->slot_clicks, random);
	}
	return closed ? GS_ANNOUNCE_BATCH_CLOSED : GS_ANNOUNCE_DONE;
}

int32_t gs_announce_close_filling(struct gs_announce_state *state)
{
	if (state == NULL || state->magic != GS_ANNOUNCE_MAGIC || state->closed >= 0) {
		return GS_ERR_STATE;
	}
	return gs_close_filling(state) ? GS_ANNOUNCE_BATCH_CLOSED : GS_ANNOUNCE_DONE;
}

const struct gs_announce_batch *gs_announce_closed_batch(struct gs_announce_state *state)
{
	if (state == NULL || state->magic != GS_ANNOUNCE_MAGIC || state->closed < 0) {
		return NULL;
	}
	const struct gs_announce_batch *b = &state->batches[state->closed];
	state->closed = -1;
	return b;
}

gs_status gs_announce_fetch_closed(struct gs_announce_state *state, struct gs_announce_batch_info *info,
				   uint8_t *deltas, int32_t deltas_capacity, uint8_t *roles, int32_t roles_capacity,
				   uint8_t *basis_bits, int32_t basis_capacity)
{
	if (state == NULL || state->magic != GS_ANNOUNCE_MAGIC || state->closed < 0) {
		return GS_ERR_STATE;
	}
	if (info == NULL || deltas == NULL || roles == NULL || basis_bits == NULL) {
		return GS_ERR_ARGUMENT;
	}
	const struct gs_announce_batch *b = &state->batches[state->closed];
	int32_t basis_bytes = gs_bit_bytes(state->capacity);
	if (deltas_capacity < b->info.delta_bytes || roles_capacity < b->info.count || basis_capacity < basis_bytes) {
		return GS_ERR_ARGUMENT;
	}

	*info = b->info;
	info->reserved = 0;
	memcpy(deltas, b->deltas, (size_t)b->info.delta_bytes);
	memcpy(roles, b->roles, (size_t)b->info.count);
	memcpy(basis_bits, b->basis_bits, (size_t)basis_bytes);
	state->closed = -1;
	return GS_OK;
}

gs_status gs_announce_set_roles(struct gs_announce_state *state, const uint8_t *roles_by_channel)
{
	if (state == NULL || state->magic != GS_ANNOUNCE_MAGIC) {
		return GS_ERR_STATE;
	}
	if (roles_by_channel == NULL) {
		return GS_ERR_ARGUMENT;
	}
	memcpy(state->roles_by_channel, roles_by_channel, sizeof(state->roles_by_channel));
	return GS_OK;
}

void gs_announce_set_oldest(struct gs_announce_state *state, uint32_t oldest)
{
	if (state != NULL) {
		state->oldest_batch = oldest;
	}
}

uint32_t gs_announce_next_batch(const struct gs_announce_state *state)
{
	return state != NULL ? state->next_batch : 0;
}

bool gs_announce_is_filling(const struct gs_announce_state *state)
{
	return state != NULL && state->filling >= 0;
}

void gs_announce_take_counters(struct gs_announce_state *state, struct gs_announce_counters *out)
{
	if (state != NULL && out != NULL) {
		*out = state->counters;
		memset(&state->counters, 0, sizeof(state->counters));
	}
}

size_t gs_announce_state_size(void)
{
	return sizeof(struct gs_announce_state);
}

size_t gs_announce_batch_size(void)
{
	return sizeof(struct gs_announce_batch);
}
