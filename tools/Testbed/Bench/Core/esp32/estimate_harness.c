/*
 * estimate_harness.c - runs the portable native core (firmware/Native/core) over a FIFO record stream in a 32-bit
 * freestanding x86 process, so `valgrind --tool=callgrind` can count the instructions executed per tagger event
 * (tools/gsctl/Bench/Core/README.md, "ESP32 estimate"). Measuring scaffolding only: never part of the product.
 *
 * Built by `gsctl bench core` with: gcc -m32 -O2 -ffreestanding -nostdlib -static -fno-pie -no-pie
 * -I firmware/Native/core/include estimate_harness.c firmware/Native/core/src/(all).c
 * There is no 32-bit libgcc on the bench machine, so the 64-bit division helpers the compiler calls are defined
 * here, each call counted: on the ESP32's 32-bit Xtensa core they are library calls too, and the bench charges
 * them a stated cycle cost instead of their x86 instruction count.
 *
 * Usage: harness <records-file> <events-to-run> <ground-start-ps> <start-slot>; prints "assigned=N mode=M" (slots
 * assigned, timing mode at the end: 2 = locked); exit code 0, 1 on a bad file or arguments, 2 on a core error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "gs_pipeline.h"

#define MAX_RECORDS (1 << 20)
#define BATCH 64

/* ---- freestanding runtime: syscalls, memset/memcpy, 64-bit division helpers (counted) ---------------------- */
static long sys3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

/*
 * Word-wise like newlib's memset/memcpy on the ESP32 (a byte loop would charge the core 4x the stores it costs
 * there): bytes up to 4-byte alignment, then 32-bit words, then the tail.
 */
void *memset(void *d, int v, size_t n)
{
	uint8_t *p = d;
	while (n > 0 && ((uintptr_t)p & 3u) != 0) {
		*p++ = (uint8_t)v;
		n--;
	}
	uint32_t word = (uint8_t)v * 0x01010101u;
	for (; n >= 4; n -= 4, p += 4)
		*(uint32_t *)(void *)p = word;
	while (n--)
		*p++ = (uint8_t)v;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	if ((((uintptr_t)p | (uintptr_t)q) & 3u) == 0)
		for (; n >= 4; n -= 4, p += 4, q += 4)
			*(uint32_t *)(void *)p = *(const uint32_t *)(const void *)q;
	while (n--)
		*p++ = *q++;
	return d;
}

/* One function per helper, so callgrind reports each helper's call count (the bench charges them separately). */
static uint64_t udivmod(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;
	for (int i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ull << i;
		}
	}
	*rem = r;
	return q;
}

__attribute__((noinline)) uint64_t __udivdi3(uint64_t n, uint64_t d) { uint64_t r; return udivmod(n, d, &r); }
__attribute__((noinline)) uint64_t __umoddi3(uint64_t n, uint64_t d) { uint64_t r; udivmod(n, d, &r); return r; }
__attribute__((noinline)) int64_t __divdi3(int64_t n, int64_t d)
{
	uint64_t r;
	uint64_t q = udivmod(n < 0 ? -(uint64_t)n : (uint64_t)n, d < 0 ? -(uint64_t)d : (uint64_t)d, &r);
	return ((n < 0) != (d < 0)) ? -(int64_t)q : (int64_t)q;
}
__attribute__((noinline)) int64_t __moddi3(int64_t n, int64_t d)
{
	uint64_t r;
	udivmod(n < 0 ? -(uint64_t)n : (uint64_t)n, d < 0 ? -(uint64_t)d : (uint64_t)d, &r);
	return n < 0 ? -(int64_t)r : (int64_t)r;
}
__attribute__((noinline)) uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem) { return udivmod(n, d, rem); }
__attribute__((noinline)) int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem)
{
	int64_t q = __divdi3(n, d);
	*rem = n - q * d;
	return q;
}

/*
 * A file-backed writable segment: valgrind reads an ELF's symbols only once it has seen the file mapped both
 * executable and writable, and a binary whose only writable data is .bss has no such mapping (the counts would then
 * come without function names, and the division helpers could not be told apart).
 */
volatile uint32_t gs_est_data_anchor = 0x47534531u;

/* ---- the measured loop ------------------------------------------------------------------------------------ */
static uint8_t g_records[MAX_RECORDS * 8];
static int64_t g_times[BATCH];
static uint8_t g_channels[BATCH];
static int64_t g_slots[BATCH];
static uint8_t g_slot_channels[BATCH];
static struct gs_pipeline_state g_pipeline;
static gs_timing_state g_timing; /* the pipeline runs the caller's timing state (gs_pipeline_set_timing) */
static uint32_t g_random[64];

/* The bench's stream: detectors 0-3 = H, V, D, A (Z basis 0/1, X basis 0/1), the beacon on channel 4. */
static int64_t g_assigned;

static int run(int32_t events, int64_t ground_start_ps, int64_t start_slot)
{
	static uint8_t roles[256];
	int32_t limits[4] = { 1 << 30, 1 << 30, 1 << 30, 1 << 30 };
	struct gs_pipeline_result result;
	uint32_t seed = 12345;
	for (int c = 0; c < 256; c++)
		roles[c] = c < 4 ? (uint8_t)c : GS_ANNOUNCE_NO_ROLE;
	if (gs_pipeline_init(&g_pipeline, 4, 1000000000, 256, 512, 4, 500000, roles) != GS_OK)
		return 2;
	gs_timing_config cfg;
	gs_timing_config_default(&cfg);
	if (gs_timing_init(&g_timing, &cfg) != GS_OK || gs_pipeline_set_timing(&g_pipeline, &g_timing) != GS_OK)
		return 2;
	gs_timing_set_coarse_prediction(&g_timing, ground_start_ps, start_slot, 1000000000);
	gs_fifo_start(gs_pipeline_fifo(&g_pipeline), 1000);

	for (int32_t first = 0; first < events; first += BATCH) {
		struct gs_pipeline_arrays a = { g_records + (size_t)first * 8, g_times, g_channels, g_slots, g_slot_channels,
						events - first < BATCH ? events - first : BATCH, BATCH };
		const uint32_t *random = NULL;
		int32_t random_count = 0;
		for (;;) {
			int32_t stop = gs_pipeline_run(&g_pipeline, &a, limits, 0, random, random_count, &result);
			random = NULL;
			random_count = 0;
			if (stop == GS_PIPELINE_DONE) {
				g_assigned += result.assigned;
				break;
			}
			if (stop < 0)
				return 2;
			if (stop == GS_PIPELINE_STOP_NEED_RANDOM) {
				for (int i = 0; i < result.random_needed && i < 64; i++) {
					seed = seed * 1664525u + 1013904223u;
					g_random[i] = seed;
				}
				random = g_random;
				random_count = result.random_needed;
			} else if (stop == GS_PIPELINE_STOP_BATCH_CLOSED) {
				/* The satellite side answers at once: the closed batch is fetched and its ring entry freed. */
				struct gs_announce_state *an = gs_pipeline_announce(&g_pipeline);
				gs_announce_closed_batch(an);
				gs_announce_set_oldest(an, gs_announce_next_batch(an));
			}
			/* STOP_OVERFLOW / STOP_TRIP: none in the bench stream; continuing is what the caller does after them. */
		}
	}
	return 0;
}

static int64_t parse(const char *s)
{
	int64_t v = 0;
	bool negative = *s == '-';
	if (negative)
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return negative ? -v : v;
}

/* Writes "assigned=N mode=M" to stdout: the bench checks the measured path is the locked one the managed core ran. */
static void report(void)
{
	char line[64];
	int n = 0;
	const char *a = "assigned=";
	while (*a)
		line[n++] = *a++;
	char digits[24];
	int d = 0;
	int64_t v = g_assigned;
	do {
		digits[d++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0 && d < 24);
	while (d > 0)
		line[n++] = digits[--d];
	const char *m = " mode=";
	while (*m)
		line[n++] = *m++;
	line[n++] = (char)('0' + gs_timing_mode_of(&g_timing));
	line[n++] = '\n';
	sys3(4 /* write */, 1, (long)line, n);
}

/* argv: records file, events, ground start ps, start slot. */
__attribute__((used)) static int main_args(int argc, char **argv)
{
	if (argc < 5)
		return 1;
	long fd = sys3(5 /* open */, (long)argv[1], 0, 0);
	if (fd < 0)
		return 1;
	long total = 0, n;
	while (total < (long)sizeof g_records && (n = sys3(3 /* read */, fd, (long)(g_records + total), (long)sizeof g_records - total)) > 0)
		total += n;
	sys3(6 /* close */, fd, 0, 0);
	int64_t events = parse(argv[2]);
	if (events * 8 > total)
		return 1;
	int status = run((int32_t)events, parse(argv[3]), parse(argv[4]));
	if (status == 0)
		report();
	return status;
}

__attribute__((noreturn, used)) void start_c(long *sp)
{
	int status = main_args((int)sp[0], (char **)(sp + 1));
	sys3(1 /* exit */, status, 0, 0);
	for (;;) {
	}
}

__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall start_c\n");
