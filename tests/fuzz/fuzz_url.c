/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for URL preparation (src/pac/url.c): byte 0 picks the
 * emulation mode, the rest is the URL. Either PP_OK with a pac_url and a
 * host, or PP_EBADURL with a one-line reason and a cleared result.
 */
#include "fuzz.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  pp_emulation_t mode = (pp_emulation_t)(data[0] % FZ_NMODES);
  char *url = fz_cstr(data + 1, size - 1);
  if (!url) return 0;
  pp_url_info_t u = {0};
  char err[256] = "";
  pp_status_t st = pp_url_prepare(url, mode, &u, err, sizeof(err));
  if (st == PP_OK && (!u.pac_url || !u.host)) abort();
  if (st == PP_EBADURL && (u.pac_url || u.host || !err[0] || strchr(err, '\n'))) abort();
  pp_url_info_clear(&u);
  free(url);
  return 0;
}
