/*
 * gs_esp32_acquisition.h - the ESP-IDF side of the native acquisition core on a custom nanoFramework ESP32 image.
 *
 * NOT BUILT IN CI: no ESP-IDF toolchain exists on the build machines. It is written against ESP-IDF v5.5.4 (the
 * version nf-interpreter's ESP32 build pins; firmware/Native/README.md, "ESP32 image") and compiled only by the
 * custom image's build; the desktop build syntax-checks it against the core headers (check/README.md). The portable
 * core (firmware/Native/core) it calls is what the desktop compiles and tests.
 *
 * One FreeRTOS task, pinned to the core the CLR does not run on (nf-interpreter pins its main task to core 1 on the
 * classic ESP32, so this task takes core 0), drains the FIFO tagger by SPI DMA into a ring of raw bursts and runs
 * each burst through gs_pipeline_run (FIFO decode, over-light, timing, announce). Managed code, through the interop
 * methods (firmware/Native/interop), configures it, takes closed announcement batches and notices, and reads
 * counters; every such call takes the pipeline's mutex for a few microseconds, never longer than one burst.
 */
#ifndef GS_ESP32_ACQUISITION_H
#define GS_ESP32_ACQUISITION_H

#include "gs_pipeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Ring of raw FIFO bursts: SPI DMA fills one while the pipeline decodes the one received before it. */
#define GS_ESP32_RING_SLOTS 2
/* Records per burst: 256 x 8 bytes + the 2-byte read header stays under the ESP32 SPI DMA's 4092-byte descriptor. */
#define GS_ESP32_BURST_RECORDS 256
/* Closed announcement batches waiting for managed code: as many as the managed sifter's ring can hold. */
#define GS_ESP32_BATCH_QUEUE 4
/* Notices (kind, argument) waiting for managed code. */
#define GS_ESP32_NOTICE_QUEUE 32
#define GS_ESP32_MAX_GATES 8

/* Notice kinds (NativeAcquisition.TakeNotices). */
#define GS_ESP32_NOTICE_TRIP 1        /* argument: detector whose gate the task pulled low */
#define GS_ESP32_NOTICE_TAGGER_RESET 2
#define GS_ESP32_NOTICE_SPI_FAILURE 3 /* argument: esp_err_t */
#define GS_ESP32_NOTICE_LOST 4        /* notices were dropped: argument = how many */

/* Counters (NativeAcquisition.ReadCounters), in this order. */
enum gs_esp32_counter {
	GS_ESP32_C_RECORDS_READ = 0,    /* FIFO records clocked out (events, marks) */
	GS_ESP32_C_DELIVERED,           /* gs_fifo_counters */
	GS_ESP32_C_MISSED,
	GS_ESP32_C_ROLLOVERS,
	GS_ESP32_C_OVERFLOWED,          /* LOST_COUNT growth, as FifoTimeTagger.AccountOverflow */
	GS_ESP32_C_TAGGER_RESETS,
	GS_ESP32_C_SPI_FAILURES,
	GS_ESP32_C_BURSTS,
	GS_ESP32_C_TIMING_MODE,         /* gs_timing_mode */
	GS_ESP32_C_DETECTIONS_SEEN,     /* gs_timing_counters, first fields */
	GS_ESP32_C_ASSIGNED,
	GS_ESP32_C_DROPPED_UNLOCKED,
	GS_ESP32_C_NEWEST_TAGGER_PS,    /* newest event time read */
	GS_ESP32_C_CHANNEL0,            /* records per channel 0..7 (AcquisitionPipeline.ChannelCounts) */
	GS_ESP32_C_CHANNEL7 = GS_ESP32_C_CHANNEL0 + 7,
	GS_ESP32_C_BATCHES_QUEUED,      /* closed batches waiting for TakeClosedBatch */
	GS_ESP32_C_LATCHED_MASK,        /* detectors the task gated off for over-light */
	GS_ESP32_C_BUSY_PERMILLE,       /* share of the last second the task spent in the pipeline, 1/1000 */
	GS_ESP32_COUNTER_COUNT          /* = NativeAcquisition.CounterCount (24) */
};

struct gs_esp32_bus {
	int32_t spi_host; /* spi_host_device_t: 1 = SPI2_HOST, 2 = SPI3_HOST in ESP-IDF v5 */
	int32_t sclk_pin;
	int32_t mosi_pin;
	int32_t miso_pin;
	int32_t cs_pin;
	int32_t ready_pin; /* READY_N, active low; -1: poll every millisecond */
	int32_t clock_hz;
	int32_t gate_pins[GS_ESP32_MAX_GATES];
	int32_t gate_count;
};

/* Configures the pipeline (stopped only). Arguments as gs_pipeline_init and gs_timing_init; limits per detector. */
gs_status gs_esp32_configure(const gs_timing_config *timing, const int32_t *limits, int32_t detector_count,
			     int64_t overlight_window_ps, const uint8_t roles_by_channel[256], int32_t z_basis_ppm,
			     int32_t batch_capacity, int32_t max_payload_bytes, int32_t batch_count);

/* Opens the tagger's SPI device, starts the tagger and the task. GS_ERR_STATE when not configured or running. */
gs_status gs_esp32_start(const struct gs_esp32_bus *bus);

/* Stops the task (waits for the burst in progress) and removes the SPI device. */
gs_status gs_esp32_stop(void);

gs_status gs_esp32_set_coarse_prediction(int64_t ground_time_ps, int64_t satellite_slot, int64_t uncertainty_ps);
gs_status gs_esp32_set_overlight(int32_t detector, int32_t max_counts_per_window, bool clear_latch);
gs_status gs_esp32_set_oldest_batch(uint32_t oldest);

/* Copies the oldest queued closed batch into *out; returns its count, 0 when none, or a negative gs_status. */
int32_t gs_esp32_take_closed_batch(struct gs_announce_batch *out);

/* Copies up to capacity ints of notices (pairs); returns how many ints were written. */
int32_t gs_esp32_take_notices(int32_t *out, int32_t capacity);

gs_status gs_esp32_read_counters(int64_t *out, int32_t count);

#ifdef __cplusplus
}
#endif

#endif /* GS_ESP32_ACQUISITION_H */
