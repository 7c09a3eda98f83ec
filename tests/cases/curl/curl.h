/*
 * An extract of libcurl's public headers (include/curl/curl.h and easy.h,
 * curl 8.21): the easy interface, header lists and MIME parts that the
 * cases use, declared as libcurl declares them, with the real option
 * numbers. piiflow knows these functions by name and CURLOPT_* by value.
 */
#ifndef CURLINC_CURL_H
#define CURLINC_CURL_H

#include <stddef.h>

#define CURL_EXTERN

typedef void CURL;

typedef enum {
	CURLE_OK = 0,
	CURLE_UNSUPPORTED_PROTOCOL, /* 1 */
	CURLE_FAILED_INIT,          /* 2 */
	CURLE_URL_MALFORMAT,        /* 3 */
} CURLcode;

#define CURLOPTTYPE_LONG 0
#define CURLOPTTYPE_OBJECTPOINT 10000
#define CURLOPTTYPE_FUNCTIONPOINT 20000
#define CURLOPTTYPE_OFF_T 30000
#define CURLOPTTYPE_BLOB 40000

#define CURLOPT(na, t, nu) na = ((t) + (nu))

#define CURLOPTTYPE_STRINGPOINT CURLOPTTYPE_OBJECTPOINT
#define CURLOPTTYPE_SLISTPOINT CURLOPTTYPE_OBJECTPOINT

typedef enum {
	CURLOPT(CURLOPT_URL, CURLOPTTYPE_STRINGPOINT, 2),
	CURLOPT(CURLOPT_POSTFIELDS, CURLOPTTYPE_OBJECTPOINT, 15),
	CURLOPT(CURLOPT_USERAGENT, CURLOPTTYPE_STRINGPOINT, 18),
	CURLOPT(CURLOPT_HTTPHEADER, CURLOPTTYPE_SLISTPOINT, 23),
	CURLOPT(CURLOPT_POSTFIELDSIZE, CURLOPTTYPE_LONG, 60),
	CURLOPT(CURLOPT_COPYPOSTFIELDS, CURLOPTTYPE_OBJECTPOINT, 165),
	CURLOPT(CURLOPT_MIMEPOST, CURLOPTTYPE_OBJECTPOINT, 269),
	CURLOPT_LASTENTRY
} CURLoption;

struct curl_slist {
	char *data;
	struct curl_slist *next;
};

#define CURL_ZERO_TERMINATED ((size_t)-1)

typedef struct curl_mime curl_mime;         /* Mime context. */
typedef struct curl_mimepart curl_mimepart; /* Mime part context. */

CURL_EXTERN curl_mime *curl_mime_init(CURL *easy);
CURL_EXTERN void curl_mime_free(curl_mime *mime);
CURL_EXTERN curl_mimepart *curl_mime_addpart(curl_mime *mime);
CURL_EXTERN CURLcode curl_mime_name(curl_mimepart *part, const char *name);
CURL_EXTERN CURLcode curl_mime_data(curl_mimepart *part, const char *data, size_t datasize);

CURL_EXTERN struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data);
CURL_EXTERN void curl_slist_free_all(struct curl_slist *list);

CURL_EXTERN CURL *curl_easy_init(void);
CURL_EXTERN CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURL_EXTERN CURLcode curl_easy_perform(CURL *curl);
CURL_EXTERN void curl_easy_cleanup(CURL *curl);

#endif
