/*
 * Stand-in for ESP-IDF v5.5's FreeRTOS.h (desktop syntax check only): the base types and macros the glue uses.
 * On the chip portYIELD_FROM_ISR requests a context switch; here it only evaluates its argument.
 */
#ifndef GS_CHECK_FREERTOS_H
#define GS_CHECK_FREERTOS_H

#include <stdint.h>

typedef uint32_t TickType_t;
typedef int BaseType_t;
typedef unsigned int UBaseType_t;

#define configTICK_RATE_HZ 100
#define portMAX_DELAY ((TickType_t)0xffffffffUL)
#define pdFALSE ((BaseType_t)0)
#define pdTRUE ((BaseType_t)1)
#define pdPASS pdTRUE
#define pdMS_TO_TICKS(ms) ((TickType_t)(((TickType_t)(ms) * (TickType_t)configTICK_RATE_HZ) / (TickType_t)1000U))
#define portYIELD_FROM_ISR(woken) ((void)(woken))

#endif
