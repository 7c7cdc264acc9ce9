/*
 * gs_types.h - types shared by every part of the portable native acquisition core.
 *
 * The core mirrors the managed (C#) per-event path bit for bit (firmware/Native/README.md). It is C11 with no heap,
 * no floating point and nothing from libc beyond <stdint.h>, <stdbool.h>, <stddef.h> and memset/memcpy, so the same
 * files build for the desktop (tests, benches, simulation board) and for the ESP32 image, where the ESP-IDF and
 * nanoCLR glue lives apart (firmware/Native/esp32, firmware/Native/interop) and includes these headers, never the
 * other way round.
 */
#ifndef GS_TYPES_H
#define GS_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Symbol visibility: the desktop shared library exports the API (P/Invoke binds by name); a static link into the
 * ESP32 image needs nothing.
 */
#if defined(_WIN32)
#define GS_API __declspec(dllexport)
#elif defined(__GNUC__)
#define GS_API __attribute__((visibility("default")))
#else
#define GS_API
#endif

/*
 * Version of the C API and of every state struct layout. The managed side refuses a library of another version
 * (a stale libgscore.so next to a newer assembly would otherwise corrupt state silently).
 */
#define GS_CORE_ABI_VERSION 1

/* Status of a core call. Negative values are caller errors; the core never aborts or asserts. */
typedef int32_t gs_status;

#define GS_OK 0
/* An argument is out of its documented range (null pointer, size beyond a compile-time maximum). */
#define GS_ERR_ARGUMENT (-1)
/* The state was not initialised (or was initialised by another ABI version). */
#define GS_ERR_STATE (-2)

/* Returns GS_CORE_ABI_VERSION as compiled into the library. */
GS_API int32_t gs_core_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* GS_TYPES_H */
