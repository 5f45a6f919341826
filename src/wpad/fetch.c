/* SPDX-License-Identifier: MIT */
/*
 * Reading a PAC script (DESIGN §1.1 -p/--pac, §1.5 fetch): stdin ("-"), a
 * file path, or an http/https/file URL. This file owns the portable part:
 * local files, telling a URL from a path, redacting credentials, the limits
 * Chromium applies (pac-semantics.md §7). The transfer itself is the fetch
 * backend's (src/wpad/curl/fetch_http.c with libcurl; the Windows build's in
 * src/wpad/win/). WPAD URL discovery is not here; it only hands this a URL.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "pacprobe.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

/* Chromium's PAC fetch limits, used when the caller passes 0. */
#define DEFAULT_MAX_BYTES (1024u * 1024u)
#define DEFAULT_TIMEOUT_MS 30000u

/* ---- stdin and files ---------------------------------------------------- */

static pp_status_t read_fd(int fd, const char *name, size_t max, pp_str_t *s, char *err, size_t errlen) {
  char chunk[16384];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      pp_set_err(err, errlen, "cannot read %s: %s", name, strerror(errno));
      return PP_EIO;
    }
    if (n == 0) return PP_OK;
    if (s->len + (size_t)n > max) {
      pp_set_err(err, errlen, "%s: larger than %zu bytes", name, max);
      return PP_ETOOBIG;
    }
    if (!pp_str_append(s, chunk, (size_t)n)) {
      pp_set_err(err, errlen, "out of memory");
      return PP_ENOMEM;
    }
  }
}

static pp_status_t read_local(const char *source, size_t max, pp_str_t *s, char *err, size_t errlen) {
  if (!strcmp(source, "-")) return read_fd(STDIN_FILENO, "standard input", max, s, err, errlen);
  int fd = pp_os_open_read(source);
  if (fd < 0) {
    pp_set_err(err, errlen, "cannot read %s: %s", source, strerror(errno));
    return PP_EIO;
  }
  pp_status_t st = read_fd(fd, source, max, s, err, errlen);
  close(fd);
  return st;
}

/* ---- URLs ---------------------------------------------------------------- */

bool pp_wpad_prefix_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++)
    if (tolower((unsigned char)*s) != *prefix) return false;
  return true;
}

/* "scheme://" at the start (RFC 3986 scheme characters). */
static bool looks_like_url(const char *s) {
  if (!isalpha((unsigned char)*s)) return false;
  while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.') s++;
  return !strncmp(s, "://", 3);
}

/* The URL for messages, without "user:password@" (never print a secret). */
void pp_wpad_redact(const char *url, char *out, size_t outlen) {
  const char *auth = strstr(url, "://");
  const char *at = auth ? strpbrk(auth + 3, "@/?#") : NULL;
  if (at && *at == '@')
    snprintf(out, outlen, "%.*s%s", (int)(auth + 3 - url), url, at + 1);
  else
    snprintf(out, outlen, "%s", url);
}

bool pp_wpad_is_http(const char *url) {
  return pp_wpad_prefix_ci(url, "http://") || pp_wpad_prefix_ci(url, "https://");
}

pp_status_t pp_pac_read(const char *source, size_t max_bytes, unsigned timeout_ms, char **out,
                        size_t *len, char *err, size_t errlen) {
  return pp_pac_read_charset(source, max_bytes, timeout_ms, out, len, NULL, err, errlen);
}

pp_status_t pp_pac_read_charset(const char *source, size_t max_bytes, unsigned timeout_ms,
                                char **out, size_t *len, char **charset, char *err,
                                size_t errlen) {
  return pp_pac_read_info(source, max_bytes, timeout_ms, out, len, charset, NULL, err, errlen);
}

pp_status_t pp_pac_read_info(const char *source, size_t max_bytes, unsigned timeout_ms,
                             char **out, size_t *len, char **charset, pp_fetch_info_t *keep,
                             char *err, size_t errlen) {
  pp_status_t st;
  pp_str_t s = PP_STR_INIT;
  pp_fetch_info_t info;
  memset(&info, 0, sizeof(info));
  if (keep) memset(keep, 0, sizeof(*keep));
  size_t max = max_bytes ? max_bytes : DEFAULT_MAX_BYTES;
  *out = NULL;
  *len = 0;
  if (charset) *charset = NULL;
  if (!looks_like_url(source)) {
    st = read_local(source, max, &s, err, errlen);
  } else if (pp_wpad_is_http(source) || pp_wpad_prefix_ci(source, "file://")) {
    st = pp_wpad_fetch_url(source, max, timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS, NULL, 0,
                           charset || keep ? &info : NULL, &s, err, errlen);
    if (st == PP_OK && charset && info.content_type && pp_wpad_is_http(source))
      *charset = pp_pac_charset_param(info.content_type);
    if (keep && pp_wpad_is_http(source)) {
      *keep = info;
      memset(&info, 0, sizeof(info));
    }
    pp_fetch_info_clear(&info);
  } else {
    char shown[2048];
    pp_wpad_redact(source, shown, sizeof(shown));
    pp_set_err(err, errlen, "%s: only http://, https:// and file:// URLs are supported", shown);
    st = PP_EFETCH;
  }
  if (st != PP_OK) goto done;
  *len = s.len;
  *out = pp_str_take(&s); /* "" for an empty script, always NUL-terminated */
  if (!*out) {
    pp_set_err(err, errlen, "out of memory");
    st = PP_ENOMEM;
  }
done:
  pp_str_free(&s);
  return st;
}

void pp_fetch_info_clear(pp_fetch_info_t *info) {
  if (!info) return;
  free(info->content_type);
  free(info->effective_url);
  free(info->cache_control);
  free(info->expires);
  pp_strlist_free(info->redirects, info->nredirects);
  memset(info, 0, sizeof(*info));
}

pp_status_t pp_pac_fetch(const char *url, size_t max_bytes, unsigned timeout_ms,
                         const char *const *resolve, size_t nresolve, pp_fetch_info_t *info,
                         char **out, size_t *len, char *err, size_t errlen) {
  pp_status_t st = PP_ENOMEM;
  pp_str_t s = PP_STR_INIT;
  memset(info, 0, sizeof(*info));
  info->code = "fetch-error";
  *out = NULL;
  *len = 0;
  if (!pp_wpad_is_http(url)) {
    pp_set_err(err, errlen, "only http:// and https:// URLs are fetched for WPAD");
    st = PP_EFETCH;
    goto done;
  }
  st = pp_wpad_fetch_url(url, max_bytes ? max_bytes : DEFAULT_MAX_BYTES,
                         timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS, resolve, nresolve, info, &s, err,
                         errlen);
  if (st != PP_OK) goto done;
  *len = s.len;
  *out = pp_str_take(&s);
  if (!*out) st = PP_ENOMEM;
done:
  if (st == PP_ENOMEM) {
    pp_set_err(err, errlen, "out of memory");
    info->code = "oom";
  }
  pp_str_free(&s);
  return st;
}
