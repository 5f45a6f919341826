/* SPDX-License-Identifier: MIT */
/*
 * The system-detector seam of discover on Windows (wpad_int.h): what
 * WinHTTP's own auto-detection finds, WinHttpDetectAutoProxyConfigUrl asked
 * once with WINHTTP_AUTO_DETECT_TYPE_DHCP and once with ..._DNS_A, so the
 * answer of each method is known (with both flags WinHTTP returns the DHCP
 * one when there is one). It reports the URL only, it does not fetch. The
 * comparison with pacprobe's trace is osview.c's.
 */
#include <windows.h>
#include <winhttp.h>
#undef PP_VERSION /* wincrypt.h's; pacprobe.h defines the version string */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wpad/wpad_int.h"
#include "wstr.h" /* src/os/win */

const char *pp_wpad_os_api(void) { return "WinHttpDetectAutoProxyConfigUrl"; }

static void one(DWORD flag, pp_wpad_os_method_t *m) {
  LPWSTR url = NULL;
  m->asked = true;
  double t0 = pp_dns_now_ms();
  BOOL ok = WinHttpDetectAutoProxyConfigUrl(flag, &url);
  DWORD e = ok ? 0 : GetLastError();
  m->ms = pp_dns_now_ms() - t0;
  if (ok && url && url[0]) m->url = pp_win_utf8(url, (int)wcslen(url));
  if (url) GlobalFree(url);
  if (m->url) return;
  if (ok) e = ERROR_WINHTTP_AUTODETECTION_FAILED; /* success without a URL: nothing found */
  pp_wpad_set(&m->error, "%s (%lu)", e == ERROR_WINHTTP_AUTODETECTION_FAILED ? "ERROR_WINHTTP_AUTODETECTION_FAILED"
                                     : e == ERROR_INVALID_PARAMETER ? "ERROR_INVALID_PARAMETER" : "error",
              (unsigned long)e);
}

void pp_wpad_os_detect(bool dhcp, bool dns, pp_wpad_os_view_t *v) {
  v->ran = true;
  v->api = pp_wpad_os_api();
  if (dhcp) one(WINHTTP_AUTO_DETECT_TYPE_DHCP, &v->dhcp);
  if (dns) one(WINHTTP_AUTO_DETECT_TYPE_DNS_A, &v->dns);
}
