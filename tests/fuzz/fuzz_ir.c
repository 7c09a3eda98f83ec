/*
 * Fuzz target: the IR reader. IR files (--emit-ir) are made on other
 * machines and cached between runs, so any bytes may reach pf_ir_read: it
 * must answer each input with a translation unit or NULL, never crash, hang
 * or leak. What it accepts must be whole: written again and read back, it
 * reads, and the second writing gives the same bytes as the first (the
 * reader numbers strings, types and variables as the writer does); read
 * twice with one shared table (the link phase's), it reads both times. The
 * seeds in corpus/ir are IR files piiflow wrote for golden cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ir/ir_io.h"

static char *write_mem(const struct pf_ir_tu *tu, size_t *len)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, len);
	if (!m || pf_ir_write(m, tu) != 0)
		__builtin_trap();
	fclose(m);
	return buf;
}

static struct pf_ir_tu *read_mem(const void *data, size_t size)
{
	if (size == 0)
		return NULL; /* fmemopen wants a buffer; an empty file is no IR anyway */
	FILE *m = fmemopen((void *)data, size, "rb");
	if (!m)
		__builtin_trap();
	struct pf_ir_tu *tu = pf_ir_read(m);
	fclose(m);
	return tu;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_ir_tu *tu = read_mem(data, size);
	if (size) { /* as the link phase reads the launcher's IR: accepted alike */
		FILE *m = fmemopen((void *)data, size, "rb");
		if (!m)
			__builtin_trap();
		struct pf_ir_tu *rel = pf_ir_read_relative(m, "/src");
		fclose(m);
		if (!rel != !tu)
			__builtin_trap();
		if (rel)
			pf_ir_tu_free(rel);
		/* and as the link phase reads a unit after others, with one
		 * table: accepted alike, twice */
		struct pf_ir_shared *sh = pf_ir_shared_new();
		struct pf_ir_tu *shared[2];
		for (int k = 0; k < 2; k++) {
			m = fmemopen((void *)data, size, "rb");
			if (!m)
				__builtin_trap();
			shared[k] = pf_ir_read_shared(m, "/src", sh);
			fclose(m);
			if (!shared[k] != !tu)
				__builtin_trap();
		}
		pf_ir_shared_release(sh);
		for (int k = 0; k < 2; k++)
			if (shared[k])
				pf_ir_tu_free(shared[k]);
	}
	if (!tu)
		return 0;
	size_t n1 = 0, n2 = 0;
	char *first = write_mem(tu, &n1);
	struct pf_ir_tu *again = read_mem(first, n1);
	if (!again)
		__builtin_trap(); /* accepted once, rejected when written back */
	char *second = write_mem(again, &n2);
	if (n1 != n2 || memcmp(first, second, n1) != 0)
		__builtin_trap();
	free(second);
	free(first);
	pf_ir_tu_free(again);
	pf_ir_tu_free(tu);
	return 0;
}
