/*
 * The name classifier of `piiflow discover`: from a declaration's name, its
 * kind and its type, the personal-data category it probably holds and how
 * sure that guess is. Table-driven (discover/names.def); no libclang, no IR:
 * a unit test feeds it names alone.
 */
#ifndef PF_DISCOVER_CLASSIFY_H
#define PF_DISCOVER_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

enum pf_confidence { PF_CONF_LOW, PF_CONF_MEDIUM, PF_CONF_HIGH };

/* What is classified: a field, global or parameter holds data; a function
 * returns it. */
enum pf_decl_role { PF_ROLE_DATA, PF_ROLE_FUNCTION };

struct pf_guess {
	const char *category; /* static: a taxonomy key */
	enum pf_confidence confidence;
	const char *why; /* static: "name" or "type" */
};

/* Splits name into lower-case words, at '_', at a lower-case letter or digit
 * followed by an upper-case one, and before the last capital of a run that
 * a lower-case letter follows (IPAddress: ip, address), and writes them as
 * "_w1_w2_..._" into out. Returns false when out is too small. */
bool pf_discover_normalize(const char *name, char *out, size_t size);

/* Classifies one declaration: scope is the record of a field or the
 * function of a parameter (or NULL), base_type its type without pointers,
 * arrays and qualifiers ("struct in_addr"), scalar whether it is an integer
 * or floating value (after arrays and pointers: no). Returns true with *g
 * filled when it probably holds personal data. Thread-safe. */
bool pf_discover_classify(const char *name, const char *scope, enum pf_decl_role role,
                          const char *base_type, bool scalar, struct pf_guess *g);

/* "high", "medium", "low". */
const char *pf_confidence_name(enum pf_confidence c);

#endif
