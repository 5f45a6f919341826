/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the result grammar (src/pac/result.c): byte 0 picks
 * the emulation mode, the rest is the string FindProxyForURL returned.
 * Invariants from pacprobe.h: PP_OK always (ENOMEM aside), at least one
 * route, a canonical string, and in chrome mode re-parsing the canonical
 * form gives itself (it is Chromium's ToPacString spelling: other modes
 * read its keywords differently, e.g. pac-resolver takes "SOCKS" as SOCKS5).
 */
#include "fuzz.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  pp_emulation_t mode = (pp_emulation_t)(data[0] % FZ_NMODES);
  char *raw = fz_cstr(data + 1, size - 1);
  if (!raw) return 0;
  pp_result_t r = {0}, again = {0};
  if (pp_result_parse(raw, mode, &r) == PP_OK) {
    if (r.nroutes == 0 || !r.canonical) abort();
    /* The canonical form must parse to itself with nothing invalid. */
    if (mode == PP_EMU_CHROME && pp_result_parse(r.canonical, mode, &again) == PP_OK &&
        (strcmp(again.canonical, r.canonical) != 0 || again.ninvalid != 0))
      abort();
  }
  pp_result_clear(&again);
  pp_result_clear(&r);
  free(raw);
  return 0;
}
