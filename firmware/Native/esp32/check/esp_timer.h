/* Stand-in for ESP-IDF v5.5 esp_timer.h (desktop syntax check only): microseconds since boot. */
#ifndef GS_CHECK_ESP_TIMER_H
#define GS_CHECK_ESP_TIMER_H

#include <stdint.h>

int64_t esp_timer_get_time(void);

#endif
