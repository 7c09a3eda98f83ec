/*
 * An extract of Bugsnag's C API for Android native code
 * (bugsnag-plugin-android-ndk/src/main/jni/include/bugsnag.h and event.h,
 * bugsnag-android 6.26): the functions the cases use, declared as the
 * headers declare them. JNIEnv stands in for <jni.h>.
 */
#ifndef BUGSNAG_ANDROID_NDK_BUGSNAG_API_H
#define BUGSNAG_ANDROID_NDK_BUGSNAG_API_H

#include <stdbool.h>

typedef const struct JNINativeInterface *JNIEnv;

typedef enum {
	BSG_SEVERITY_ERR,
	BSG_SEVERITY_WARN,
	BSG_SEVERITY_INFO,
} bugsnag_severity;

typedef enum {
	BSG_CRUMB_MANUAL,
	BSG_CRUMB_ERROR,
	BSG_CRUMB_LOG,
	BSG_CRUMB_NAVIGATION,
	BSG_CRUMB_PROCESS,
	BSG_CRUMB_REQUEST,
	BSG_CRUMB_STATE,
	BSG_CRUMB_USER,
} bugsnag_breadcrumb_type;

typedef struct {
	char name[64];
	char email[64];
	char id[64];
} bugsnag_user;

bugsnag_user bugsnag_event_get_user(void *event_ptr);
void bugsnag_event_set_user(void *event_ptr, const char *id, const char *email, const char *name);
void bugsnag_event_set_context(void *event_ptr, const char *value);
void bugsnag_event_add_metadata_string(void *event_ptr, const char *section, const char *name,
                                       const char *value);

typedef bool (*bsg_on_error)(void *);

void bugsnag_start(JNIEnv *env);
void bugsnag_notify(const char *name, const char *message, bugsnag_severity severity);
void bugsnag_set_user(const char *id, const char *email, const char *name);
void bugsnag_leave_breadcrumb(const char *message, bugsnag_breadcrumb_type type);
void bugsnag_add_on_error(bsg_on_error on_error);

#endif
