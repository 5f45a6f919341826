/* SPDX-License-Identifier: MIT */
/*
 * The live seam's "what Windows itself says" on Windows (config/live.h):
 * the process token's user SID, WinHttpGetIEProxyConfigForCurrentUser (the
 * WinINet settings of the running account as WinHTTP reads them) and
 * WinHttpGetDefaultProxyConfiguration (the machine's WinHTTP default).
 * Strings come back UTF-8 and unescaped; live.c escapes and masks them.
 */
#include <windows.h>
#include <sddl.h>
#include <winhttp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/live.h"

static char *utf8(const wchar_t *w) {
  if (!w) return NULL;
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  char *s = n > 0 ? malloc((size_t)n) : NULL;
  if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) <= 0) {
    free(s);
    s = NULL;
  }
  return s;
}

/* Takes a GlobalAlloc'd string from WinHTTP: converts, frees. *oom on failure. */
static char *take(LPWSTR w, bool *oom) {
  char *s = utf8(w);
  if (w && !s) *oom = true;
  if (w) GlobalFree(w);
  return s;
}

static char *failed(const char *call) {
  char buf[160];
  snprintf(buf, sizeof(buf), "%s failed (error %lu)", call, (unsigned long)GetLastError());
  return strdup(buf);
}

static pp_status_t token_sid(pp_config_os_t *o) {
  HANDLE tok;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok)) return PP_OK;
  union { TOKEN_USER u; BYTE b[256]; } buf;
  DWORD n = 0;
  char *s = NULL;
  if (GetTokenInformation(tok, TokenUser, &buf, sizeof(buf), &n) &&
      ConvertSidToStringSidA(buf.u.User.Sid, &s)) {
    o->running_sid = strdup(s);
    LocalFree(s);
    if (!o->running_sid) {
      CloseHandle(tok);
      return PP_ENOMEM;
    }
  }
  CloseHandle(tok);
  return PP_OK;
}

static pp_status_t ie_view(pp_config_os_t *o) {
  WINHTTP_CURRENT_USER_IE_PROXY_CONFIG ie;
  bool oom = false;
  memset(&ie, 0, sizeof(ie));
  if (!WinHttpGetIEProxyConfigForCurrentUser(&ie))
    return (o->ie_error = failed("WinHttpGetIEProxyConfigForCurrentUser")) ? PP_OK : PP_ENOMEM;
  o->ie_auto_detect = ie.fAutoDetect != FALSE;
  o->ie_pac_url = take(ie.lpszAutoConfigUrl, &oom);
  o->ie_proxy = take(ie.lpszProxy, &oom);
  o->ie_bypass = take(ie.lpszProxyBypass, &oom);
  return oom ? PP_ENOMEM : PP_OK;
}

static pp_status_t winhttp_view(pp_config_os_t *o) {
  WINHTTP_PROXY_INFO pi;
  bool oom = false;
  memset(&pi, 0, sizeof(pi));
  if (!WinHttpGetDefaultProxyConfiguration(&pi))
    return (o->winhttp_error = failed("WinHttpGetDefaultProxyConfiguration")) ? PP_OK : PP_ENOMEM;
  o->winhttp_access = pi.dwAccessType;
  o->winhttp_proxy = take(pi.lpszProxy, &oom);
  o->winhttp_bypass = take(pi.lpszProxyBypass, &oom);
  return oom ? PP_ENOMEM : PP_OK;
}

pp_status_t pp_live_os_read(pp_config_os_t *o) {
  pp_status_t st = token_sid(o);
  if (st == PP_OK) st = ie_view(o);
  if (st == PP_OK) st = winhttp_view(o);
  return st;
}
