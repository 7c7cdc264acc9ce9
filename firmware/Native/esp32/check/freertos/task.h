/*
 * Stand-in for FreeRTOS task.h as ESP-IDF v5.5 ships it (desktop syntax check only): task creation pinned to a core
 * (stack depth in bytes on ESP-IDF), delay, delete and the direct-to-task notification the READY_N ISR gives.
 */
#ifndef GS_CHECK_FREERTOS_TASK_H
#define GS_CHECK_FREERTOS_TASK_H

#include <stdint.h>

#include "freertos/FreeRTOS.h"

typedef struct tskTaskControlBlock *TaskHandle_t;
typedef void (*TaskFunction_t)(void *parameters);

BaseType_t xTaskCreatePinnedToCore(TaskFunction_t task_code, const char *const name, const uint32_t stack_depth,
				   void *const parameters, UBaseType_t priority, TaskHandle_t *const created_task,
				   const BaseType_t core_id);
void vTaskDelete(TaskHandle_t task);
void vTaskDelay(const TickType_t ticks_to_delay);
void vTaskNotifyGiveFromISR(TaskHandle_t task, BaseType_t *higher_priority_task_woken);
uint32_t ulTaskNotifyTake(BaseType_t clear_count_on_exit, TickType_t ticks_to_wait);

#endif
