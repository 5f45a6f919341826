/* SPDX-License-Identifier: MIT */
/*
 * The route backend of a build that has none yet (the Windows build until
 * its WinHTTP backend lands, issue 14): pp_check_run attempts nothing and
 * says so with PP_ENOTBUILT, which `check` reports as one line and exit 2.
 * Never a made-up verdict.
 */
#include "pacprobe.h"

pp_status_t pp_check_run(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                         pp_check_result_t *out) {
  for (size_t i = 0; i < n; i++) pp_check_result_clear(&out[i]);
  return PP_ENOTBUILT;
}
