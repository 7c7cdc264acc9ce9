/* Stand-in for ESP-IDF v5.5 esp_heap_caps.h (desktop syntax check only). */
#ifndef GS_CHECK_ESP_HEAP_CAPS_H
#define GS_CHECK_ESP_HEAP_CAPS_H

#include <stddef.h>
#include <stdint.h>

#define MALLOC_CAP_DMA (1 << 3)

void *heap_caps_calloc(size_t n, size_t size, uint32_t caps);

#endif
