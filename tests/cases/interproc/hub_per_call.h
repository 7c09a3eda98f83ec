/* What hub_per_call.c and hub_per_call_clean.c share: a function whose
 * summary needs a hub (forty globals and a parameter, each of which may
 * reach each of forty out-parameters) and a helper that calls it. */
#ifndef HUB_PER_CALL_H
#define HUB_PER_CALL_H

#include <piiflow.h>

struct user {
	long id;
	char email[64] PII(user.contact.email);
};

ANALYTICS_SINK void stats_event(const char *name, const char *value);

/* the globals hold data of no interest that is still followed: a URL of
 * an analytics vendor */
#define G10(p) *p##0, *p##1, *p##2, *p##3, *p##4, *p##5, *p##6, *p##7, *p##8, *p##9
const char G10(a), G10(b), G10(c), G10(d);
#define SET10(p) p##0 = url; p##1 = url; p##2 = url; p##3 = url; p##4 = url; \
	p##5 = url; p##6 = url; p##7 = url; p##8 = url; p##9 = url;

void configure(void)
{
	const char *url = "https://api.mixpanel.com/track";
	SET10(a) SET10(b) SET10(c) SET10(d)
}

#define PICK(v) if (k == __LINE__) t = v;
#define PICK10(p) PICK(p##0) PICK(p##1) PICK(p##2) PICK(p##3) PICK(p##4) \
	PICK(p##5) PICK(p##6) PICK(p##7) PICK(p##8) PICK(p##9)
#define O10(p) const char **p##0, const char **p##1, const char **p##2, const char **p##3, \
	const char **p##4, const char **p##5, const char **p##6, const char **p##7, \
	const char **p##8, const char **p##9
#define N10(p) p##0, p##1, p##2, p##3, p##4, p##5, p##6, p##7, p##8, p##9
#define A10(p) &p##0, &p##1, &p##2, &p##3, &p##4, &p##5, &p##6, &p##7, &p##8, &p##9
#define PUT10(p) if (k == __LINE__) *p##0 = t; if (k == __LINE__) *p##1 = t; \
	if (k == __LINE__) *p##2 = t; if (k == __LINE__) *p##3 = t; \
	if (k == __LINE__) *p##4 = t; if (k == __LINE__) *p##5 = t; \
	if (k == __LINE__) *p##6 = t; if (k == __LINE__) *p##7 = t; \
	if (k == __LINE__) *p##8 = t; if (k == __LINE__) *p##9 = t;

void spread(int k, const char *in, O10(e), O10(f), O10(g), O10(h))
{
	const char *t = in;
	PICK10(a) PICK10(b) PICK10(c) PICK10(d)
	PUT10(e) PUT10(f) PUT10(g) PUT10(h)
}

void relay(int k, const char *in, O10(e), O10(f), O10(g), O10(h))
{
	spread(k, in, N10(e), N10(f), N10(g), N10(h));
}

#endif
