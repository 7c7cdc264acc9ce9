/* Stand-in for ESP-IDF v5.5 esp_attr.h (desktop syntax check only): IRAM_ATTR places code in IRAM on the chip. */
#ifndef GS_CHECK_ESP_ATTR_H
#define GS_CHECK_ESP_ATTR_H

#define IRAM_ATTR

#endif
