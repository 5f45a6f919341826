/* SPDX-License-Identifier: MIT */
/*
 * One URL cracked for WinHTTP (wstr.h pp_win_url_crack): host, port,
 * scheme and the request target (path then ?query) as UTF-16, for the two
 * WinHTTP users, the route attempts (src/route/win) and the PAC fetch
 * (src/wpad/win). What they do with the parts stays with them.
 */
#include <windows.h>
#include <winhttp.h>

#include <stdlib.h>
#include <string.h>

#include "wstr.h"

bool pp_win_url_crack(const char *url, pp_win_url_t *u) {
  wchar_t extra[1024];
  wchar_t *wu = pp_win_wide(url);
  URL_COMPONENTS c;
  memset(u, 0, sizeof(*u));
  memset(&c, 0, sizeof(c));
  c.dwStructSize = sizeof(c);
  c.lpszHostName = u->host;
  c.dwHostNameLength = sizeof(u->host) / sizeof(u->host[0]);
  c.lpszUrlPath = u->path;
  c.dwUrlPathLength = 1024; /* path and query each fit half of u->path */
  c.lpszExtraInfo = extra;
  c.dwExtraInfoLength = sizeof(extra) / sizeof(extra[0]);
  bool ok = wu && WinHttpCrackUrl(wu, 0, 0, &c);
  free(wu);
  if (!ok) return false;
  wcscat(u->path, extra); /* path then ?query */
  if (!u->path[0]) wcscpy(u->path, L"/");
  u->port = c.nPort;
  u->https = c.nScheme == INTERNET_SCHEME_HTTPS;
  u->http = c.nScheme == INTERNET_SCHEME_HTTP;
  return true;
}
