/* SPDX-License-Identifier: MIT */
/*
 * A configured proxy string as routes for one URL scheme: WinINet's
 * "http=a:1;https=b:2" picks the scheme's entry, a curl-style
 * "[scheme://][user[:****]@]host[:port]" is the one entry; the entry's
 * scheme gives the route type and default port (curl: 1080). Used by
 * `check` (src/cli/check_conf.c) and pp_proxies_for_url (src/easy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacprobe.h"
#include "util/str.h"

/* One entry of a proxy string for scheme: "http=a:1;https=b:2" (WinINet)
 * or a single curl-style "[scheme://][user[:****]@]host[:port]". */
static char *proxy_entry(const char *proxy, const char *scheme) {
  if (!strchr(proxy, '=')) return pp_strndup(proxy, strlen(proxy));
  size_t sl = strlen(scheme);
  for (const char *p = proxy; *p;) {
    size_t n = strcspn(p, "; ");
    if (n > sl && strncmp(p, scheme, sl) == 0 && p[sl] == '=') return pp_strndup(p + sl + 1, n - sl - 1);
    p += n;
    while (*p == ';' || *p == ' ') p++;
  }
  return NULL;
}

/* The route of a proxy entry in PAC syntax, for pp_result_parse. */
static char *proxy_route(const char *entry) {
  static const struct { const char *scheme, *kw; int port; } map[] = {
      {"http", "PROXY", 1080}, {"https", "HTTPS", 443}, {"socks4", "SOCKS", 1080},
      {"socks4a", "SOCKS", 1080}, {"socks5", "SOCKS5", 1080}, {"socks5h", "SOCKS5", 1080},
      {"socks", "SOCKS5", 1080}};
  const char *sep = strstr(entry, "://"), *kw = "PROXY", *hp = entry;
  int port = 1080; /* curl's default proxy port */
  for (size_t i = 0; sep && i < sizeof(map) / sizeof(map[0]); i++)
    if ((size_t)(sep - entry) == strlen(map[i].scheme) &&
        strncmp(entry, map[i].scheme, strlen(map[i].scheme)) == 0) {
      kw = map[i].kw;
      port = map[i].port;
    }
  if (sep) hp = sep + 3;
  const char *at = strrchr(hp, '@');
  if (at) hp = at + 1;
  size_t n = strcspn(hp, "/");
  pp_str_t s = PP_STR_INIT;
  const char *close = hp[0] == '[' ? memchr(hp, ']', n) : NULL;
  const char *colon = close ? (close[1] == ':' ? close + 1 : NULL) : memchr(hp, ':', n);
  if (colon) pp_str_printf(&s, "%s %.*s", kw, (int)n, hp);
  else pp_str_printf(&s, "%s %.*s:%d", kw, (int)n, hp, port);
  return pp_str_take(&s);
}

pp_status_t pp_config_proxy_route(const char *proxy, const char *scheme, pp_result_t *out) {
  char *entry = proxy_entry(proxy, scheme);
  char *route = entry && *entry ? proxy_route(entry) : NULL;
  pp_status_t st = pp_result_parse(route ? route : "DIRECT", PP_EMU_CHROME, out);
  free(entry);
  free(route);
  return st;
}
