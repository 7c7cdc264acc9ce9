/* Stand-in for ESP-IDF v5.5 esp_random.h (desktop syntax check only). */
#ifndef GS_CHECK_ESP_RANDOM_H
#define GS_CHECK_ESP_RANDOM_H

#include <stdint.h>

uint32_t esp_random(void);

#endif
