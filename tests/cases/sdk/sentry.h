/*
 * An extract of sentry-native's public header (include/sentry.h, 0.16.3):
 * the value type and the functions the cases use, declared as sentry.h
 * declares them, so that the cases read like a program that includes the
 * real SDK. The shipped rules pack rules/sentry-native.json describes them.
 */
#ifndef SENTRY_H_INCLUDED
#define SENTRY_H_INCLUDED

#include <stddef.h>
#include <stdint.h>

#ifndef SENTRY_API
#if __GNUC__ >= 4
#define SENTRY_API __attribute__((visibility("default")))
#else
#define SENTRY_API
#endif
#endif
#ifndef SENTRY_EXPERIMENTAL_API
#define SENTRY_EXPERIMENTAL_API SENTRY_API
#endif

union sentry_value_u {
	uint64_t _bits;
	double _double;
};
typedef union sentry_value_u sentry_value_t;

typedef enum sentry_level_e {
	SENTRY_LEVEL_TRACE = -2,
	SENTRY_LEVEL_DEBUG = -1,
	SENTRY_LEVEL_INFO = 0,
	SENTRY_LEVEL_WARNING = 1,
	SENTRY_LEVEL_ERROR = 2,
	SENTRY_LEVEL_FATAL = 3,
} sentry_level_t;

typedef struct sentry_uuid_s {
	char bytes[16];
} sentry_uuid_t;

typedef struct sentry_scope_s sentry_scope_t;

SENTRY_API int sentry_value_decref(sentry_value_t value);
SENTRY_API sentry_value_t sentry_value_new_int32(int32_t value);
SENTRY_API sentry_value_t sentry_value_new_string(const char *value);
SENTRY_API sentry_value_t sentry_value_new_list(void);
SENTRY_API sentry_value_t sentry_value_new_object(void);
SENTRY_API sentry_value_t sentry_value_new_user(const char *id, const char *username,
                                                const char *email, const char *ip_address);
SENTRY_API int sentry_value_set_by_key(sentry_value_t value, const char *k, sentry_value_t v);
SENTRY_API int sentry_value_append(sentry_value_t value, sentry_value_t v);
SENTRY_API sentry_value_t sentry_value_get_by_key(sentry_value_t value, const char *k);
SENTRY_API size_t sentry_value_get_length(sentry_value_t value);
SENTRY_API sentry_value_t sentry_value_new_event(void);
SENTRY_API sentry_value_t sentry_value_new_message_event(sentry_level_t level, const char *logger,
                                                         const char *text);
SENTRY_API sentry_value_t sentry_value_new_breadcrumb(const char *type, const char *message);

SENTRY_API sentry_uuid_t sentry_capture_event(sentry_value_t event);
SENTRY_API sentry_uuid_t sentry_scope_capture_event(sentry_scope_t *scope, sentry_value_t event);
SENTRY_API void sentry_add_breadcrumb(sentry_value_t breadcrumb);
SENTRY_API void sentry_set_user(sentry_value_t user);
SENTRY_API void sentry_scope_set_user(sentry_scope_t *scope, sentry_value_t user);
SENTRY_API void sentry_set_tag(const char *key, const char *value);
SENTRY_API void sentry_set_extra(const char *key, sentry_value_t value);
SENTRY_API void sentry_set_context(const char *key, sentry_value_t value);
SENTRY_API void sentry_set_fingerprint(const char *fingerprint, ...);
SENTRY_API void sentry_set_transaction(const char *transaction);
SENTRY_API sentry_value_t sentry_value_new_feedback(const char *message, const char *contact_email,
                                                    const char *name,
                                                    const sentry_uuid_t *associated_event_id);
SENTRY_API void sentry_capture_feedback(sentry_value_t user_feedback);
SENTRY_EXPERIMENTAL_API void sentry_event_add_exception(sentry_value_t event,
                                                        sentry_value_t exception);
SENTRY_EXPERIMENTAL_API sentry_value_t sentry_value_new_exception(const char *type,
                                                                  const char *value);

#endif
