/* SPDX-License-Identifier: MIT */
/*
 * The fetch backend of a build that has none yet (the Windows build until
 * its WinHTTP fetch lands, issue 14): `--pac URL` and discover's PAC fetch
 * fail with one line naming the URL (credentials redacted) and the reason.
 */
#include "pacprobe.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

pp_status_t pp_wpad_fetch_url(const char *url, size_t max, unsigned timeout_ms, const char *const *resolve,
                              size_t nresolve, pp_fetch_info_t *info, pp_str_t *out, char *err,
                              size_t errlen) {
  char shown[2048];
  pp_wpad_redact(url, shown, sizeof(shown));
  pp_set_err(err, errlen, "%s: fetching a URL is %s", shown, pp_strerror(PP_ENOTBUILT));
  return PP_EFETCH;
}
