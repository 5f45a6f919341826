/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for TZif files (src/util/tzif.c, the Windows build's
 * --tz): parse, then offsets at instants across the whole ECMAScript range
 * and local times mapped back. Offsets stay within +-26 h; a failure has
 * a one-line reason with the byte offset.
 */
#include "fuzz.h"
#include "util/tzif.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[200] = "";
  pp_tzif_t *z = pp_tzif_parse(data, size, err, sizeof(err));
  if (!z) {
    if (!*err || strchr(err, '\n')) abort();
    return 0;
  }
  static const int64_t at[] = {-8640000000000LL, -2208988800LL, -1, 0, 1700000000LL, 2147483647LL,
                               4102444800LL, 8640000000000LL};
  for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
    long off = pp_tzif_offset(z, at[i], NULL);
    if (off < -93600 || off > 93600) abort();
    (void)pp_tzif_from_local(z, at[i] + off);
  }
  pp_tzif_free(z);
  return 0;
}
