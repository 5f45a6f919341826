/* SPDX-License-Identifier: MIT */
/*
 * PAC hosting checks (issue 21; docs/sources.md "Where the PAC is
 * hosted"): what the place a PAC is served from means for each client.
 * Pure: the URL, the fetch's record (pp_fetch_info_t) and the bytes come
 * in; findings go out, each naming the clients it affects. The client
 * rules are ../shared/docs/wpad-discovery.md §4 (Chromium
 * net/proxy_resolution/pac_file_fetcher_impl.cc, WinHTTP, Firefox,
 * libproxy) and docs/browsers.md "Decoding a PAC".
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

static const char *const FILE_CLIENTS =
    "Chrome and Edge do not load it (Chromium fetches http, https and data: only: "
    "PacFileFetcherImpl::IsUrlSchemeAllowed) nor do WinHTTP and the .NET services on it "
    "(ERROR_WINHTTP_UNRECOGNIZED_SCHEME); Firefox and libproxy read it";
static const char *const UNC_CLIENTS =
    "as file:// for Chrome, Edge and WinHTTP (not loaded); where it is read, the share must be "
    "readable by the account: LocalService has no network credentials, LocalSystem and "
    "NetworkService reach it as the computer account";
static const char *const STATUS_CLIENTS =
    "Chrome and Edge need 200 (ERR_HTTP_RESPONSE_CODE_FAILURE); WinHTTP fails a 404 "
    "(ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT); Firefox takes any 2xx; libproxy does not look at "
    "the status and runs the error page as the script";
static const char *const TYPE_CLIENTS =
    "no client pacprobe models refuses it (Chromium only logs a type other than "
    "application/x-ns-proxy-autoconfig or application/x-javascript-config; Firefox, WinHTTP and "
    "libproxy do not look), but filtering proxies and the WPAD draft expect the PAC type";
static const char *const CHARSET_CLIENTS =
    "Chrome and Edge decode the script by it; Firefox ignores it (UTF-8 when valid, else "
    "Latin-1); libproxy runs the raw bytes: non-ASCII text in the script differs between them";
static const char *const FRAMING_CLIENTS =
    "every client modelled reads it, but a transfer cut short cannot be told from a complete "
    "script (no length to check against): the PAC then fails to compile or loses its last rules";
static const char *const REDIRECT_CLIENTS =
    "Chromium follows redirects but refuses one to file: (ERR_UNSAFE_REDIRECT); the WPAD draft "
    "says clients must follow 3xx; each hop delays the first decision of every client";
static const char *const DOWNGRADE_CLIENTS =
    "every client: the script arrives over plain HTTP and can be rewritten in transit";
static const char *const CACHE_CLIENTS =
    "none of the PAC clients honours it (Chromium fetches with LOAD_DISABLE_CACHE, Firefox with "
    "LOAD_BYPASS_CACHE, WinHTTP and libproxy keep their own copy until the network changes), but "
    "an HTTP cache on the way and a browser that opens the URL as a page may serve the old "
    "script that long: a changed PAC then reaches some clients and not others";
static const char *const BOM8_CLIENTS =
    "harmless in every engine pacprobe models: Chromium drops it (without a charset in the "
    "Content-Type), Firefox and pac-resolver keep U+FEFF, which JavaScript reads as white space";
static const char *const BOM16_CLIENTS =
    "Chrome and Edge decode it by the byte-order mark; Firefox (UTF-8 when valid, else Latin-1), "
    "pac-resolver and libproxy do not: the script does not compile there";
static const char *const SIZE_CLIENTS =
    "Chrome and Edge refuse it (ERR_FILE_TOO_BIG, 1 MiB) and WinHTTP (1 MB); Firefox and "
    "libproxy have no limit";
static const char *const NOFUNC_CLIENTS =
    "Chrome and Edge take a body without FindProxyForURL as no PAC and move to the next source; "
    "the others fail when they call it";

static bool add(pp_pac_finding_t **out, size_t *n, const char *code, const char *clients,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool add(pp_pac_finding_t **out, size_t *n, const char *code, const char *clients,
                const char *fmt, ...) {
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
  (*n)++;
  return true;
}

static bool where(const char *source, pp_pac_finding_t **out, size_t *n) {
  if (source[0] == '\\' && source[1] == '\\')
    return add(out, n, "unc-path", UNC_CLIENTS, "the PAC is a UNC path (%.300s)", source);
  if (strncasecmp(source, "file:", 5) != 0) return true;
  bool ok = add(out, n, "file-url", FILE_CLIENTS, "the PAC is a file:// URL (%.300s)", source);
  const char *host = strncmp(source + 5, "//", 2) == 0 ? source + 7 : "";
  bool drive = host[0] && (host[1] == ':' || host[1] == '|'); /* file://C:/... */
  if (ok && *host && *host != '/' && !drive && strncasecmp(host, "localhost/", 10) != 0)
    ok = add(out, n, "unc-path", UNC_CLIENTS, "the file:// URL names a server (%.300s)", source);
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

static bool non_ascii(const char *b, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)b[i] >= 0x80) return true;
  return false;
}

static bool answer(const pp_fetch_info_t *f, const char *body, size_t len, pp_pac_finding_t **out,
                   size_t *n) {
  bool ok = true;
  if (f->http_status && f->http_status != 200)
    ok = add(out, n, "http-status", STATUS_CLIENTS, "HTTP status %ld", f->http_status);
  if (ok && f->nredirects) {
    pp_str_t chain = PP_STR_INIT;
    for (size_t i = 0; i < f->nredirects && i < 8; i++) pp_str_printf(&chain, " -> %.200s", f->redirects[i]);
    ok = !chain.oom && add(out, n, "redirect", REDIRECT_CLIENTS, "redirected %zu time%s:%s",
                           f->nredirects, f->nredirects == 1 ? "" : "s", chain.s);
    pp_str_free(&chain);
    const char *last = f->redirects[f->nredirects - 1];
    if (ok && strncasecmp(last, "http:", 5) == 0)
      ok = add(out, n, "redirect-to-http", DOWNGRADE_CLIENTS, "the last redirect goes to plain "
               "HTTP (%.300s)", last);
  }
  if (ok && f->http_status == 200 && (!f->content_type || !pac_type(f->content_type)))
    ok = add(out, n, "content-type", TYPE_CLIENTS, "served as %s%.200s%s, not "
             "application/x-ns-proxy-autoconfig", f->content_type ? "'" : "",
             f->content_type ? f->content_type : "no Content-Type", f->content_type ? "'" : "");
  if (ok && f->content_type && find_ci(f->content_type, "charset=") && non_ascii(body, len))
    ok = add(out, n, "charset", CHARSET_CLIENTS, "the Content-Type names a charset ('%.200s') "
             "and the script has non-ASCII bytes", f->content_type);
  if (ok && f->headers && f->content_length < 0)
    ok = add(out, n, "no-content-length", FRAMING_CLIENTS, "%s", f->chunked
             ? "sent chunked, without Content-Length"
             : "no Content-Length: the end of the script is the connection closing");
  long long age = max_age(f->cache_control);
  if (ok && f->headers && (age > LONG_CACHE || (age < 0 && f->expires)))
    ok = add(out, n, "long-cache", CACHE_CLIENTS, "%s%.200s%s", age > LONG_CACHE ?
             "Cache-Control '" : "Expires '", age > LONG_CACHE ? f->cache_control : f->expires,
             age > LONG_CACHE ? "' lets caches keep it" : "' and no max-age");
  return ok;
}

static bool content(const char *body, size_t len, pp_pac_finding_t **out, size_t *n) {
  bool ok = true;
  if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0)
    ok = add(out, n, "bom", BOM8_CLIENTS, "the script starts with a UTF-8 byte-order mark");
  else if (len >= 2 && (memcmp(body, "\xFF\xFE", 2) == 0 || memcmp(body, "\xFE\xFF", 2) == 0))
    ok = add(out, n, "utf16", BOM16_CLIENTS, "the script is UTF-16 (%s byte-order mark)",
             body[0] == '\xFF' ? "little-endian" : "big-endian");
  if (ok && len > CHROMIUM_MAX)
    ok = add(out, n, "too-big", SIZE_CLIENTS, "the script is %zu bytes", len);
  if (ok && len && !contains(body, len, "FindProxyForURL") &&
      !(len >= 2 && (body[0] == '\xFF' || body[0] == '\xFE')))
    ok = add(out, n, "no-findproxyforurl", NOFUNC_CLIENTS, "the body has no FindProxyForURL");
  return ok;
}

pp_status_t pp_pac_hosting_check(const char *source, const pp_fetch_info_t *info, const char *body,
                                 size_t len, pp_pac_finding_t **out, size_t *n) {
  bool ok = where(source, out, n);
  if (ok && info) ok = answer(info, body, len, out, n);
  if (ok && body) ok = content(body, len, out, n);
  return ok ? PP_OK : PP_ENOMEM;
}

void pp_pac_findings_free(pp_pac_finding_t *f, size_t n) {
  for (size_t i = 0; i < n; i++) free(f[i].message);
  free(f);
}
