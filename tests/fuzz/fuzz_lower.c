/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the ES2015+ lowering (src/js/lower*.c): any bytes
 * must come back as PP_OK / PP_EUNSUPPORTED / PP_ESYNTAX without a crash,
 * hang or out-of-bounds read, and a rewrite must keep the line breaks
 * (the invariant every reported position relies on). Built with clang
 * only (`make fuzz`, tests/fuzz/CMakeLists.txt); tests/unit/test_lower.c runs a bounded
 * random-token version under any compiler in `make test`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t breaks(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))) k++;
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_lower_result_t r;
  pp_status_t st = pp_lower((const char *)data, size, &r);
  if (st != PP_OK && st != PP_EUNSUPPORTED && st != PP_ESYNTAX) abort();
  /* U+2028/2029 are emitted as LF when moved; only count when none. */
  if (st == PP_OK && r.changed && !memchr(data, 0xE2, size) &&
      breaks(r.text, r.len) != breaks((const char *)data, size))
    abort();
  pp_lower_clear(&r);
  return 0;
}
