/* SPDX-License-Identifier: MIT */
/* What every libFuzzer target of tests/fuzz/ shares: the entry point's
 * prototype (libFuzzer calls it; -Wmissing-prototypes wants one) and a
 * NUL-terminated copy of the input for the parsers that take C strings. */
#ifndef PP_FUZZ_H
#define PP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* malloc'd copy of data[0..size) plus a NUL; NULL on ENOMEM. */
static inline char *fz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) return NULL;
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* The emulation mode a target runs in: the first input byte, so one corpus
 * covers all six modes (pacprobe.h pp_emulation_t). */
#define FZ_NMODES 6

#endif
