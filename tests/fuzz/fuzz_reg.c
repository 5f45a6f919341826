/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the .reg reader (src/config/reg.c): UTF-16LE/UTF-8/
 * ANSI exports from users. On failure the error names the input and *out
 * is cleared; on success every value has a key and a name.
 */
#include "fuzz.h"
#include "config/config_int.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_reg_file_t f;
  memset(&f, 0, sizeof(f));
  char err[512] = "";
  pp_status_t st = pp_reg_parse(data, size, "fuzz.reg", &f, err, sizeof(err));
  if (st == PP_OK) {
    for (size_t i = 0; i < f.nvalues; i++)
      if (!f.values[i].key || !f.values[i].name) abort();
  } else if (f.nvalues || f.values || strncmp(err, "fuzz.reg", 8) != 0) {
    abort();
  }
  pp_reg_file_clear(&f);
  return 0;
}
