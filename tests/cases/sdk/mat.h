/*
 * An extract of the C API of Microsoft's 1DS telemetry SDK
 * (lib/include/public/mat.h of cpp_client_telemetry, C API 3.1.0): the
 * event property type, the C99 property macros, and evt_log and evt_log_s
 * as the header defines them, static inline wrappers around evt_api_call.
 */
#ifndef TELEMETRY_EVENTS_H
#define TELEMETRY_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EVTSDK_LIBABI
#define EVTSDK_LIBABI_CDECL

#ifndef EVT_ARRAY_SIZE
#define EVT_ARRAY_SIZE(a) ((sizeof(a) / sizeof(*(a))) / (unsigned)(!(sizeof(a) % sizeof(*(a)))))
#endif

typedef enum evt_call_t {
	EVT_OP_LOAD = 0x00000001,
	EVT_OP_UNLOAD = 0x00000002,
	EVT_OP_OPEN = 0x00000003,
	EVT_OP_CLOSE = 0x00000004,
	EVT_OP_CONFIG = 0x00000005,
	EVT_OP_LOG = 0x00000006,
} evt_call_t;

typedef enum evt_prop_t {
	TYPE_STRING,
	TYPE_INT64,
	TYPE_DOUBLE,
	TYPE_TIME,
	TYPE_BOOLEAN,
	TYPE_GUID,
	TYPE_STRING_ARRAY,
	TYPE_INT64_ARRAY,
	TYPE_DOUBLE_ARRAY,
	TYPE_TIME_ARRAY,
	TYPE_BOOL_ARRAY,
	TYPE_GUID_ARRAY,
	TYPE_NULL
} evt_prop_t;

typedef struct evt_guid_t {
	uint32_t Data1;
	uint16_t Data2;
	uint16_t Data3;
	uint8_t Data4[8];
} evt_guid_t;

typedef int64_t evt_handle_t;
typedef int32_t evt_status_t;

typedef struct evt_context_t {
	evt_call_t call;
	evt_handle_t handle;
	void *data;
	evt_status_t result;
	uint32_t size;
} evt_context_t;

typedef union evt_prop_v {
	uint64_t as_uint64;
	const char *as_string;
	int64_t as_int64;
	double as_double;
	bool as_bool;
	evt_guid_t *as_guid;
	uint64_t as_time;
	char **as_arr_string;
	int64_t **as_arr_int64;
	bool **as_arr_bool;
	double **as_arr_double;
	evt_guid_t **as_arr_guid;
	uint64_t **as_arr_time;
} evt_prop_v;

typedef struct evt_prop {
	const char *name;
	evt_prop_t type;
	evt_prop_v value;
	uint32_t piiKind;
} evt_prop;

#define TELEMETRY_EVENT(...)                                                                       \
	{                                                                                          \
		__VA_ARGS__,                                                                       \
		{                                                                                  \
			.name = NULL, .type = TYPE_NULL, .value = {.as_int64 = 0}, .piiKind = 0    \
		}                                                                                  \
	}
#define _STR(key, val)                                                                             \
	{                                                                                          \
		.name = key, .type = TYPE_STRING, .value = {.as_string = val}, .piiKind = 0        \
	}
#define _INT(key, val)                                                                             \
	{                                                                                          \
		.name = key, .type = TYPE_INT64, .value = {.as_int64 = val}, .piiKind = 0          \
	}
#define PII_STR(key, val, kind)                                                                    \
	{                                                                                          \
		.name = key, .type = TYPE_STRING, .value = {.as_string = val}, .piiKind = kind     \
	}

typedef evt_status_t(EVTSDK_LIBABI_CDECL *evt_app_call_t)(evt_context_t *);

EVTSDK_LIBABI evt_status_t EVTSDK_LIBABI_CDECL evt_api_call_default(evt_context_t *ctx);

__attribute__((weak)) evt_app_call_t evt_api_call = evt_api_call_default;

static inline evt_status_t evt_log_s(evt_handle_t handle, uint32_t size, evt_prop *evt)
{
	evt_context_t ctx;
	ctx.call = EVT_OP_LOG;
	ctx.handle = handle;
	ctx.data = (void *)evt;
	ctx.size = size;
	return evt_api_call(&ctx);
}

static inline evt_status_t evt_log(evt_handle_t handle, evt_prop *evt)
{
	evt_context_t ctx;
	ctx.call = EVT_OP_LOG;
	ctx.handle = handle;
	ctx.data = (void *)evt;
	ctx.size = 0;
	return evt_api_call(&ctx);
}

#if defined(_CRT_SECURE_CPP_OVERLOAD_STANDARD_NAMES) || defined(_CRT_SECURE_LOG_S)
#define evt_log(handle, evt) evt_log_s(handle, EVT_ARRAY_SIZE(evt), evt)
#endif

#endif
