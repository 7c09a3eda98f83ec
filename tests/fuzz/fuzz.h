/*
 * The one entry point every fuzz target defines, as libFuzzer calls it. The
 * same target file links either with libFuzzer (-fsanitize=fuzzer, built
 * when PIIFLOW_FUZZ is ON) or with replay.c, which feeds it the files of a
 * corpus so that CTest replays every seed and every past crash in normal
 * and sanitizer builds.
 */
#ifndef PF_FUZZ_H
#define PF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input; returns 0. A bug shows as a crash or a sanitizer report. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
