/* string.h for the freestanding 32-bit estimate harness (no 32-bit libc headers on the bench machine): the two
 * functions the portable core may use (firmware/Native README, C rules); estimate_harness.c defines them. */
#ifndef GS_ESTIMATE_STRING_H
#define GS_ESTIMATE_STRING_H
#include <stddef.h>
void *memset(void *d, int v, size_t n);
void *memcpy(void *d, const void *s, size_t n);
#endif
