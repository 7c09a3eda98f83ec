/*
 * The one error type of every loader (rules, configuration, baseline,
 * compile database, taxonomy, the IR cache and IR folders), shaped like
 * jansson's json_error_t: the file, a 1-based line and column (0 when
 * unknown), the JSON path of the bad value ("sinks[2].args[0]", "" for none)
 * and a lower-case text without a full stop. It is a plain struct of fixed
 * size: it lives on the caller's stack and needs no freeing.
 */
#ifndef PF_ERROR_H
#define PF_ERROR_H

#include <stddef.h>

struct pf_error {
	char file[1024];
	int line, column;
	char json_path[256];
	char text[512];
};

/* Clears e and names the file it is about (NULL or "": none). */
void pf_error_begin(struct pf_error *e, const char *file);

/* Sets e's text. Returns -1, for `return pf_error_set(...)`. */
int pf_error_set(struct pf_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets e's position (a negative or zero line or column: unknown) and text,
 * as from a parser's error (jansson's json_error_t). Returns -1. */
int pf_error_at(struct pf_error *e, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Formats e as "FILE:LINE:COL: SEVERITY: at JSON_PATH: TEXT", leaving out
 * what is unknown; severity NULL leaves out "SEVERITY: " too (for messages
 * the caller prefixes with "piiflow: "). */
void pf_error_format(const struct pf_error *e, const char *severity, char *buf, size_t size);

/* Prints e on stderr as piiflow reports a loader's error: with severity as
 * a compiler diagnostic, else after "piiflow: ". */
void pf_error_print(const struct pf_error *e, const char *severity);

#endif
