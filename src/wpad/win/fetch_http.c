/* SPDX-License-Identifier: MIT */
/*
 * The WinHTTP fetch backend of src/wpad/fetch.c (pp_wpad_fetch_url) in the
 * Windows build, with the rules of the libcurl one (Chromium's
 * pac_file_fetcher_impl.cc): never via a proxy (WINHTTP_ACCESS_TYPE_NO_PROXY),
 * HTTP 200 only, the size cap enforced while receiving, one total timeout,
 * at most 5 redirects followed here (not by WinHTTP) so each Location is
 * recorded, http and https only after a redirect; file:// URLs become a
 * path (PathCreateFromUrlW) read as a local file. The final response's
 * framing and caching headers are recorded as the libcurl backend does.
 */
#include <windows.h>
#include <winhttp.h>
#include <shlwapi.h>
#undef interface /* objbase.h's macro; wpad_int.h has a field of that name */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacprobe.h"
#include "util/str.h"
#include "wpad/wpad_int.h"
#include "wstr.h" /* src/os/win */

#define MAX_REDIRECTS 5

typedef struct fetch {
  const char *shown;  /* the URL for messages, credentials redacted */
  size_t max;
  unsigned timeout_ms;
  double t0;
  const char *const *resolve; /* curl "HOST:PORT:ADDR" pins */
  size_t nresolve;
  pp_fetch_info_t *info;
  pp_str_t *out;
  DWORD status;
  DWORD error;        /* WinHTTP error of the failing call, 0 none */
  bool too_big, timed_out, loop;
  char *err;
  size_t errlen;
} fetch_t;

static unsigned left_ms(const fetch_t *f) {
  double left = (double)f->timeout_ms - (pp_dns_now_ms() - f->t0);
  return left < 1 ? 0 : (unsigned)left;
}

/* The pinned address of host:port (curl's CURLOPT_RESOLVE form), or NULL. */
static const char *pinned(const fetch_t *f, const char *host, unsigned port, char *buf, size_t len) {
  char key[300];
  int n = snprintf(key, sizeof(key), "%s:%u:", host, port);
  for (size_t i = 0; n > 0 && i < f->nresolve; i++)
    if (strncmp(f->resolve[i], key, (size_t)n) == 0) {
      snprintf(buf, len, "%s", f->resolve[i] + n);
      char *comma = strchr(buf, ',');
      if (comma) *comma = '\0';
      return buf;
    }
  return NULL;
}

static wchar_t *header(HINTERNET req, DWORD what) {
  wchar_t *buf = NULL;
  DWORD len = 0;
  WinHttpQueryHeaders(req, what, WINHTTP_HEADER_NAME_BY_INDEX, NULL, &len, WINHTTP_NO_HEADER_INDEX);
  if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || len > 16384 || !(buf = malloc(len + 2)))
    return NULL;
  if (!WinHttpQueryHeaders(req, what, WINHTTP_HEADER_NAME_BY_INDEX, buf, &len,
                           WINHTTP_NO_HEADER_INDEX)) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* A header of the response as UTF-8 (malloc'd), NULL when absent. */
static char *header8(HINTERNET req, DWORD what) {
  wchar_t *w = header(req, what);
  char *s = w ? pp_win_utf8(w, (int)wcslen(w)) : NULL;
  free(w);
  return s;
}

/* The framing and caching headers of the final response into info (the
 * PAC hosting checks, src/wpad/hosting.c): the same record the libcurl
 * backend keeps, so the findings do not depend on the platform. */
static void record_headers(pp_fetch_info_t *info, HINTERNET req) {
  char *len = header8(req, WINHTTP_QUERY_CONTENT_LENGTH), *te = header8(req, WINHTTP_QUERY_TRANSFER_ENCODING);
  info->headers = true;
  info->content_length = len ? strtoll(len, NULL, 10) : -1;
  info->chunked = te && strstr(te, "chunked");
  free(len);
  free(te);
  free(info->cache_control);
  free(info->expires);
  info->cache_control = header8(req, WINHTTP_QUERY_CACHE_CONTROL);
  info->expires = header8(req, WINHTTP_QUERY_EXPIRES);
}

static bool fail(fetch_t *f) {
  f->error = GetLastError();
  if (f->error == ERROR_WINHTTP_TIMEOUT) f->timed_out = true;
  return false;
}

/* Receives the body into f->out, at most f->max bytes, within the time. */
static bool body(fetch_t *f, HINTERNET req) {
  char buf[16384];
  for (;;) {
    DWORD to = left_ms(f), got = 0;
    if (to == 0) return !(f->timed_out = true);
    WinHttpSetOption(req, WINHTTP_OPTION_RECEIVE_TIMEOUT, &to, sizeof(to));
    if (!WinHttpReadData(req, buf, sizeof(buf), &got)) return fail(f);
    if (got == 0) return true;
    if (f->out->len + got > f->max) return !(f->too_big = true);
    if (!pp_str_append(f->out, buf, got)) return false;
  }
}

/* One request to url; *next gets the Location of a redirect (malloc'd). */
static bool one(fetch_t *f, const char *url, char **next) {
  pp_win_url_t u;
  if (!pp_win_url_crack(url, &u)) return fail(f);
  char host8[256], pinbuf[64], hdr[300];
  WideCharToMultiByte(CP_UTF8, 0, u.host, -1, host8, sizeof(host8), NULL, NULL);
  bool https = u.https, ok;
  /* a pin for https would break the name check: https goes by name */
  const char *addr = https ? NULL : pinned(f, host8, u.port, pinbuf, sizeof(pinbuf));
  wchar_t *to = addr ? pp_win_wide(addr) : NULL;
  HINTERNET ses = WinHttpOpen(L"pacprobe/" PP_VERSION, WINHTTP_ACCESS_TYPE_NO_PROXY,
                              WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0);
  HINTERNET con = ses ? WinHttpConnect(ses, to ? to : u.host, u.port, 0) : NULL;
  HINTERNET req = con ? WinHttpOpenRequest(con, L"GET", u.path, NULL,
                                           WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES,
                                           https ? WINHTTP_FLAG_SECURE : 0) : NULL;
  free(to);
  ok = req != NULL || fail(f);
  if (ok) {
    int ms = (int)left_ms(f);
    DWORD v = WINHTTP_DISABLE_REDIRECTS;
    WinHttpSetTimeouts(req, ms, ms, ms, ms);
    WinHttpSetOption(req, WINHTTP_OPTION_DISABLE_FEATURE, &v, sizeof(v));
    v = WINHTTP_DECOMPRESSION_FLAG_ALL; /* as curl's Accept-Encoding "" (Windows 8.1+) */
    WinHttpSetOption(req, WINHTTP_OPTION_DECOMPRESSION, &v, sizeof(v));
    snprintf(hdr, sizeof(hdr), "Host: %s:%u", host8, (unsigned)u.port);
    wchar_t *wh = addr ? pp_win_wide(hdr) : NULL;
    if (wh) WinHttpAddRequestHeaders(req, wh, (DWORD)-1L, WINHTTP_ADDREQ_FLAG_ADD |
                                     WINHTTP_ADDREQ_FLAG_REPLACE);
    free(wh);
    ok = (WinHttpSendRequest(req, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0,
                             0) && WinHttpReceiveResponse(req, NULL)) || fail(f);
  }
  if (ok) {
    DWORD len = sizeof(f->status);
    WinHttpQueryHeaders(req, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
                        WINHTTP_HEADER_NAME_BY_INDEX, &f->status, &len, WINHTTP_NO_HEADER_INDEX);
    wchar_t *ct = header(req, WINHTTP_QUERY_CONTENT_TYPE);
    if (f->info) {
      free(f->info->content_type);
      f->info->content_type = ct ? pp_win_utf8(ct, (int)wcslen(ct)) : NULL;
      record_headers(f->info, req);
    }
    free(ct);
    wchar_t *loc = f->status >= 300 && f->status < 400 ? header(req, WINHTTP_QUERY_LOCATION) : NULL;
    if (loc) *next = pp_win_utf8(loc, (int)wcslen(loc));
    free(loc);
    if (f->status == 200) ok = body(f, req);
  }
  if (req) WinHttpCloseHandle(req);
  if (con) WinHttpCloseHandle(con);
  if (ses) WinHttpCloseHandle(ses);
  return ok;
}

/* A Location relative to base ("/path" or a full URL) made absolute. */
static char *absolute(const char *base, const char *loc) {
  if (pp_wpad_is_http(loc)) return pp_strndup(loc, strlen(loc));
  const char *p = strstr(base, "://");
  const char *slash = p ? strchr(p + 3, '/') : NULL;
  size_t keep = slash ? (size_t)(slash - base) : strlen(base);
  pp_str_t s = PP_STR_INIT;
  if (loc[0] == '/') pp_str_printf(&s, "%.*s%s", (int)keep, base, loc);
  return s.len ? pp_str_take(&s) : NULL;
}

static pp_status_t http_fetch(fetch_t *f, const char *url) {
  char *cur = pp_strndup(url, strlen(url));
  bool ok = cur != NULL;
  for (int hop = 0; ok; hop++) {
    char *next = NULL;
    ok = one(f, cur, &next);
    if (!ok || f->status < 300 || f->status >= 400 || !next) {
      free(next);
      break;
    }
    if (f->info && !pp_strlist_push(&f->info->redirects, &f->info->nredirects, next)) ok = false;
    char *abs = ok ? absolute(cur, next) : NULL;
    free(next);
    free(cur);
    cur = abs;
    if (!cur) ok = false, f->error = ERROR_WINHTTP_REDIRECT_FAILED;
    else if (hop + 1 > MAX_REDIRECTS) ok = false, f->loop = true;
  }
  if (f->info) {
    f->info->effective_url = cur;
    cur = NULL;
  }
  free(cur);
  if (f->too_big) {
    pp_set_err(f->err, f->errlen, "%s: PAC larger than %lu bytes", f->shown,
               (unsigned long)f->max);
    return PP_ETOOBIG;
  }
  if (ok && f->status != 200) {
    pp_set_err(f->err, f->errlen, "HTTP %lu from %s", (unsigned long)f->status, f->shown);
    return PP_EFETCH;
  }
  if (f->timed_out) {
    pp_set_err(f->err, f->errlen, "%s: timed out after %u ms", f->shown, f->timeout_ms);
    return PP_EFETCH;
  }
  if (f->loop) {
    pp_set_err(f->err, f->errlen, "%s: more than %d redirects", f->shown, MAX_REDIRECTS);
    return PP_EFETCH;
  }
  if (!ok && f->error) {
    pp_set_err(f->err, f->errlen, "%s: %s (WinHTTP error %lu)", f->shown,
               f->error == ERROR_WINHTTP_CANNOT_CONNECT ? "cannot connect"
               : f->error == ERROR_WINHTTP_NAME_NOT_RESOLVED ? "the name does not resolve"
               : "the transfer failed", (unsigned long)f->error);
    return PP_EFETCH;
  }
  if (!ok) {
    pp_set_err(f->err, f->errlen, "out of memory");
    return PP_ENOMEM;
  }
  return PP_OK;
}

static const char *failure_code(const fetch_t *f, pp_status_t st) {
  if (st == PP_OK) return "ok";
  if (st == PP_ETOOBIG) return "too-big";
  if (st == PP_ENOMEM) return "oom";
  if (f->timed_out) return "timeout";
  if (f->loop) return "redirect-loop";
  if (f->error == ERROR_WINHTTP_CANNOT_CONNECT || f->error == ERROR_WINHTTP_NAME_NOT_RESOLVED)
    return "connect";
  if (f->status >= 300 && f->status < 400) return "redirect-refused"; /* e.g. to file: */
  if (f->status != 0 && f->status != 200) return "http-status";
  return "fetch-error";
}

/* file://: the path it names, read as a local file (no redirects, no info). */
static pp_status_t file_fetch(fetch_t *f, const char *url) {
  wchar_t *w = pp_win_wide(url), path[MAX_PATH * 2];
  DWORD n = MAX_PATH * 2;
  HRESULT hr = w ? PathCreateFromUrlW(w, path, &n, 0) : E_OUTOFMEMORY;
  free(w);
  char *p8 = SUCCEEDED(hr) ? pp_win_utf8(path, (int)n) : NULL;
  if (!p8) {
    pp_set_err(f->err, f->errlen, "%s: not a usable file URL", f->shown);
    return PP_EFETCH;
  }
  char *text = NULL;
  size_t len = 0;
  pp_status_t st = pp_pac_read(p8, f->max, 0, &text, &len, f->err, f->errlen);
  free(p8);
  if (st == PP_OK && !pp_str_append(f->out, text, len)) st = PP_ENOMEM;
  free(text);
  return st;
}

pp_status_t pp_wpad_fetch_url(const char *url, size_t max, unsigned timeout_ms, const char *const *resolve,
                              size_t nresolve, pp_fetch_info_t *info, pp_str_t *out, char *err,
                              size_t errlen) {
  char shown[2048];
  pp_wpad_redact(url, shown, sizeof(shown));
  fetch_t f = {shown, max, timeout_ms, pp_dns_now_ms(), resolve, nresolve, info, out, 0, 0,
               false, false, false, err, errlen};
  if (!pp_wpad_is_http(url)) return file_fetch(&f, url);
  pp_status_t st = http_fetch(&f, url);
  if (info) {
    info->http_status = (long)f.status;
    info->bytes = out->len;
    info->ms = pp_dns_now_ms() - f.t0;
    info->code = failure_code(&f, st);
  }
  if (st != PP_OK) pp_str_free(out);
  return st;
}
