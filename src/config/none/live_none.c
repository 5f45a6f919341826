/* SPDX-License-Identifier: MIT */
/*
 * The live seam (config/live.h) on systems without a Windows registry or
 * WinHTTP: nothing to read, said as PP_EPLATFORM so callers can tell
 * "unsupported here" from "nothing configured".
 */
#include "config/live.h"

pp_status_t pp_live_reg_read(const pp_live_key_t *keys, size_t n, pp_live_sink_t sink, void *ctx) {
  (void)keys, (void)n, (void)sink, (void)ctx;
  return PP_EPLATFORM;
}

pp_status_t pp_live_os_read(pp_config_os_t *o) {
  (void)o;
  return PP_EPLATFORM;
}
