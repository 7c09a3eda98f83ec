/*
 * piiflow.h - annotations that mark personal data and the places it must not
 * go. piiflow defines __PIIFLOW__ for every translation unit it parses; only
 * then do these macros expand, to clang annotate attributes that the analyzer
 * reads back. In an ordinary build (gcc, clang, MSVC) they expand to nothing,
 * so object code and warnings are untouched.
 *
 *   PII(category)        variable, field, parameter or function (its return)
 *   PII_OUT(category)    pointer parameter the function fills with PII
 *   PII_SINK(purpose)    function (every argument) or one parameter
 *   AD_SINK              PII_SINK(advertising)
 *   ANALYTICS_SINK       PII_SINK(analytics)
 *   PII_ANONYMIZER       function whose return value is not personal data
 *   PII_CONSENT(purpose) function whose nonzero result is express consent
 *
 * Categories are fideslang data-category keys written bare
 * (user.contact.email); purposes are bare words (advertising, analytics).
 */
#ifndef PIIFLOW_H
#define PIIFLOW_H

#ifdef __PIIFLOW__
#define PIIFLOW_ANNOTATE_(text) __attribute__((annotate(text)))
#define PIIFLOW_STR_(x) #x
#define PII(category) PIIFLOW_ANNOTATE_("piiflow:pii:" PIIFLOW_STR_(category))
#define PII_OUT(category) PIIFLOW_ANNOTATE_("piiflow:pii_out:" PIIFLOW_STR_(category))
#define PII_SINK(purpose) PIIFLOW_ANNOTATE_("piiflow:sink:" PIIFLOW_STR_(purpose))
#define PII_ANONYMIZER PIIFLOW_ANNOTATE_("piiflow:anonymizer")
#define PII_CONSENT(purpose) PIIFLOW_ANNOTATE_("piiflow:consent:" PIIFLOW_STR_(purpose))
#else
#define PII(category)
#define PII_OUT(category)
#define PII_SINK(purpose)
#define PII_ANONYMIZER
#define PII_CONSENT(purpose)
#endif

#define AD_SINK PII_SINK(advertising)
#define ANALYTICS_SINK PII_SINK(analytics)

#endif /* PIIFLOW_H */
