/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the regex rewrite (src/pac/regex.c): the first line
 * of the input is the flags, the rest the pattern. Any bytes must come back
 * as a rewrite, a SyntaxError or an unsupported feature, without a crash,
 * hang or out-of-bounds read, and a rewrite is never empty for a non-empty
 * pattern. Built with clang only (`make fuzz`); tests/unit/test_regex.c
 * runs the case file under any compiler in `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pac/regex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size < 16 ? size : 16);
  char flags[17] = "";
  size_t skip = 0;
  if (nl) {
    skip = (size_t)(nl - data) + 1;
    memcpy(flags, data, skip - 1);
    flags[skip - 1] = '\0';
  }
  pp_regex_t r;
  if (!pp_regex_rewrite((const char *)data + skip, size - skip, flags, &r)) abort();
  if (!r.unsupported && !r.syntax[0] && size > skip && r.src.len == 0) abort();
  if (r.unsupported && !r.es) abort();
  pp_regex_clear(&r);
  return 0;
}
