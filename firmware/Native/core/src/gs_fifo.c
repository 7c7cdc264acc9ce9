/*
 * gs_fifo.c - FIFO tagger record decode and 48-bit roll-over extension (see gs_fifo.h).
 */
#include "gs_fifo.h"

#include <string.h>

#define GS_FIFO_MAGIC 0x46494630u /* "FIF0": the state was initialised by this ABI */
#define GS_FIFO_MODULUS ((int64_t)1 << GS_FIFO_TIME_BITS)
#define GS_FIFO_MASK (GS_FIFO_MODULUS - 1)
#define GS_FIFO_HALF (GS_FIFO_MODULUS >> 1)

/*
 * C# long arithmetic wraps; C signed overflow is undefined. Sums that may wrap in the C# go through uint64_t and
 * back (two's complement on every target this builds for).
 */
static inline int64_t gs_wrap_add(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

/*
 * x / 1000 and x % 1000 for x >= 0 by long division in 16-bit digits: each step divides a value below 1000 * 2^16
 * < 2^32, a 32-bit division by a constant (a multiply on every compiler), where x / 1000 on a 64-bit x would be a
 * __udivdi3 library call per event on the ESP32.
 */
static inline uint64_t gs_div1000(uint64_t x, uint32_t *remainder)
{
	uint64_t quotient = 0;
	uint32_t rest = 0;

	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t part = (rest << 16) | (uint32_t)((x >> shift) & 0xFFFFu);

		quotient = (quotient << 16) | (part / 1000u);
		rest = part % 1000u;
	}
	*remainder = rest;
	return quotient;
}

int64_t gs_fifo_units_to_ps(int64_t units, int64_t lsb_femtoseconds)
{
	/* The driver's form, (units / 1000) * lsb + ((units % 1000) * lsb) / 1000, never overflows where a long holds
	 * the result; units is non-negative (the extender never returns less than 0) and lsb is a 32-bit register. */
	uint32_t rest;
	uint64_t whole = gs_div1000((uint64_t)units, &rest);
	uint64_t lsb = (uint64_t)lsb_femtoseconds;
	uint32_t ignored;
	uint64_t fraction = gs_div1000((uint64_t)rest * lsb, &ignored);

	return (int64_t)(whole * lsb + fraction);
}

void gs_fifo_init(struct gs_fifo_state *state)
{
	if (state == NULL) {
		return;
	}
	memset(state, 0, sizeof(*state));
	for (int i = 0; i < GS_FIFO_CHANNELS; i++) {
		state->last_ps_per_channel[i] = INT64_MIN;
	}
	state->overflow_stop = -1;
	state->magic = GS_FIFO_MAGIC;
}

/* RolloverExtender.Reset plus the driver's rolloversCounted and sequence, common to Start and reset recovery. */
static void gs_fifo_restart_history(struct gs_fifo_state *state)
{
	state->extender_last = 0;
	state->extender_has_last = false;
	state->rollovers_counted = 0;
	state->sequence_known = false;
	state->overflow_stop = -1;
}

gs_status gs_fifo_start(struct gs_fifo_state *state, int64_t lsb_femtoseconds)
{
	if (state == NULL || state->magic != GS_FIFO_MAGIC) {
		return GS_ERR_STATE;
	}
	if (lsb_femtoseconds <= 0 || lsb_femtoseconds > (int64_t)UINT32_MAX) {
		return GS_ERR_ARGUMENT;
	}
	state->lsb_femtoseconds = lsb_femtoseconds;
	/* With a whole number k of ps per unit the driver's (units / 1000) * 1000k + ((units % 1000) * 1000k) / 1000
	 * is exactly units * k, modulo 2^64 too (C#'s wrap-around): one multiply per record instead of the digit
	 * divisions (269 of the core's ~860 instructions per event on a 32-bit target, measured by gsctl bench core). */
	state->ps_per_unit = lsb_femtoseconds % 1000 == 0 ? lsb_femtoseconds / 1000 : 0;
	gs_fifo_restart_history(state);
	for (int i = 0; i < GS_FIFO_CHANNELS; i++) {
		state->last_ps_per_channel[i] = INT64_MIN;
	}
	return GS_OK;
}

gs_status gs_fifo_on_reset(struct gs_fifo_state *state)
{
	if (state == NULL || state->magic != GS_FIFO_MAGIC) {
		return GS_ERR_STATE;
	}
	state->reset_offset_ps = gs_wrap_add(state->last_delivered_ps, 1);
	gs_fifo_restart_history(state);
	return GS_OK;
}

/*
 * RolloverExtender.Extend: among the values congruent to raw modulo 2^48, the one nearest the last extended value,
 * so a slightly late record lands in the right epoch.
 */
static int64_t gs_fifo_extend_any(struct gs_fifo_state *state, int64_t raw)
{
	int64_t reference = state->extender_last;
	int64_t value;

	raw &= GS_FIFO_MASK;
	if (!state->extender_has_last && reference <= 0) {
		value = raw; /* the first reading after start defines epoch 0 */
	} else {
		value = (reference & ~GS_FIFO_MASK) | raw;
		int64_t diff = value - reference;
		if (diff > GS_FIFO_HALF) {
			value -= GS_FIFO_MODULUS;
		} else if (diff < -GS_FIFO_HALF) {
			value += GS_FIFO_MODULUS;
		}
		if (value < 0) {
			value += GS_FIFO_MODULUS;
		}
	}

	if (!state->extender_has_last) {
		state->extender_has_last = true;
		state->extender_last = value;
	} else if (value > state->extender_last) {
		/* Epochs compared as 32-bit words (the value is below 2^63): the 64-bit sum only when the epoch moved. */
		int32_t epoch = (int32_t)(value >> GS_FIFO_TIME_BITS);
		int32_t last_epoch = (int32_t)(state->extender_last >> GS_FIFO_TIME_BITS);
		if (epoch != last_epoch) {
			state->extender_rollovers += (int64_t)epoch - last_epoch;
		}
		state->extender_last = value;
	}
	return value;
}

/*
 * The usual record (raw below 2^48): within half the range of the last value and in its epoch. Then the general
 * case above neither adjusts the value nor counts a roll-over, and only moves the last value forward; this path
 * gives the same value and state for that case with one 64-bit difference and compare.
 */
static inline int64_t gs_fifo_extend(struct gs_fifo_state *state, int64_t raw)
{
	if (state->extender_has_last) {
		int64_t reference = state->extender_last;
		int64_t value = (reference & ~GS_FIFO_MASK) | raw;
		int64_t diff = value - reference;

		if (value >= 0 && (uint64_t)(diff + GS_FIFO_HALF) <= (uint64_t)(2 * GS_FIFO_HALF)) {
			if (diff > 0) {
				state->extender_last = value;
			}
			return value;
		}
	}
	return gs_fifo_extend_any(state, raw);
}

int32_t gs_fifo_decode(struct gs_fifo_state *state, const uint8_t *records, int32_t count, int32_t *next,
		       int64_t *times_ps, uint8_t *channels, int32_t out_index, int32_t *written)
{
	if (state == NULL || state->magic != GS_FIFO_MAGIC || next == NULL || written == NULL) {
		return GS_ERR_STATE;
	}
	if (count < 0 || *next < 0 || *next > count || (count > 0 && records == NULL) || times_ps == NULL ||
	    channels == NULL || out_index < 0) {
		return GS_ERR_ARGUMENT;
	}

	struct gs_fifo_counters *counters = &state->counters;
	int32_t out = out_index;
	int32_t r = *next;
	/* The record a previous call stopped at has had its overflow accounted by the caller. */
	int32_t served = state->overflow_stop;

	state->overflow_stop = -1;
	/* ps per unit (below 2^23: the unit is a 32-bit number of fs) or 0 for the digit division; checked once per
	 * call so the usual 1 ps unit costs the loop one 32-bit compare per record. */
	uint32_t ps_per_unit = (uint32_t)state->ps_per_unit;
	for (; r < count; r++) {
		const uint8_t *p = records + (size_t)r * GS_FIFO_RECORD_BYTES;
		uint32_t channel = (uint32_t)p[6] >> 4;
		uint32_t flags = (uint32_t)p[6] & 0x0Fu;

		if (channel == GS_FIFO_CHANNEL_FILLER) {
			/* The FIFO emptied under the burst (a reset mid-burst): records it announced are gone. */
			counters->missed += count - r;
			break;
		}
		if ((flags & GS_FIFO_FLAG_RESERVED_MASK) != 0) {
			counters->missed++;
			continue;
		}
		if ((flags & GS_FIFO_FLAG_OVERFLOW_BEFORE) != 0 && r != served) {
			/* LOST_COUNT is read over the bus: the caller does it, then continues from this record. (The
			 * driver checks the sequence first; the two touch different counters, so the order is free.) */
			state->overflow_stop = r;
			*next = r;
			*written = out - out_index;
			counters->delivered += *written;
			return GS_FIFO_STOP_OVERFLOW;
		}

		/* CheckSequence: a gap in the 8-bit record sequence is that many records missed. */
		int32_t sequence = p[7];
		if (state->sequence_known && sequence != state->expected_sequence) {
			counters->missed += (sequence - state->expected_sequence) & 0xFF;
		}
		state->expected_sequence = (sequence + 1) & 0xFF;
		state->sequence_known = true;

		/* The 48-bit big-endian time as two 32-bit words: a 32-bit core assembles each in its own register. */
		uint32_t raw_high = ((uint32_t)p[0] << 8) | (uint32_t)p[1];
		uint32_t raw_low = ((uint32_t)p[2] << 24) | ((uint32_t)p[3] << 16) | ((uint32_t)p[4] << 8) | (uint32_t)p[5];
		int64_t raw = (int64_t)(((uint64_t)raw_high << 32) | raw_low);
		int64_t units = gs_fifo_extend(state, raw);

		if (channel == GS_FIFO_CHANNEL_TIME_MARK) {
			continue;
		}
		if (channel >= GS_FIFO_CHANNELS) {
			counters->missed++;
			continue;
		}

		int64_t ps_since_reset = ps_per_unit == 1 ? units
				       : ps_per_unit != 0 ? (int64_t)((uint64_t)units * ps_per_unit)
							  : gs_fifo_units_to_ps(units, state->lsb_femtoseconds);
		int64_t ps = gs_wrap_add(state->reset_offset_ps, ps_since_reset);
		if (ps < state->last_ps_per_channel[channel]) {
			/* Time went backwards on one input: the record cannot be trusted. */
			counters->missed++;
			continue;
		}
		state->last_ps_per_channel[channel] = ps;
		if (ps > state->last_delivered_ps) {
			state->last_delivered_ps = ps;
		}
		times_ps[out] = ps;
		channels[out] = (uint8_t)channel;
		out++;
	}

	*next = count;
	*written = out - out_index;
	/* Once per burst, as the driver adds them after its loop (a stop above is not the end of the burst; the
	 * deliveries of its parts add up to the driver's one sum). */
	counters->rollovers += state->extender_rollovers - state->rollovers_counted;
	state->rollovers_counted = state->extender_rollovers;
	counters->delivered += *written;
	return GS_FIFO_DONE;
}

void gs_fifo_counters(const struct gs_fifo_state *state, struct gs_fifo_counters *out)
{
	if (state != NULL && out != NULL) {
		*out = state->counters;
	}
}

size_t gs_fifo_state_size(void)
{
	return sizeof(struct gs_fifo_state);
}
