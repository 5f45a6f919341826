/* SPDX-License-Identifier: MIT */
/*
 * WinINet connection blobs (DefaultConnectionSettings, SavedLegacySettings,
 * RAS connections) and the WinHTTP WinHttpSettings blob: decoding with every
 * length checked against what is left, and encoding back to the identical
 * bytes (windows-proxy-settings.md §2-§3). Meaning (which flags are in
 * effect) is decided in decide.c, not here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

/* §2.3 rule 1: IE6 (0x3C) to IE7+/Windows 10/11 (0x46); proxyconf calls the
 * range forward compatible, Wine accepts only 0x46. Anything else is
 * reported instead of guessed. WinHTTP: 0x18 (Wine, KB 4494447) and 0x28
 * (netsh winhttp reset proxy). */
#define WININET_MIN_VERSION 0x3Cu
#define WININET_MAX_VERSION 0x46u

static bool le32(pp_buf_t *b, uint32_t *v) {
  unsigned char t[4];
  if (!pp_buf_fetch_bytes(b, t, 4)) return false;
  *v = (uint32_t)t[0] | ((uint32_t)t[1] << 8) | ((uint32_t)t[2] << 16) | ((uint32_t)t[3] << 24);
  return true;
}

static pp_status_t fail(char *err, size_t errlen, size_t off, const char *what, size_t len) {
  pp_set_err(err, errlen, "byte offset %zu: %s (the blob is %zu bytes)", off, what, len);
  return PP_EINVAL;
}

/* One length-prefixed 8-bit string (§2: no NUL, no padding). */
static pp_status_t lstring(pp_buf_t *b, const char *what, char **s, size_t *n, char *err,
                           size_t errlen) {
  size_t at = b->pos;
  uint32_t len;
  char msg[160];
  if (!le32(b, &len)) {
    snprintf(msg, sizeof(msg), "truncated: the length of the %s is missing", what);
    return fail(err, errlen, at, msg, b->len);
  }
  if (len > pp_buf_remaining(b)) {
    snprintf(msg, sizeof(msg), "the %s length %u runs past the end (%zu bytes left)", what, len,
             pp_buf_remaining(b));
    return fail(err, errlen, at, msg, b->len);
  }
  *s = malloc((size_t)len + 1);
  if (!*s) return PP_ENOMEM;
  pp_buf_fetch_bytes(b, *s, len);
  (*s)[len] = '\0';
  *n = len;
  return PP_OK;
}

static pp_status_t header(pp_buf_t *b, bool winhttp, pp_wininet_t *w, char *err, size_t errlen) {
  if (!le32(b, &w->version) || !le32(b, &w->counter) || !le32(b, &w->flags))
    return fail(err, errlen, b->len, "truncated: shorter than the 12-byte header", b->len);
  bool ok = winhttp ? (w->version == 0x18 || w->version == 0x28)
                    : (w->version >= WININET_MIN_VERSION && w->version <= WININET_MAX_VERSION);
  if (!ok) {
    char msg[128];
    snprintf(msg, sizeof(msg), "unknown version 0x%02x (expected %s)", w->version,
             winhttp ? "0x18 or 0x28" : "0x3c..0x46");
    return fail(err, errlen, 0, msg, b->len);
  }
  return PP_OK;
}

pp_status_t pp_wininet_decode(const void *blob, size_t len, bool winhttp, pp_wininet_t *out,
                              char *err, size_t errlen) {
  pp_buf_t b;
  pp_status_t st;
  memset(out, 0, sizeof(*out));
  out->winhttp = winhttp;
  pp_buf_init(&b, blob, len);
  if ((st = header(&b, winhttp, out, err, errlen)) != PP_OK) goto done;
  if ((st = lstring(&b, "proxy string", &out->proxy, &out->proxy_len, err, errlen)) != PP_OK)
    goto done;
  if ((st = lstring(&b, "bypass list", &out->bypass, &out->bypass_len, err, errlen)) != PP_OK)
    goto done;
  if (winhttp) {
    /* §3: two strings and nothing after them. */
    if (pp_buf_remaining(&b) != 0)
      st = fail(err, errlen, b.pos, "unexpected bytes after the bypass list", len);
    goto done;
  }
  st = lstring(&b, "auto-config URL", &out->pac_url, &out->pac_url_len, err, errlen);
  if (st != PP_OK) goto done;
  /* §2.2: everything after the PAC URL is the trailer, whatever its size. */
  out->trailer_len = pp_buf_remaining(&b);
  out->trailer = malloc(out->trailer_len ? out->trailer_len : 1);
  if (!out->trailer) st = PP_ENOMEM;
  else pp_buf_fetch_bytes(&b, out->trailer, out->trailer_len);
done:
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  if (st != PP_OK) pp_wininet_clear(out);
  return st;
}

static void put32(unsigned char *p, uint32_t v) {
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static unsigned char *put_str(unsigned char *p, const char *s, size_t n) {
  put32(p, (uint32_t)n);
  if (n) memcpy(p + 4, s, n);
  return p + 4 + n;
}

pp_status_t pp_wininet_encode(const pp_wininet_t *w, unsigned char **out, size_t *len) {
  size_t n = 12 + 4 + w->proxy_len + 4 + w->bypass_len;
  if (!w->winhttp) n += 4 + w->pac_url_len + w->trailer_len;
  unsigned char *b = malloc(n), *p = b;
  if (!b) return PP_ENOMEM;
  put32(p, w->version);
  put32(p + 4, w->counter);
  put32(p + 8, w->flags);
  p = put_str(p + 12, w->proxy, w->proxy_len);
  p = put_str(p, w->bypass, w->bypass_len);
  if (!w->winhttp) {
    p = put_str(p, w->pac_url, w->pac_url_len);
    if (w->trailer_len) memcpy(p, w->trailer, w->trailer_len);
  }
  *out = b;
  *len = n;
  return PP_OK;
}

void pp_wininet_clear(pp_wininet_t *w) {
  if (!w) return;
  free(w->proxy);
  free(w->bypass);
  free(w->pac_url);
  free(w->trailer);
  memset(w, 0, sizeof(*w));
}
