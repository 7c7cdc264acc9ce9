/*
 * Stand-in for FreeRTOS semphr.h (desktop syntax check only). FreeRTOS implements these as macros over the queue
 * API; declared here as functions with the documented arguments and results.
 */
#ifndef GS_CHECK_FREERTOS_SEMPHR_H
#define GS_CHECK_FREERTOS_SEMPHR_H

#include "freertos/FreeRTOS.h"

typedef struct QueueDefinition *SemaphoreHandle_t;
typedef struct { void *storage[20]; } StaticSemaphore_t;

SemaphoreHandle_t xSemaphoreCreateMutexStatic(StaticSemaphore_t *mutex_buffer);
BaseType_t xSemaphoreTake(SemaphoreHandle_t semaphore, TickType_t ticks_to_wait);
BaseType_t xSemaphoreGive(SemaphoreHandle_t semaphore);

#endif
