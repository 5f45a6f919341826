/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for `netsh winhttp show proxy` text (src/config/
 * netsh.c): English output only, UTF-16LE or 8-bit; anything else is a
 * located error, never a guess.
 */
#include "fuzz.h"
#include "config/config_int.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_netsh_t n;
  memset(&n, 0, sizeof(n));
  char err[512] = "";
  pp_status_t st = pp_netsh_parse(data, size, "fuzz.txt", &n, err, sizeof(err));
  if (st == PP_OK && !n.direct && !n.proxy) abort();
  pp_netsh_clear(&n);
  return 0;
}
