/*
 * An extract of the C API of the GameAnalytics SDK
 * (source/gameanalytics/GameAnalyticsExtern.h, gameanalytics-sdk-cpp 5.4).
 * The real header names its enums without 'enum', which only C++ accepts;
 * a C program declares the functions as here.
 */
#ifndef GA_EXTERNAL_H
#define GA_EXTERNAL_H

typedef enum GAStatus { EGADisabled = 0, EGAEnabled } GAStatus;
typedef enum GAErrorSeverity {
	EGADebug = 1,
	EGAInfo = 2,
	EGAWarning = 3,
	EGAError = 4,
	EGACritical = 5
} GAErrorSeverity;

void gameAnalytics_configureUserId(const char *uId);
void gameAnalytics_initialize(const char *gameKey, const char *gameSecret);
void gameAnalytics_addDesignEvent(const char *eventId, const char *customFields,
                                  GAStatus mergeFields);
void gameAnalytics_addDesignEventWithValue(const char *eventId, double value,
                                           const char *customFields, GAStatus mergeFields);
void gameAnalytics_addErrorEvent(GAErrorSeverity severity, const char *message,
                                 const char *customFields, GAStatus mergeFields);
void gameAnalytics_setCustomDimension01(const char *dimension01);
const char *gameAnalytics_getUserId(void);

#endif
