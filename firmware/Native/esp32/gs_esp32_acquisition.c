/*
 * gs_esp32_acquisition.c - ESP-IDF task draining the FIFO tagger by SPI DMA into a ring of raw bursts and running
 * the portable native core over them (gs_esp32_acquisition.h).
 *
 * NOT BUILT IN CI (no ESP-IDF toolchain on the build machines): written against ESP-IDF v5.5.4, checked by hand
 * against its public API (spi_master.h, gpio.h, FreeRTOS xTaskCreatePinnedToCore, esp_random.h). The desktop build
 * syntax-checks it against the real core headers and our stand-ins for those ESP-IDF headers (check/README.md), so
 * a core API change it does not follow fails there. Keep it thin: every
 * decision about events lives in firmware/Native/core, which the desktop compiles and tests bit for bit against the
 * managed core. What stays here: the bus, the ring, the task, the mutex, the hand-over queues, gating on a trip.
 *
 * The FIFO tagger's register map is firmware/Drivers/FifoTagger/README.md (the managed driver's constants are
 * mirrored below; the managed start-up self-test has already checked IDENTITY and VERSION before Start).
 */
#include "gs_esp32_acquisition.h"

#include <string.h>

#include "driver/gpio.h"
#include "driver/spi_master.h"
#include "esp_attr.h"
#include "esp_heap_caps.h"
#include "esp_random.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/semphr.h"
#include "freertos/task.h"

/* FifoTaggerRegisters (firmware/Drivers/FifoTagger/FifoTaggerRegisters.cs). */
#define TAG_OP_READ_REGISTER 0x00u
#define TAG_OP_WRITE_REGISTER 0x40u
#define TAG_OP_READ_FIFO 0xC0u
#define TAG_READ_HEADER_BYTES 2
#define TAG_RECORD_BYTES 8
#define TAG_REG_STATUS 0x02u
#define TAG_REG_LOST_COUNT 0x04u
#define TAG_REG_CHANNEL_ENABLE 0x05u
#define TAG_REG_CONTROL 0x06u
#define TAG_REG_TIME_LSB_FS 0x07u
#define TAG_REG_READY_THRESHOLD 0x08u
#define TAG_STATUS_SIGNATURE 0x5A000000u
#define TAG_STATUS_SIGNATURE_MASK 0xFF000000u
#define TAG_STATUS_RESET_SEEN (1u << 23)
#define TAG_STATUS_OVERFLOW (1u << 22)
#define TAG_STATUS_LEVEL_MASK 0xFFFFu
#define TAG_CONTROL_RUN 1u

/* The task: core 0 (PRO_CPU). nf-interpreter's targets/ESP32/_IDF/esp32/app_main.c pins the CLR's main_task to
 * core 1 and its wire-protocol receiver task to core 0; Wi-Fi/BT, when enabled, also run on core 0. Priority above
 * the receiver task's 5 so the tagger never waits for the debugger link. */
#define GS_TASK_CORE 0
#define GS_TASK_PRIORITY 10
#define GS_TASK_STACK_BYTES 6144
#define GS_BURST_BYTES (TAG_READ_HEADER_BYTES + GS_ESP32_BURST_RECORDS * TAG_RECORD_BYTES)
/* DMA buffers in whole 32-bit words (the ESP32's SPI DMA writes words). */
#define GS_BURST_BUFFER_BYTES ((GS_BURST_BYTES + 3) & ~3)

struct ring_slot {
	spi_transaction_t trans;
	uint8_t *tx; /* DMA-capable, word aligned: the read-FIFO opcode then zeros */
	uint8_t *rx;
	int32_t records;
};

struct shared {
	SemaphoreHandle_t lock; /* the pipeline and everything below; never held across an SPI transfer */
	StaticSemaphore_t lock_storage;
	struct gs_pipeline_state pipeline;
	gs_timing_state timing; /* the pipeline's timing engine (gs_pipeline_set_timing); its control calls go here */
	int32_t limits[GS_FIFO_CHANNELS];
	uint32_t latched_mask;
	int32_t detector_count;
	bool configured;
	struct gs_announce_batch batches[GS_ESP32_BATCH_QUEUE];
	int32_t batch_head;
	int32_t batch_count;
	int32_t notices[GS_ESP32_NOTICE_QUEUE * 2];
	int32_t notice_count;
	int32_t notices_lost;
	int64_t counters[GS_ESP32_COUNTER_COUNT];
};

static struct shared s_shared; /* .bss: the portable core's state is caller-owned and fixed-size (no heap) */
static struct gs_esp32_bus s_bus;
static struct ring_slot s_ring[GS_ESP32_RING_SLOTS];
static spi_device_handle_t s_device;
static TaskHandle_t s_task;
static volatile bool s_stop;
static bool s_running;
static bool s_bus_owned;
static bool s_overflow_pending; /* a record carried the overflow flag: LOST_COUNT is read once no DMA is in flight */
static uint32_t s_last_lost_count;
static int64_t s_times[GS_ESP32_BURST_RECORDS];
static uint8_t s_channels[GS_ESP32_BURST_RECORDS];
static int64_t s_slots[GS_ESP32_BURST_RECORDS];
static uint8_t s_slot_channels[GS_ESP32_BURST_RECORDS];
static uint32_t s_random[64];

static void lock(void) { xSemaphoreTake(s_shared.lock, portMAX_DELAY); }
static void unlock(void) { xSemaphoreGive(s_shared.lock); }

/* Called with the lock held. A full queue keeps the oldest notices and counts what it dropped. */
static void notice(int32_t kind, int32_t argument)
{
	if (s_shared.notice_count >= GS_ESP32_NOTICE_QUEUE) {
		s_shared.notices_lost++;
		return;
	}
	s_shared.notices[s_shared.notice_count * 2] = kind;
	s_shared.notices[s_shared.notice_count * 2 + 1] = argument;
	s_shared.notice_count++;
}

/* ---- register access (polling transactions: short, and never queued while a DMA burst is in flight) ---------- */

static esp_err_t read_register(uint8_t address, uint32_t *value)
{
	/* ReadRegisterFrameBytes: op, turnaround, 4 value bytes (MSB first). */
	uint8_t tx[8] = { (uint8_t)(TAG_OP_READ_REGISTER | address), 0, 0, 0, 0, 0, 0, 0 };
	uint8_t rx[8] = { 0 };
	spi_transaction_t t;
	memset(&t, 0, sizeof t);
	t.length = 6 * 8;
	t.tx_buffer = tx;
	t.rx_buffer = rx;
	esp_err_t err = spi_device_polling_transmit(s_device, &t);
	if (err == ESP_OK)
		*value = ((uint32_t)rx[2] << 24) | ((uint32_t)rx[3] << 16) | ((uint32_t)rx[4] << 8) | rx[5];
	return err;
}

static esp_err_t write_register(uint8_t address, uint32_t value)
{
	spi_transaction_t t;
	memset(&t, 0, sizeof t);
	uint8_t tx[8] = { (uint8_t)(TAG_OP_WRITE_REGISTER | address), (uint8_t)(value >> 24), (uint8_t)(value >> 16),
			  (uint8_t)(value >> 8), (uint8_t)value, 0, 0, 0 };
	t.length = 5 * 8; /* WriteRegisterFrameBytes: applied on chip-select release */
	t.tx_buffer = tx;
	return spi_device_polling_transmit(s_device, &t);
}

/* FifoTimeTagger.Configure: channels, ready threshold, clear RESET_SEEN/OVERFLOW, run. */
static esp_err_t configure_tagger(uint32_t channel_mask)
{
	esp_err_t err = write_register(TAG_REG_CHANNEL_ENABLE, channel_mask);
	if (err == ESP_OK)
		err = write_register(TAG_REG_READY_THRESHOLD, 1);
	if (err == ESP_OK)
		err = write_register(TAG_REG_STATUS, TAG_STATUS_RESET_SEEN | TAG_STATUS_OVERFLOW);
	if (err == ESP_OK)
		err = write_register(TAG_REG_CONTROL, TAG_CONTROL_RUN);
	return err;
}

/* FifoTimeTagger.AccountOverflow: LOST_COUNT's growth since the last look, then the flag cleared. */
static esp_err_t account_overflow(void)
{
	uint32_t lost = 0;
	esp_err_t err = read_register(TAG_REG_LOST_COUNT, &lost);
	if (err != ESP_OK)
		return err;
	lock();
	s_shared.counters[GS_ESP32_C_OVERFLOWED] += (int64_t)(uint32_t)(lost - s_last_lost_count);
	unlock();
	s_last_lost_count = lost;
	return write_register(TAG_REG_STATUS, TAG_STATUS_OVERFLOW);
}

/* ---- the READY_N line wakes the task; without it the task polls every tick -------------------------------- */

static void IRAM_ATTR ready_isr(void *arg)
{
	(void)arg;
	BaseType_t woken = pdFALSE;
	vTaskNotifyGiveFromISR(s_task, &woken);
	portYIELD_FROM_ISR(woken);
}

/* ---- the pipeline over one burst -------------------------------------------------------------------------- */

/* Runs gs_pipeline_run to GS_PIPELINE_DONE over one burst's records, acting on each stop. Lock held by the caller.
 * It runs while the next burst's DMA is in flight, so it touches no SPI: an overflow flag is accounted afterwards. */
static void process_burst(const struct ring_slot *slot)
{
	struct gs_pipeline_arrays arrays = {
		.records = slot->rx + TAG_READ_HEADER_BYTES,
		.times_ps = s_times,
		.channels = s_channels,
		.slots = s_slots,
		.slot_channels = s_slot_channels,
		.record_count = slot->records,
		.capacity = GS_ESP32_BURST_RECORDS,
	};
	struct gs_pipeline_result result;
	const uint32_t *random = NULL;
	int32_t random_count = 0;
	for (;;) {
		int32_t stop = gs_pipeline_run(&s_shared.pipeline, &arrays, s_shared.limits, s_shared.latched_mask, random,
					       random_count, &result);
		random = NULL;
		random_count = 0;
		switch (stop) {
		case GS_PIPELINE_DONE:
			s_shared.counters[GS_ESP32_C_NEWEST_TAGGER_PS] = result.newest_ps;
			return;
		case GS_PIPELINE_STOP_OVERFLOW:
			/* The managed driver reads LOST_COUNT here; the count is the same read a burst later (the flag stays set
			 * in STATUS until cleared), only the moment the counter moves differs. */
			s_overflow_pending = true;
			break;
		case GS_PIPELINE_STOP_TRIP:
			/* Safety first: the gate goes low here, within the burst; managed code latches the fault from the notice. */
			if (result.trip_channel >= 0 && result.trip_channel < s_bus.gate_count)
				gpio_set_level((gpio_num_t)s_bus.gate_pins[result.trip_channel], 0);
			s_shared.latched_mask |= 1u << (uint32_t)result.trip_channel;
			notice(GS_ESP32_NOTICE_TRIP, result.trip_channel);
			break;
		case GS_PIPELINE_STOP_BATCH_CLOSED: {
			const struct gs_announce_batch *closed = gs_announce_closed_batch(gs_pipeline_announce(&s_shared.pipeline));
			if (closed != NULL) {
				/* Room is guaranteed: the announce path opens a batch only while the managed ring (batch_count
				 * <= GS_ESP32_BATCH_QUEUE, checked by configure) has room, and every queued batch is in it. */
				int32_t tail = (s_shared.batch_head + s_shared.batch_count) % GS_ESP32_BATCH_QUEUE;
				memcpy(&s_shared.batches[tail], closed, sizeof *closed);
				s_shared.batch_count++;
			}
			break;
		}
		case GS_PIPELINE_STOP_NEED_RANDOM:
			/* The device's random source is the hardware RNG, as System.Random is on nanoFramework's ESP32. */
			for (int32_t i = 0; i < result.random_needed && i < (int32_t)(sizeof s_random / sizeof s_random[0]); i++)
				s_random[i] = esp_random();
			random = s_random;
			random_count = result.random_needed;
			break;
		default:
			/* STOP_TIMING cannot happen (the image always has the native timing engine); a negative status is a
			 * broken invariant: count it as a failure and drop the burst rather than loop. */
			notice(GS_ESP32_NOTICE_SPI_FAILURE, stop);
			return;
		}
	}
}

/* STATUS first (signature, reset, overflow, level), then one DMA burst of at most GS_ESP32_BURST_RECORDS into the
 * slot, queued (not waited for). Called only while no transaction is in flight (polling and queued transactions may
 * not overlap on one device). */
static esp_err_t queue_burst(struct ring_slot *slot, uint32_t channel_mask)
{
	slot->records = 0;
	if (s_overflow_pending) {
		s_overflow_pending = false;
		esp_err_t err = account_overflow();
		if (err != ESP_OK)
			return err;
	}
	uint32_t status = 0;
	esp_err_t err = read_register(TAG_REG_STATUS, &status);
	if (err != ESP_OK)
		return err;
	if ((status & TAG_STATUS_SIGNATURE_MASK) != TAG_STATUS_SIGNATURE)
		return ESP_ERR_INVALID_RESPONSE;
	if ((status & TAG_STATUS_RESET_SEEN) != 0) {
		/* FifoTimeTagger.RecoverFromReset: reconfigure, times continue after the last delivered one. */
		err = configure_tagger(channel_mask);
		if (err != ESP_OK)
			return err;
		lock();
		gs_fifo_on_reset(gs_pipeline_fifo(&s_shared.pipeline));
		s_shared.counters[GS_ESP32_C_TAGGER_RESETS]++;
		notice(GS_ESP32_NOTICE_TAGGER_RESET, 0);
		unlock();
		s_last_lost_count = 0;
		return ESP_OK;
	}
	if ((status & TAG_STATUS_OVERFLOW) != 0) {
		err = account_overflow();
		if (err != ESP_OK)
			return err;
	}
	int32_t level = (int32_t)(status & TAG_STATUS_LEVEL_MASK);
	slot->records = level < GS_ESP32_BURST_RECORDS ? level : GS_ESP32_BURST_RECORDS;
	if (slot->records == 0)
		return ESP_OK;
	memset(&slot->trans, 0, sizeof slot->trans);
	size_t bytes = (size_t)(TAG_READ_HEADER_BYTES + slot->records * TAG_RECORD_BYTES);
	slot->trans.length = bytes * 8;
	slot->trans.rxlength = bytes * 8;
	slot->trans.tx_buffer = slot->tx;
	slot->trans.rx_buffer = slot->rx;
	return spi_device_queue_trans(s_device, &slot->trans, portMAX_DELAY);
}

static void spi_failure(esp_err_t err)
{
	lock();
	s_shared.counters[GS_ESP32_C_SPI_FAILURES]++;
	notice(GS_ESP32_NOTICE_SPI_FAILURE, (int32_t)err);
	unlock();
}

/* The ring: while DMA fills slot `filling`, the pipeline decodes the burst received before it (slot `received`). */
static void acquisition_task(void *arg)
{
	uint32_t channel_mask = (uint32_t)(uintptr_t)arg;
	int32_t filling = 0;
	int32_t received = -1;
	int64_t window_start_us = esp_timer_get_time();
	int64_t busy_us = 0;
	while (!s_stop) {
		struct ring_slot *slot = &s_ring[filling];
		esp_err_t err = queue_burst(slot, channel_mask);
		if (err != ESP_OK) {
			spi_failure(err);
			slot->records = 0;
		}
		if (received >= 0) {
			int64_t t0 = esp_timer_get_time();
			lock();
			s_shared.counters[GS_ESP32_C_RECORDS_READ] += s_ring[received].records;
			s_shared.counters[GS_ESP32_C_BURSTS]++;
			process_burst(&s_ring[received]);
			unlock();
			int64_t t1 = esp_timer_get_time();
			busy_us += t1 - t0;
			if (t1 - window_start_us >= 1000000) {
				lock();
				s_shared.counters[GS_ESP32_C_BUSY_PERMILLE] = busy_us * 1000 / (t1 - window_start_us);
				unlock();
				busy_us = 0;
				window_start_us = t1;
			}
			received = -1;
		}
		if (slot->records > 0) {
			spi_transaction_t *done = NULL;
			err = spi_device_get_trans_result(s_device, &done, portMAX_DELAY);
			if (err == ESP_OK) {
				received = filling;
				filling = (filling + 1) % GS_ESP32_RING_SLOTS;
			} else {
				spi_failure(err);
			}
		} else if (err != ESP_OK) {
			vTaskDelay(pdMS_TO_TICKS(10)); /* a wedged bus: managed code decides (SafeState DriverFault) */
		} else {
			/* Empty FIFO: sleep until READY_N falls, at most a tick (the tagger inserts time marks). */
			ulTaskNotifyTake(pdTRUE, 1);
		}
	}
	s_task = NULL;
	vTaskDelete(NULL);
}

/* ---- the control plane (called from the CLR's thread through the interop methods) ------------------------- */

static void ensure_lock(void)
{
	if (s_shared.lock == NULL)
		s_shared.lock = xSemaphoreCreateMutexStatic(&s_shared.lock_storage);
}

gs_status gs_esp32_configure(const gs_timing_config *timing, const int32_t *limits, int32_t detector_count,
			     int64_t overlight_window_ps, const uint8_t roles_by_channel[256], int32_t z_basis_ppm,
			     int32_t batch_capacity, int32_t max_payload_bytes, int32_t batch_count)
{
	ensure_lock();
	if (s_running)
		return GS_ERR_STATE;
	if (detector_count < 1 || detector_count > GS_FIFO_CHANNELS || batch_count < 1 || batch_count > GS_ESP32_BATCH_QUEUE)
		return GS_ERR_ARGUMENT;
	lock();
	memset(&s_shared.counters, 0, sizeof s_shared.counters);
	s_shared.batch_head = 0;
	s_shared.batch_count = 0;
	s_shared.notice_count = 0;
	s_shared.latched_mask = 0;
	s_shared.detector_count = detector_count;
	for (int32_t c = 0; c < GS_FIFO_CHANNELS; c++)
		s_shared.limits[c] = c < detector_count ? limits[c] : 0;
	gs_status status = gs_pipeline_init(&s_shared.pipeline, detector_count, overlight_window_ps, batch_capacity,
					    max_payload_bytes, batch_count, z_basis_ppm, roles_by_channel);
	if (status == GS_OK) {
		int32_t t = gs_timing_init(&s_shared.timing, timing);
		status = t < 0 ? t : gs_pipeline_set_timing(&s_shared.pipeline, &s_shared.timing);
	}
	s_shared.configured = status == GS_OK;
	unlock();
	return status;
}

gs_status gs_esp32_start(const struct gs_esp32_bus *bus)
{
	ensure_lock();
	if (s_running || !s_shared.configured)
		return GS_ERR_STATE;
	if (bus->gate_count < 0 || bus->gate_count > GS_ESP32_MAX_GATES)
		return GS_ERR_ARGUMENT;
	s_bus = *bus;

	/* The bus may already be initialised by nanoFramework's SPI driver (managed bus 1 = SPI2_HOST carries the DAC
	 * and ADC on the bench boards): then the tagger is one more device on it, and the driver arbitrates. */
	spi_bus_config_t bus_config = {
		.mosi_io_num = bus->mosi_pin,
		.miso_io_num = bus->miso_pin,
		.sclk_io_num = bus->sclk_pin,
		.quadwp_io_num = -1,
		.quadhd_io_num = -1,
		.max_transfer_sz = GS_BURST_BYTES,
	};
	esp_err_t err = spi_bus_initialize((spi_host_device_t)bus->spi_host, &bus_config, SPI_DMA_CH_AUTO);
	if (err == ESP_OK)
		s_bus_owned = true;
	else if (err != ESP_ERR_INVALID_STATE)
		return GS_ERR_STATE;
	spi_device_interface_config_t device_config = {
		.mode = 0, /* the FIFO tagger's map: mode 0 only */
		.clock_speed_hz = bus->clock_hz,
		.spics_io_num = bus->cs_pin,
		.queue_size = GS_ESP32_RING_SLOTS,
	};
	err = spi_bus_add_device((spi_host_device_t)bus->spi_host, &device_config, &s_device);
	if (err != ESP_OK)
		return GS_ERR_STATE;

	for (int32_t i = 0; i < GS_ESP32_RING_SLOTS; i++) {
		if (s_ring[i].tx == NULL) {
			/* Once per boot: DMA-capable internal RAM for the ring (heap_caps, never freed). */
			s_ring[i].tx = heap_caps_calloc(1, GS_BURST_BUFFER_BYTES, MALLOC_CAP_DMA);
			s_ring[i].rx = heap_caps_calloc(1, GS_BURST_BUFFER_BYTES, MALLOC_CAP_DMA);
			if (s_ring[i].tx == NULL || s_ring[i].rx == NULL)
				return GS_ERR_STATE;
			s_ring[i].tx[0] = TAG_OP_READ_FIFO;
		}
	}

	uint32_t lsb_fs = 0;
	uint32_t channel_mask = (1u << (uint32_t)s_shared.detector_count) - 1u;
	lock();
	channel_mask |= 1u << s_shared.timing.config.beacon_channel;
	unlock();
	if (read_register(TAG_REG_TIME_LSB_FS, &lsb_fs) != ESP_OK || configure_tagger(channel_mask) != ESP_OK)
		return GS_ERR_STATE;
	lock();
	gs_fifo_start(gs_pipeline_fifo(&s_shared.pipeline), (int64_t)lsb_fs);
	unlock();
	s_last_lost_count = 0;

	s_stop = false;
	if (xTaskCreatePinnedToCore(acquisition_task, "gs_acq", GS_TASK_STACK_BYTES, (void *)(uintptr_t)channel_mask,
				    GS_TASK_PRIORITY, &s_task, GS_TASK_CORE) != pdPASS)
		return GS_ERR_STATE;
	if (bus->ready_pin >= 0) {
		gpio_set_direction((gpio_num_t)bus->ready_pin, GPIO_MODE_INPUT);
		gpio_set_intr_type((gpio_num_t)bus->ready_pin, GPIO_INTR_NEGEDGE);
		gpio_install_isr_service(0); /* ESP_ERR_INVALID_STATE when nanoFramework installed it already: fine */
		gpio_isr_handler_add((gpio_num_t)bus->ready_pin, ready_isr, NULL);
	}
	s_running = true;
	return GS_OK;
}

gs_status gs_esp32_stop(void)
{
	if (!s_running)
		return GS_OK;
	if (s_bus.ready_pin >= 0)
		gpio_isr_handler_remove((gpio_num_t)s_bus.ready_pin);
	s_stop = true;
	while (s_task != NULL)
		vTaskDelay(1); /* the task ends after its current burst */
	spi_bus_remove_device(s_device);
	if (s_bus_owned) {
		spi_bus_free((spi_host_device_t)s_bus.spi_host);
		s_bus_owned = false;
	}
	s_running = false;
	return GS_OK;
}

gs_status gs_esp32_set_coarse_prediction(int64_t ground_time_ps, int64_t satellite_slot, int64_t uncertainty_ps)
{
	ensure_lock();
	lock();
	int32_t r = gs_timing_set_coarse_prediction(&s_shared.timing, ground_time_ps, satellite_slot, uncertainty_ps);
	unlock();
	return r < 0 ? r : GS_OK;
}

gs_status gs_esp32_set_overlight(int32_t detector, int32_t max_counts_per_window, bool clear_latch)
{
	ensure_lock();
	if (detector < 0 || detector >= s_shared.detector_count || max_counts_per_window < 1)
		return GS_ERR_ARGUMENT;
	lock();
	s_shared.limits[detector] = max_counts_per_window;
	gs_status status = GS_OK;
	if (clear_latch) {
		status = gs_overlight_clear(gs_pipeline_overlight(&s_shared.pipeline), detector);
		s_shared.latched_mask &= ~(1u << (uint32_t)detector);
	}
	unlock();
	return status;
}

gs_status gs_esp32_set_oldest_batch(uint32_t oldest)
{
	ensure_lock();
	lock();
	gs_announce_set_oldest(gs_pipeline_announce(&s_shared.pipeline), oldest);
	unlock();
	return GS_OK;
}

int32_t gs_esp32_take_closed_batch(struct gs_announce_batch *out)
{
	ensure_lock();
	lock();
	int32_t count = 0;
	if (s_shared.batch_count > 0) {
		memcpy(out, &s_shared.batches[s_shared.batch_head], sizeof *out);
		count = out->info.count;
		s_shared.batch_head = (s_shared.batch_head + 1) % GS_ESP32_BATCH_QUEUE;
		s_shared.batch_count--;
	}
	unlock();
	return count;
}

int32_t gs_esp32_take_notices(int32_t *out, int32_t capacity)
{
	ensure_lock();
	lock();
	int32_t n = 0;
	if (s_shared.notices_lost > 0 && capacity >= 2) {
		out[n++] = GS_ESP32_NOTICE_LOST;
		out[n++] = s_shared.notices_lost;
		s_shared.notices_lost = 0;
	}
	int32_t taken = 0;
	while (taken < s_shared.notice_count && n + 2 <= capacity) {
		out[n++] = s_shared.notices[taken * 2];
		out[n++] = s_shared.notices[taken * 2 + 1];
		taken++;
	}
	/* Whatever did not fit stays, in order, for the next call. */
	memmove(s_shared.notices, s_shared.notices + taken * 2, (size_t)(s_shared.notice_count - taken) * 2 * sizeof(int32_t));
	s_shared.notice_count -= taken;
	unlock();
	return n;
}

gs_status gs_esp32_read_counters(int64_t *out, int32_t count)
{
	ensure_lock();
	if (count < GS_ESP32_COUNTER_COUNT)
		return GS_ERR_ARGUMENT;
	lock();
	struct gs_fifo_counters fifo;
	gs_fifo_counters(gs_pipeline_fifo(&s_shared.pipeline), &fifo);
	s_shared.counters[GS_ESP32_C_DELIVERED] = fifo.delivered;
	s_shared.counters[GS_ESP32_C_MISSED] = fifo.missed;
	s_shared.counters[GS_ESP32_C_ROLLOVERS] = fifo.rollovers;
	const gs_timing_state *timing = &s_shared.timing;
	gs_timing_counters tc;
	if (gs_timing_get_counters(timing, &tc) >= 0) {
		s_shared.counters[GS_ESP32_C_DETECTIONS_SEEN] = tc.detections_seen;
		s_shared.counters[GS_ESP32_C_ASSIGNED] = tc.assigned;
		s_shared.counters[GS_ESP32_C_DROPPED_UNLOCKED] = tc.dropped_unlocked;
	}
	s_shared.counters[GS_ESP32_C_TIMING_MODE] = gs_timing_mode_of(timing);
	const int64_t *channels = gs_pipeline_channel_counts(&s_shared.pipeline);
	for (int32_t c = 0; c < 8; c++)
		s_shared.counters[GS_ESP32_C_CHANNEL0 + c] = channels[c];
	s_shared.counters[GS_ESP32_C_BATCHES_QUEUED] = s_shared.batch_count;
	s_shared.counters[GS_ESP32_C_LATCHED_MASK] = s_shared.latched_mask;
	memcpy(out, s_shared.counters, sizeof s_shared.counters);
	unlock();
	return GS_OK;
}
