/*
 * An extract of the Metrics interface of Epic Online Services
 * (eos_metrics.h and eos_metrics_types.h, EOS SDK 1.10), with EOS_STRUCT,
 * EOS_ENUM and EOS_DECLARE_FUNC expanded as eos_base.h expands them for C.
 */
#ifndef EOS_METRICS_H
#define EOS_METRICS_H

#include <stdint.h>

typedef enum EOS_EResult { EOS_Success = 0, EOS_InvalidParameters = 2 } EOS_EResult;
typedef struct EOS_EpicAccountIdDetails *EOS_EpicAccountId;
typedef struct EOS_MetricsHandle *EOS_HMetrics;

typedef enum EOS_EUserControllerType {
	EOS_UCT_Unknown = 0,
	EOS_UCT_MouseKeyboard = 1,
	EOS_UCT_GamepadControl = 2,
	EOS_UCT_TouchControl = 3
} EOS_EUserControllerType;

typedef enum EOS_EMetricsAccountIdType {
	EOS_MAIT_Epic = 0,
	EOS_MAIT_External = 1
} EOS_EMetricsAccountIdType;

#define EOS_METRICS_BEGINPLAYERSESSION_API_LATEST 1

typedef struct _tagEOS_Metrics_BeginPlayerSessionOptions {
	int32_t ApiVersion;
	EOS_EMetricsAccountIdType AccountIdType;
	union {
		EOS_EpicAccountId Epic;
		const char *External;
	} AccountId;
	const char *DisplayName;
	EOS_EUserControllerType ControllerType;
	const char *ServerIp;
	const char *GameSessionId;
} EOS_Metrics_BeginPlayerSessionOptions;

#define EOS_METRICS_ENDPLAYERSESSION_API_LATEST 1

typedef struct _tagEOS_Metrics_EndPlayerSessionOptions {
	int32_t ApiVersion;
	EOS_EMetricsAccountIdType AccountIdType;
	union {
		EOS_EpicAccountId Epic;
		const char *External;
	} AccountId;
} EOS_Metrics_EndPlayerSessionOptions;

EOS_EResult EOS_Metrics_BeginPlayerSession(EOS_HMetrics Handle,
                                           const EOS_Metrics_BeginPlayerSessionOptions *Options);
EOS_EResult EOS_Metrics_EndPlayerSession(EOS_HMetrics Handle,
                                         const EOS_Metrics_EndPlayerSessionOptions *Options);

#endif
