/* SPDX-License-Identifier: MIT */
/* UTF-8 <-> UTF-16 for the Windows backends (src/route/win, src/wpad/win):
 * pacprobe's strings are UTF-8, the wide Windows API takes UTF-16. On the
 * include path of the Windows build only, like os_sys.h. */
#ifndef PP_OS_WSTR_H
#define PP_OS_WSTR_H

#include <stdbool.h>
#include <wchar.h>

/* s as UTF-16, malloc'd; NULL on ENOMEM or invalid UTF-8. */
wchar_t *pp_win_wide(const char *s);
/* len UTF-16 units of w (no terminator needed) as UTF-8, malloc'd and
 * NUL-terminated; NULL on ENOMEM. */
char *pp_win_utf8(const wchar_t *w, int len);

/* A URL cracked for WinHTTP (winurl.c): path holds path then ?query,
 * "/" when both are empty. */
typedef struct pp_win_url {
  wchar_t host[256];
  wchar_t path[2048];
  unsigned short port;
  bool https, http; /* the scheme; neither for others (ftp:...) */
} pp_win_url_t;
/* false when WinHttpCrackUrl refuses url (or it is not UTF-8); *u is then
 * zeroed. */
bool pp_win_url_crack(const char *url, pp_win_url_t *u);

#endif
