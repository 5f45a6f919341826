/* SPDX-License-Identifier: MIT */
/*
 * URL preparation (docs/pac-semantics.md §4, DESIGN §1.2 pac_url/host): what
 * each emulated client passes to FindProxyForURL(url, host) and whether
 * Chromium skips the script (implicit bypass). The URL is split here; what
 * a host is (IDN, IPv4 spellings, IPv6) is decided in host.c. Running the
 * script is engine.c's business.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pac/host.h"
#include "pac/url_path.h"
#include "pacprobe.h"
#include "util/buf.h"
#include "util/str.h"

/*
 * Every profile except pacparser first parses the URL strictly; a URL a
 * browser could not load is PP_EBADURL in every profile (the report needs
 * it even where the emulated client would pass garbage on):
 *
 *   scheme ":" "//" [userinfo "@"] host [":" port] [path] ["?" query] ["#" frag]
 *
 * Only hierarchical "scheme://" URLs are accepted (no "http:host"). The host
 * and port are split as Chromium's url::ParseServerInfo does; an empty port
 * ("h:/") means the default, as in the URL Standard.
 *
 * Then per profile:
 *   chrome   SanitizeUrl (configured_proxy_resolution_service.cc) on the
 *            canonical URL: userinfo and fragment dropped, https/wss reduced
 *            to "scheme://host[:port]/", default port removed; implicit
 *            bypass per net/docs/proxy.md (localhost, *.localhost, loopback,
 *            169.254/16, fe80::/10). Path and query are kept as written,
 *            except that bytes the URL Standard percent-encodes (controls,
 *            space, non-ASCII, quotes, <>) are encoded as Chromium's GURL
 *            does; dot segments (also spelt %2e) resolved, '\' read as
 *            '/' (url_path.c). [::ffff:127.0.0.0]/104 and
 *            [::ffff:169.254.0.0]/112 are bypassed too.
 *   firefox  the same canonical URL cut after the authority for every
 *            scheme (network.proxy.autoconfig_url.include_path=false),
 *            userinfo kept (ProxyAutoConfig::GetProxyForURI cuts nsPACMan's
 *            spec, which has it).
 *            Implicit bypass for localhost, *.localhost, 127/8 and ::1 only:
 *            with the default network.proxy.allow_hijacking_localhost=false
 *            nsProtocolProxyService never sends loopback to the PAC, while
 *            link-local addresses do reach it.
 *   winhttp  URL as given (Microsoft documents no stripping); host canonical.
 *   pac-resolver  new URL(url).href (pac-proxy-agent): the WHATWG
 *            serialisation; host = URL.hostname (IPv6 bracketed).
 *   libproxy URL as given; host = GUri's host: as written, userinfo, port
 *            and IPv6 brackets removed, case kept.
 *   pacparser pactester's own split (see pacparser_host), no validation.
 */

typedef struct url_parts {
  char scheme[32];           /* lower-cased */
  const char *userinfo;      /* before '@', NULL when none */
  size_t userinfo_len;
  const char *host;          /* raw host text, brackets included */
  size_t host_len;
  int port;                  /* -1 when none or empty */
  const char *path, *query;  /* path up to '?'/'#'; query after '?' */
  size_t path_len, query_len;
  bool has_query;
  const char *fragment;      /* after '#', NULL when none */
  size_t fragment_len;
  char *canon;               /* canonical host, IPv6 without brackets */
} url_parts_t;

static bool scheme_char(int c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

static pp_status_t parse_scheme(pp_buf_t *b, url_parts_t *u, char *err, size_t errlen) {
  size_t n = 0;
  while (scheme_char(pp_buf_peek(b), n == 0)) {
    int c = pp_buf_get(b);
    if (n + 1 >= sizeof(u->scheme)) goto bad;
    u->scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  u->scheme[n] = '\0';
  if (n == 0 || !pp_buf_match(b, ":")) goto bad;
  /* A special scheme reads '\' as '/' (url_parse.cc IsURLSlash, the URL
   * Standard): "http:\\host\p" is "http://host/p" in both browsers. */
  bool special = pp_url_scheme_is_special(u->scheme);
  int c1 = pp_buf_peek(b);
  if (special && (c1 == '/' || c1 == '\\')) {
    pp_buf_get(b);
    int c2 = pp_buf_peek(b);
    if (c2 == '/' || c2 == '\\') {
      pp_buf_get(b);
      return PP_OK;
    }
  } else if (pp_buf_match(b, "//")) {
    return PP_OK;
  }
  {
    pp_set_err(err, errlen, "missing \"//\" after scheme");
    return PP_EBADURL;
  }
bad:
  pp_set_err(err, errlen, "missing scheme");
  return PP_EBADURL;
}

static pp_status_t parse_port(const char *p, size_t n, int *port, char *err, size_t errlen) {
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9' || (v = v * 10 + (p[i] - '0')) > 65535) {
      pp_set_err(err, errlen, "invalid port \"%.*s\"", (int)(n > 20 ? 20 : n), p);
      return PP_EBADURL;
    }
  }
  *port = n ? (int)v : -1;
  return PP_OK;
}

/* Splits "[userinfo@]host[:port]" (url::ParseAuthority, ParseServerInfo). */
static pp_status_t parse_authority(const char *a, size_t n, url_parts_t *u, char *err,
                                   size_t errlen) {
  for (size_t i = n; i > 0; i--) {
    if (a[i - 1] == '@') {
      u->userinfo = a;
      u->userinfo_len = i - 1;
      a += i;
      n -= i;
      break;
    }
  }
  bool v6 = n > 0 && a[0] == '[', has_colon = false;
  size_t v6_end = v6 ? n : 0, colon = 0;
  for (size_t i = 0; i < n; i++) {
    if (a[i] == ']') v6_end = i, v6 = true;
    if (a[i] == ':') colon = i, has_colon = true;
  }
  u->host = a;
  u->host_len = n;
  u->port = -1;
  if (has_colon && (!v6 || colon > v6_end)) {
    u->host_len = colon;
    pp_status_t st = parse_port(a + colon + 1, n - colon - 1, &u->port, err, errlen);
    if (st != PP_OK) return st;
  }
  if (u->host_len == 0) {
    pp_set_err(err, errlen, "empty host");
    return PP_EBADURL;
  }
  char why[160];
  u->canon = pp_host_canonicalize(u->host, u->host_len, why, sizeof(why));
  if (u->canon) return PP_OK;
  pp_set_err(err, errlen, "%s", why);
  /* host.h reports ENOMEM only as text; it is the one non-URL failure. */
  return strcmp(why, "out of memory") == 0 ? PP_ENOMEM : PP_EBADURL;
}

/* Fills u from url; on failure u->canon is NULL and err says why. */
static pp_status_t parse_url(const char *url, url_parts_t *u, char *err, size_t errlen) {
  pp_buf_t b;
  pp_buf_init(&b, url, strlen(url));
  pp_status_t st = parse_scheme(&b, u, err, errlen);
  if (st != PP_OK) return st;
  size_t start = b.pos;
  const char *stops = pp_url_scheme_is_special(u->scheme) ? "/?#\\" : "/?#";
  while (pp_buf_peek(&b) > 0 && !strchr(stops, pp_buf_peek(&b))) pp_buf_get(&b);
  st = parse_authority(url + start, b.pos - start, u, err, errlen);
  if (st != PP_OK) return st;
  u->path = url + b.pos;
  while (pp_buf_peek(&b) >= 0 && pp_buf_peek(&b) != '?' && pp_buf_peek(&b) != '#') pp_buf_get(&b);
  u->path_len = (size_t)(url + b.pos - u->path);
  u->has_query = pp_buf_match(&b, "?");
  u->query = url + b.pos;
  while (pp_buf_peek(&b) >= 0 && pp_buf_peek(&b) != '#') pp_buf_get(&b);
  u->query_len = (size_t)(url + b.pos - u->query);
  if (pp_buf_match(&b, "#")) {
    u->fragment = url + b.pos;
    u->fragment_len = strlen(u->fragment);
  }
  return PP_OK;
}

static int scheme_default_port(const char *scheme) {
  static const struct { const char *s; int port; } tab[] = {
      {"http", 80}, {"https", 443}, {"ws", 80}, {"wss", 443}, {"ftp", 21},
  };
  for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
    if (strcmp(scheme, tab[i].s) == 0) return tab[i].port;
  return -1;
}

/* "scheme://[userinfo@]host[:port]" (IPv6 bracketed, default port
 * dropped); userinfo only when asked for and present. */
static void put_origin(pp_str_t *s, const url_parts_t *u, bool userinfo) {
  pp_str_printf(s, "%s://", u->scheme);
  if (userinfo && u->userinfo) {
    pp_url_append_encoded(s, u->userinfo, u->userinfo_len, "\"#<>?`{}/;=@[\\]^|");
    pp_str_putc(s, '@');
  }
  bool v6 = strchr(u->canon, ':') != NULL;
  pp_str_printf(s, v6 ? "[%s]" : "%s", u->canon);
  if (u->port >= 0 && u->port != scheme_default_port(u->scheme)) pp_str_printf(s, ":%d", u->port);
}

/* Path (dot segments resolved, '\' as '/') and query as the dialect
 * writes them (url_path.c). */
static void put_path_query(pp_str_t *s, const url_parts_t *u, pp_url_dialect_t d) {
  pp_url_path_canon(s, u->path, u->path_len, pp_url_scheme_is_special(u->scheme), d);
  if (u->has_query) {
    pp_str_putc(s, '?');
    pp_url_append_encoded(s, u->query, u->query_len, "\"<>'");
  }
}

/* Chromium: SanitizeUrl on the canonical URL (userinfo and fragment
 * dropped; https/wss reduced to the origin). Firefox: the spec cut after
 * the authority's '/' (ProxyAutoConfig::GetProxyForURI with include_path
 * false), userinfo kept: it is part of the spec nsPACMan passes. */
static char *browser_url(const url_parts_t *u, bool keep_path, bool userinfo) {
  pp_str_t s = PP_STR_INIT;
  put_origin(&s, u, userinfo);
  if (keep_path) put_path_query(&s, u, PP_URL_CHROMIUM);
  else pp_str_putc(&s, '/');
  return pp_str_take(&s);
}

/* pac-resolver passes `new URL(url).href` (pac-proxy-agent): the WHATWG
 * serialisation, userinfo and fragment kept. */
static char *whatwg_href(const url_parts_t *u) {
  pp_str_t s = PP_STR_INIT;
  put_origin(&s, u, true);
  put_path_query(&s, u, PP_URL_WHATWG);
  if (u->fragment) {
    pp_str_putc(&s, '#');
    pp_url_append_encoded(&s, u->fragment, u->fragment_len, "\"<>`");
  }
  return pp_str_take(&s);
}

static bool is_localhost_name(const char *h) {
  size_t n = strlen(h);
  if (n > 0 && h[n - 1] == '.') n--;
  static const char lh[] = "localhost";
  if (n == 9 && memcmp(h, lh, 9) == 0) return true;
  return n > 10 && memcmp(h + n - 10, ".localhost", 10) == 0;
}

/* net/docs/proxy.md "Implicit bypass rules"; link_local=false for Firefox. */
static bool implicit_bypass(const char *h, bool link_local) {
  unsigned char a[16];
  if (is_localhost_name(h)) return true;
  if (inet_pton(AF_INET, h, a) == 1)
    return a[0] == 127 || (link_local && a[0] == 169 && a[1] == 254);
  if (inet_pton(AF_INET6, h, a) == 1) {
    static const unsigned char loop[16] = {[15] = 1};
    static const unsigned char mapped[12] = {[10] = 0xff, [11] = 0xff};
    if (memcmp(a, loop, 16) == 0) return true;
    /* Chromium only: IsIPv4MappedLoopback ([::ffff:127.0.0.1]/104) and
     * IPAddress::IsLinkLocal ([::ffff:169.254.0.0]/112), in
     * net/proxy_resolution/proxy_bypass_rules.cc, net/base/ip_address.cc */
    if (link_local && memcmp(a, mapped, 12) == 0)
      return a[12] == 127 || (a[12] == 169 && a[13] == 254);
    return link_local && a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
  }
  return false;
}

/* pactester: host = after the first "://", up to '/', ':' or the end;
 * nothing else is checked (manugarg/pacparser#15). */
static pp_status_t pacparser_host(const char *url, pp_url_info_t *out, char *err,
                                  size_t errlen) {
  const char *h = strstr(url, "://");
  if (!h) {
    pp_set_err(err, errlen, "missing \"://\"");
    return PP_EBADURL;
  }
  h += 3;
  size_t n = strcspn(h, "/:");
  if (n == 0) {
    pp_set_err(err, errlen, "empty host");
    return PP_EBADURL;
  }
  out->host = pp_strndup(h, n);
  out->pac_url = strdup(url);
  return out->host && out->pac_url ? PP_OK : PP_ENOMEM;
}

/* The host argument of the profiles that pass the URL unchanged. */
static char *plain_host(const url_parts_t *u, pp_emulation_t mode) {
  if (mode == PP_EMU_LIBPROXY) {
    const char *h = u->host;
    size_t n = u->host_len;
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') h++, n -= 2;
    return pp_strndup(h, n);
  }
  if (mode == PP_EMU_PAC_RESOLVER && strchr(u->canon, ':')) {
    pp_str_t s = PP_STR_INIT;
    pp_str_printf(&s, "[%s]", u->canon);
    return pp_str_take(&s);
  }
  return strdup(u->canon);
}

static pp_status_t fill(const char *url, const url_parts_t *u, pp_emulation_t mode,
                        pp_url_info_t *out) {
  switch (mode) {
  case PP_EMU_CHROME:
  case PP_EMU_FIREFOX: {
    bool crypto = strcmp(u->scheme, "https") == 0 || strcmp(u->scheme, "wss") == 0;
    bool chrome = mode == PP_EMU_CHROME;
    out->pac_url = browser_url(u, chrome && !crypto, !chrome);
    out->host = strdup(u->canon);
    out->implicit_bypass = implicit_bypass(u->canon, chrome);
    break;
  }
  case PP_EMU_PAC_RESOLVER:
    out->pac_url = whatwg_href(u);
    out->host = plain_host(u, mode);
    break;
  default:
    out->pac_url = strdup(url);
    out->host = plain_host(u, mode);
    break;
  }
  return out->pac_url && out->host ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_url_prepare(const char *url, pp_emulation_t mode, pp_url_info_t *out,
                           char *err, size_t errlen) {
  url_parts_t u;
  memset(&u, 0, sizeof(u));
  memset(out, 0, sizeof(*out));
  pp_status_t st;
  if (!url) {
    pp_set_err(err, errlen, "missing scheme");
    return PP_EBADURL;
  }
  if (mode == PP_EMU_PACPARSER) st = pacparser_host(url, out, err, errlen);
  else if ((st = parse_url(url, &u, err, errlen)) == PP_OK) st = fill(url, &u, mode, out);
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  if (st != PP_OK) pp_url_info_clear(out);
  free(u.canon);
  return st;
}

void pp_url_info_clear(pp_url_info_t *u) {
  if (!u) return;
  free(u->pac_url);
  free(u->host);
  memset(u, 0, sizeof(*u));
}
