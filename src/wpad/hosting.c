/* SPDX-License-Identifier: MIT */
/*
 * PAC hosting checks (issue 21; docs/sources.md "Where the PAC is
 * hosted"): what the place a PAC is served from means for each client.
 * Pure: the URL, the fetch's record (pp_fetch_info_t) and the bytes come
 * in; findings go out, each naming the clients it affects (text) and
 * which of them do not use the PAC because of it (PP_PAC_CLIENT_* masks,
 * what `check --for` follows). The client rules and their sources
 * (Chromium pac_file_fetcher_impl.cc, Firefox nsPACMan.cpp, Wine's
 * winhttp session.c and Microsoft KB 4025058, libproxy 0.4 url.cpp and
 * 0.5 download plugins) are listed in docs/sources.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pacprobe.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

#define CHROMIUM_MAX 1048576u /* kDefaultMaxResponseBytes */
#define LONG_CACHE 86400LL    /* a day: longer is "long" for a PAC */

#define CR PP_PAC_CLIENT_CHROMIUM
#define FF PP_PAC_CLIENT_FIREFOX
#define WH PP_PAC_CLIENT_WINHTTP
#define LP PP_PAC_CLIENT_LIBPROXY
#define ALL (CR | FF | WH | LP)

/* Each text names its source in docs/sources.md "Where the PAC is hosted". */
static const char *const FILE_CLIENTS =
    "Chrome and Edge do not load it (Chromium fetches http, https and data: only: "
    "PacFileFetcherImpl::IsUrlSchemeAllowed), nor does the WinHTTP proxy service, so neither "
    "WinHTTP, the .NET services on it nor WinINet on Windows 10 (Microsoft KB 4025058: no file:// "
    "or ftp:// PAC); Firefox and libproxy read it";
static const char *const UNC_CLIENTS =
    "as file:// for Chrome, Edge and WinHTTP (not loaded); where it is read, the share must be "
    "readable by the account: LocalService has no network credentials, LocalSystem and "
    "NetworkService reach it as the computer account";
static const char *const STATUS_CLIENTS =
    "Chrome and Edge need 200 (ERR_HTTP_RESPONSE_CODE_FAILURE), WinHTTP too "
    "(ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT); Firefox takes any 2xx; libproxy 0.5 runs the "
    "body as the script when it downloads with curl and refuses it with libsoup, libproxy 0.4 "
    "needs 200";
static const char *const TYPE_CLIENTS =
    "the WinHTTP proxy service (WinHTTP, the .NET services, WinINet on Windows 10) takes a PAC "
    "served with another type only when the URL path ends in .dat, .js, .pac or .jvs (Microsoft "
    "KB 4025058), and this one does not; Chrome, Edge, Firefox and libproxy do not look "
    "(Chromium only logs it)";
static const char *const TYPE_EXT_CLIENTS =
    "no client pacprobe models refuses it: Chromium only logs it, Firefox and libproxy do not "
    "look, and the WinHTTP proxy service takes it for the URL's extension (.dat, .js, .pac, .jvs; "
    "Microsoft KB 4025058); filtering proxies and the WPAD draft expect the PAC type";
static const char *const CHARSET_CLIENTS =
    "Chrome and Edge decode the script by it; Firefox ignores it (UTF-8 when valid, else "
    "Latin-1); libproxy runs the raw bytes: non-ASCII text in the script differs between them";
static const char *const FRAMING_CLIENTS =
    "every client modelled reads it, but a transfer cut short cannot be told from a complete "
    "script (no length to check against): the PAC then fails to compile or loses its last rules";
static const char *const REDIRECT_CLIENTS =
    "Chromium follows redirects but refuses one to file: (ERR_UNSAFE_REDIRECT) or to another "
    "scheme than http, https, data: (ERR_DISALLOWED_URL_SCHEME); WinHTTP, Firefox and libproxy "
    "0.5 (curl) follow them, libproxy 0.4 does not (only a 200 counts); each hop delays the "
    "first decision of every client";
static const char *const SCHEME_CLIENTS =
    "Chrome and Edge refuse it (ERR_UNSAFE_REDIRECT for file:, else ERR_DISALLOWED_URL_SCHEME), "
    "WinHTTP follows http and https only, libproxy 0.5 (curl's default redirect protocols) does "
    "not follow it either: none of them gets a PAC from this URL";
static const char *const DOWNGRADE_CLIENTS =
    "WinHTTP refuses an https -> http redirect by its default redirect policy "
    "(WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP); Chrome, Edge, Firefox and libproxy "
    "follow it, and the script then arrives over plain HTTP, open to rewriting in transit";
static const char *const CACHE_CLIENTS =
    "none of the PAC clients honours it (Chromium fetches with LOAD_DISABLE_CACHE, Firefox with "
    "LOAD_BYPASS_CACHE, WinHTTP and libproxy keep their own copy), but an HTTP cache on the way "
    "and a browser that opens the URL as a page may serve the old script that long: a changed "
    "PAC then reaches some clients and not others";
static const char *const BOM8_CLIENTS =
    "harmless in every engine pacprobe models: Chromium drops it (without a charset in the "
    "Content-Type), Firefox and pac-resolver keep U+FEFF, which JavaScript reads as white space";
static const char *const BOM16_CLIENTS =
    "Chrome and Edge decode it by the byte-order mark; Firefox (UTF-8 when valid, else Latin-1), "
    "pac-resolver and libproxy do not: the script does not compile there";
static const char *const SIZE_CLIENTS =
    "Chrome and Edge refuse it (ERR_FILE_TOO_BIG over 1 MiB, kDefaultMaxResponseBytes); libproxy "
    "0.4 reads at most 100 KiB (PAC_MAX_SIZE); Firefox, WinHTTP and libproxy 0.5 set no limit";
static const char *const NOFUNC_CLIENTS =
    "Chrome and Edge take a body without FindProxyForURL as no PAC and move to the next source; "
    "the others fail when they call it";

static bool add(pp_pac_finding_t **out, size_t *n, const char *code, const char *clients,
                unsigned affects, unsigned refuses, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static bool add(pp_pac_finding_t **out, size_t *n, const char *code, const char *clients,
                unsigned affects, unsigned refuses, const char *fmt, ...) {
  char raw[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(raw, sizeof(raw), fmt, ap);
  va_end(ap);
  pp_pac_finding_t *v = realloc(*out, (*n + 1) * sizeof(*v));
  if (!v) return false;
  *out = v;
  pp_str_t m = PP_STR_INIT; /* foreign text (URLs, headers) escaped */
  for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) pp_str_printf(&m, "\\x%02x", *p);
    else pp_str_putc(&m, (char)*p);
  }
  if (!(v[*n].message = pp_str_take(&m))) return false;
  v[*n].code = code;
  v[*n].clients = clients;
  v[*n].affects = affects;
  v[*n].refuses = refuses;
  (*n)++;
  return true;
}

static bool where(const char *source, pp_pac_finding_t **out, size_t *n) {
  if (source[0] == '\\' && source[1] == '\\')
    return add(out, n, "unc-path", UNC_CLIENTS, ALL, CR | WH, "the PAC is a UNC path (%.300s)", source);
  if (strncasecmp(source, "file:", 5) != 0) return true;
  bool ok = add(out, n, "file-url", FILE_CLIENTS, CR | WH, CR | WH, "the PAC is a file:// URL (%.300s)",
                source);
  const char *host = strncmp(source + 5, "//", 2) == 0 ? source + 7 : "";
  bool drive = host[0] && (host[1] == ':' || host[1] == '|'); /* file://C:/... */
  if (ok && *host && *host != '/' && !drive && strncasecmp(host, "localhost/", 10) != 0)
    ok = add(out, n, "unc-path", UNC_CLIENTS, ALL, CR | WH, "the file:// URL names a server (%.300s)",
             source);
  return ok;
}

/* strcasestr and memmem are not in every C library the builds use */
static const char *find_ci(const char *s, const char *needle) {
  size_t n = strlen(needle);
  for (; s && *s; s++)
    if (strncasecmp(s, needle, n) == 0) return s;
  return NULL;
}

static bool contains(const char *b, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(b + i, needle, n) == 0) return true;
  return false;
}

static long long max_age(const char *cc) {
  const char *p = cc ? find_ci(cc, "max-age=") : NULL;
  return p ? strtoll(p + 8, NULL, 10) : -1;
}

static bool pac_type(const char *ct) {
  size_t n = strcspn(ct, "; \t");
  return (n == 33 && strncasecmp(ct, "application/x-ns-proxy-autoconfig", n) == 0) ||
         (n == 31 && strncasecmp(ct, "application/x-javascript-config", n) == 0);
}

/* The WinHTTP proxy service takes another type for these extensions of
 * the URL path (Microsoft KB 4025058). */
static bool pac_extension(const char *url) {
  static const char *const ext[] = {".dat", ".js", ".pac", ".jvs"};
  size_t n = strcspn(url, "?#");
  for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
    size_t k = strlen(ext[i]);
    if (n >= k && strncasecmp(url + n - k, ext[i], k) == 0) return true;
  }
  return false;
}

static bool non_ascii(const char *b, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)b[i] >= 0x80) return true;
  return false;
}

static bool is_https(const char *u) { return strncasecmp(u, "https:", 6) == 0; }
static bool is_http(const char *u) { return strncasecmp(u, "http:", 5) == 0; }

static bool redirects(const char *source, const pp_fetch_info_t *f, pp_pac_finding_t **out, size_t *n) {
  pp_str_t chain = PP_STR_INIT;
  const char *down = NULL; /* the first https -> http hop's target */
  const char *other = NULL; /* the first hop to neither http nor https */
  for (size_t i = 0; i < f->nredirects; i++) {
    const char *from = i ? f->redirects[i - 1] : source, *to = f->redirects[i];
    if (!down && is_https(from) && is_http(to)) down = to;
    size_t sch = strcspn(to, ":/?#"); /* a relative Location has no scheme */
    if (!other && sch && to[sch] == ':' && !is_http(to) && !is_https(to)) other = to;
    if (i < 8) pp_str_printf(&chain, " -> %.200s", f->redirects[i]);
  }
  bool ok = !chain.oom && add(out, n, "redirect", REDIRECT_CLIENTS, ALL, 0, "redirected %zu time%s:%s",
                              f->nredirects, f->nredirects == 1 ? "" : "s", chain.s);
  pp_str_free(&chain);
  if (ok && other)
    ok = add(out, n, "redirect-scheme", SCHEME_CLIENTS, ALL, CR | WH | LP, "a redirect leaves http(s) "
             "for %.300s", other);
  if (ok && down)
    ok = add(out, n, "redirect-to-http", DOWNGRADE_CLIENTS, ALL, WH, "a redirect goes from https to "
             "plain HTTP (%.300s)", down);
  return ok;
}

static bool content_type(const char *source, const pp_fetch_info_t *f, pp_pac_finding_t **out,
                         size_t *n) {
  const char *ct = f->content_type;
  const char *url = f->effective_url ? f->effective_url : source;
  bool ext = pac_extension(url);
  return add(out, n, "content-type", ext ? TYPE_EXT_CLIENTS : TYPE_CLIENTS, ext ? 0 : WH, ext ? 0 : WH,
             "served as %s%.200s%s, not application/x-ns-proxy-autoconfig", ct ? "'" : "",
             ct ? ct : "no Content-Type", ct ? "'" : "");
}

static bool answer(const char *source, const pp_fetch_info_t *f, const char *body, size_t len,
                   pp_pac_finding_t **out, size_t *n) {
  bool ok = true;
  long st = f->http_status;
  /* a redirect that was not followed is told by the redirect findings */
  if (st && st != 200 && !(st / 100 == 3 && f->nredirects))
    ok = add(out, n, "http-status", STATUS_CLIENTS, ALL, CR | WH | (st / 100 != 2 ? FF : 0u),
             "HTTP status %ld", st);
  if (ok && f->nredirects) ok = redirects(source, f, out, n);
  if (ok && st == 200 && (!f->content_type || !pac_type(f->content_type)))
    ok = content_type(source, f, out, n);
  if (ok && f->content_type && find_ci(f->content_type, "charset=") && non_ascii(body, len))
    ok = add(out, n, "charset", CHARSET_CLIENTS, ALL, 0, "the Content-Type names a charset ('%.200s') "
             "and the script has non-ASCII bytes", f->content_type);
  if (ok && f->headers && f->content_length < 0)
    ok = add(out, n, "no-content-length", FRAMING_CLIENTS, ALL, 0, "%s", f->chunked
             ? "sent chunked, without Content-Length"
             : "no Content-Length: the end of the script is the connection closing");
  long long age = max_age(f->cache_control);
  if (ok && f->headers && (age > LONG_CACHE || (age < 0 && f->expires)))
    ok = add(out, n, "long-cache", CACHE_CLIENTS, 0, 0, "%s%.200s%s", age > LONG_CACHE ?
             "Cache-Control '" : "Expires '", age > LONG_CACHE ? f->cache_control : f->expires,
             age > LONG_CACHE ? "' lets caches keep it" : "' and no max-age");
  return ok;
}

static bool content(const char *body, size_t len, pp_pac_finding_t **out, size_t *n) {
  bool ok = true;
  if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
    ok = add(out, n, "bom", BOM8_CLIENTS, 0, 0, "the script starts with a UTF-8 byte-order mark");
  else if (len >= 2 && (memcmp(body, "\xFF\xFE", 2) == 0 || memcmp(body, "\xFE\xFF", 2) == 0))
    ok = add(out, n, "utf16", BOM16_CLIENTS, ALL, FF | LP, "the script is UTF-16 (%s byte-order mark)",
             body[0] == '\xFF' ? "little-endian" : "big-endian");
  if (ok && len > CHROMIUM_MAX)
    ok = add(out, n, "too-big", SIZE_CLIENTS, CR | LP, CR, "the script is %zu bytes", len);
  if (ok && len && !contains(body, len, "FindProxyForURL") &&
      !(len >= 2 && (body[0] == '\xFF' || body[0] == '\xFE')))
    ok = add(out, n, "no-findproxyforurl", NOFUNC_CLIENTS, ALL, CR, "the body has no FindProxyForURL");
  return ok;
}

pp_status_t pp_pac_hosting_check(const char *source, const pp_fetch_info_t *info, const char *body,
                                 size_t len, pp_pac_finding_t **out, size_t *n) {
  bool ok = where(source, out, n);
  if (ok && info) ok = answer(source, info, body, len, out, n);
  if (ok && body) ok = content(body, len, out, n);
  /* a download stopped at the reader's cap: the size is the Content-Length,
   * else at least what arrived */
  if (ok && !body && info && info->code && strcmp(info->code, "too-big") == 0) {
    long long size = info->headers && info->content_length >= 0 ? info->content_length : -1;
    ok = size >= 0 ? add(out, n, "too-big", SIZE_CLIENTS, CR | LP, size > CHROMIUM_MAX ? CR : 0,
                         "the script is %lld bytes (Content-Length)", size)
                   : add(out, n, "too-big", SIZE_CLIENTS, CR | LP, CR, "the script is larger than the "
                         "download limit (stopped after %zu bytes, no Content-Length)", info->bytes);
  }
  return ok ? PP_OK : PP_ENOMEM;
}

void pp_pac_findings_free(pp_pac_finding_t *f, size_t n) {
  for (size_t i = 0; i < n; i++) free(f[i].message);
  free(f);
}

const char *pp_pac_client_name(unsigned bit) {
  switch (bit) {
  case PP_PAC_CLIENT_CHROMIUM: return "chromium";
  case PP_PAC_CLIENT_FIREFOX: return "firefox";
  case PP_PAC_CLIENT_WINHTTP: return "winhttp";
  case PP_PAC_CLIENT_LIBPROXY: return "libproxy";
  default: return NULL;
  }
}
