/*
 * gs_fifo.h - FPGA FIFO tagger record decode and roll-over extension.
 *
 * Mirrors the record loop of firmware/Drivers/FifoTagger/FifoTimeTagger.ReadBatch and RolloverExtender (48-bit
 * time field) bit for bit; the register map is firmware/Drivers/FifoTagger/README.md. The SPI traffic (STATUS,
 * LOST_COUNT, the burst itself, reset recovery) is not here: it belongs to whoever owns the bus (the managed driver
 * on the desktop, the ESP-IDF task on the ESP32). The one register access the record loop needs, accounting an
 * overflow flag, is handed back to the caller by stopping before the flagged record (GS_FIFO_STOP_OVERFLOW), so the
 * bus owner performs it exactly where the managed driver does and calls again from that record.
 */
#ifndef GS_FIFO_H
#define GS_FIFO_H

#include "gs_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Register-map constants the decoder depends on (FifoTaggerRegisters). */
#define GS_FIFO_RECORD_BYTES 8
#define GS_FIFO_TIME_BITS 48
#define GS_FIFO_CHANNELS 8
#define GS_FIFO_CHANNEL_FILLER 0xE
#define GS_FIFO_CHANNEL_TIME_MARK 0xF
#define GS_FIFO_FLAG_OVERFLOW_BEFORE 0x1
#define GS_FIFO_FLAG_RESERVED_MASK 0xE

/* Why gs_fifo_decode returned. */
#define GS_FIFO_DONE 0
/* The record at *next carries the overflow flag: account LOST_COUNT, then call again from *next. */
#define GS_FIFO_STOP_OVERFLOW 1

/* Running totals, as TimeTaggerCounters (Overflowed and Resets stay with the bus owner). */
struct gs_fifo_counters {
	int64_t delivered;
	int64_t missed;
	int64_t rollovers;
};

/* Decoder state; the caller owns it (no heap). Fields are private to gs_fifo.c. */
struct gs_fifo_state {
	int64_t last_ps_per_channel[GS_FIFO_CHANNELS];
	int64_t lsb_femtoseconds;
	/* lsb / 1000 when the unit is a whole number of ps (1 for the map's default 1 ps), else 0: see gs_fifo.c */
	int64_t ps_per_unit;
	int64_t reset_offset_ps;
	int64_t last_delivered_ps;
	/* RolloverExtender(48) */
	int64_t extender_last;
	int64_t extender_rollovers;
	int64_t rollovers_counted;
	struct gs_fifo_counters counters;
	/* Index of the record a GS_FIFO_STOP_OVERFLOW stopped at (its overflow is served on the next call), or -1. */
	int32_t overflow_stop;
	int32_t expected_sequence;
	bool extender_has_last;
	bool sequence_known;
	uint32_t magic;
};

/* Zeroes everything (construction of the managed driver). */
GS_API void gs_fifo_init(struct gs_fifo_state *state);

/*
 * FifoTimeTagger.Start after the registers checked out: the time unit, a fresh roll-over history and sequence, and
 * every channel's last time forgotten. The reset offset and the last delivered time are kept, as in the driver.
 */
GS_API gs_status gs_fifo_start(struct gs_fifo_state *state, int64_t lsb_femtoseconds);

/*
 * FifoTimeTagger.RecoverFromReset (STATUS.RESET_SEEN): the tagger clock restarted at 0, so later times continue
 * after the last delivered one; roll-over history and sequence restart.
 */
GS_API gs_status gs_fifo_on_reset(struct gs_fifo_state *state);

/*
 * Decodes records [*next, count) of a burst (records: the bytes after the 2-byte read header) into event times (ps,
 * roll-over extended, reset offset added) and channels written from out_index on. Time marks and fillers are
 * consumed, garbage counted in missed. On return *next is where to continue and *written how many events were
 * written. Returns GS_FIFO_DONE once the burst is consumed (the batch's roll-overs and deliveries are then added to
 * the counters, once per burst as the driver does), GS_FIFO_STOP_OVERFLOW before a record whose overflow flag the
 * bus owner must account first, or a negative gs_status.
 */
GS_API int32_t gs_fifo_decode(struct gs_fifo_state *state, const uint8_t *records, int32_t count, int32_t *next,
			      int64_t *times_ps, uint8_t *channels, int32_t out_index, int32_t *written);

/* The counters so far. */
GS_API void gs_fifo_counters(const struct gs_fifo_state *state, struct gs_fifo_counters *out);

/* Size of the state, so a managed caller can allocate it without mirroring the layout. */
GS_API size_t gs_fifo_state_size(void);

/*
 * floor(units * lsb_fs / 1000) computed as the driver does, (units / 1000) * lsb + ((units % 1000) * lsb) / 1000,
 * with 32-bit divisions only (units >= 0, 0 <= lsb < 2^32). Exposed for the tests.
 */
GS_API int64_t gs_fifo_units_to_ps(int64_t units, int64_t lsb_femtoseconds);

#ifdef __cplusplus
}
#endif

#endif /* GS_FIFO_H */
