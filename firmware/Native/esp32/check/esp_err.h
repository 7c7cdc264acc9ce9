/* Stand-in for ESP-IDF v5.5 esp_err.h, for the desktop syntax check only (README.md here). */
#ifndef GS_CHECK_ESP_ERR_H
#define GS_CHECK_ESP_ERR_H

typedef int esp_err_t;

#define ESP_OK 0
#define ESP_FAIL (-1)
#define ESP_ERR_INVALID_STATE 0x103
#define ESP_ERR_INVALID_RESPONSE 0x108

#endif
