/* The loaders' error type and its format (util/error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pf_error_begin(struct pf_error *e, const char *file)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
}

int pf_error_set(struct pf_error *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	return -1;
}

int pf_error_at(struct pf_error *e, int line, int column, const char *fmt, ...)
{
	e->line = line > 0 ? line : 0;
	e->column = column > 0 ? column : 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	return -1;
}

void pf_error_format(const struct pf_error *e, const char *severity, char *buf, size_t size)
{
	char where[1100] = "";
	if (e->file[0] && e->line > 0 && e->column > 0)
		snprintf(where, sizeof(where), "%s:%d:%d: ", e->file, e->line, e->column);
	else if (e->file[0] && e->line > 0)
		snprintf(where, sizeof(where), "%s:%d: ", e->file, e->line);
	else if (e->file[0])
		snprintf(where, sizeof(where), "%s: ", e->file);
	snprintf(buf, size, "%s%s%s%s%s%s", where, severity ? severity : "", severity ? ": " : "",
	         e->json_path[0] ? "at " : "", e->json_path, e->json_path[0] ? ": " : "");
	size_t n = strlen(buf);
	if (n < size)
		snprintf(buf + n, size - n, "%s", e->text);
}

void pf_error_print(const struct pf_error *e, const char *severity)
{
	char buf[2048];
	pf_error_format(e, severity, buf, sizeof(buf));
	fprintf(stderr, "%s%s\n", severity ? "" : "piiflow: ", buf);
}
