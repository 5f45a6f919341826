/* SPDX-License-Identifier: MIT */
/*
 * Host canonicalisation (src/pac/host.h): the one place that decides what a
 * host "is" for URL preparation (url.c), the result grammar (result.c) and
 * the DNS bindings. It follows the WHATWG URL host parser as Chromium's
 * url/url_canon_host.cc and url_canon_ip.cc implement it: percent-decoding,
 * UTS #46 to ASCII, forbidden code points, IPv4 in any spelling, IPv6
 * compressed. Splitting a host from its port is the caller's business.
 */
#include "os/os.h"
#include "pac/host.h"

#include <idn2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/*
 * Order of the steps (URL Standard "host parsing", Chromium CanonicalizeHost):
 *
 *   1. "[...]" is an IPv6 literal; anything else containing ':' is tried as
 *      an unbracketed IPv6 literal (the DNS bindings and the result grammar
 *      pass those; Chromium's ProxyServer adds the brackets itself).
 *   2. %XX escapes are decoded (Chromium decodes escaped hosts too).
 *   3. Non-ASCII names go through libidn2; ASCII names are only lower-cased,
 *      as Chromium never sends an ASCII host through IDNA (so "ab--cd" and
 *      labels over 63 bytes stay valid, which libidn2 would refuse).
 *   4. Forbidden domain code points (URL Standard) are rejected.
 *   5. If the last label is a number, the host must be an IPv4 address.
 */

static bool is_hex(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_val(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

/* URL Standard forbidden domain code points (ASCII part). */
static bool forbidden_domain_byte(unsigned char c) {
  if (c <= 0x20 || c == 0x7f) return true;
  return strchr("#%/:<>?@[\\]^|", c) != NULL;
}

static bool has_non_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return true;
  return false;
}

/* Decodes %XX escapes; an incomplete escape stays as written (and is then
 * rejected because '%' is forbidden). NULL on ENOMEM. */
static char *percent_decode(const char *p, size_t len) {
  char *out = malloc(len + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (p[i] == '%' && i + 2 < len && is_hex(p[i + 1]) && is_hex(p[i + 2])) {
      out[o++] = (char)(hex_val(p[i + 1]) * 16 + hex_val(p[i + 2]));
      i += 2;
    } else {
      out[o++] = p[i];
    }
  }
  out[o] = '\0';
  return out;
}

/* ---- IPv6 ----------------------------------------------------------- */

/* URL Standard IPv6 serialiser: lower-case hex, no leading zeros, the first
 * longest run of two or more zero pieces compressed to "::". Unlike glibc's
 * inet_ntop it never prints an embedded IPv4 part, as Chromium does not
 * ("[::ffff:1.2.3.4]" -> "::ffff:102:304"). */
static void ipv6_serialize(const unsigned char a[16], char out[INET6_ADDRSTRLEN]) {
  unsigned pieces[8];
  for (int i = 0; i < 8; i++) pieces[i] = (unsigned)(a[2 * i] << 8 | a[2 * i + 1]);
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && pieces[j] == 0) j++;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j > i ? j : i + 1;
  }
  size_t o = 0;
  for (int i = 0; i < 8; i++) {
    if (i == best) {
      o += (size_t)snprintf(out + o, INET6_ADDRSTRLEN - o, i == 0 ? "::" : ":");
      i += best_len - 1;
      continue;
    }
    o += (size_t)snprintf(out + o, INET6_ADDRSTRLEN - o, "%x%s", pieces[i],
                          i < 7 ? ":" : "");
  }
}

static char *ipv6_canonical(const char *text, size_t len, char *err, size_t errlen) {
  char buf[INET6_ADDRSTRLEN + 8];
  unsigned char a[16];
  if (len >= sizeof(buf)) goto bad;
  memcpy(buf, text, len);
  buf[len] = '\0';
  /* inet_pton already refuses zone ids ("%eth0"), as the URL Standard does. */
  if (inet_pton(AF_INET6, buf, a) != 1) goto bad;
  char out[INET6_ADDRSTRLEN];
  ipv6_serialize(a, out);
  char *r = strdup(out);
  if (!r) pp_set_err(err, errlen, "out of memory");
  return r;
bad:
  pp_set_err(err, errlen, "invalid IPv6 address \"%.*s\"", (int)(len > 60 ? 60 : len), text);
  return NULL;
}

/* ---- IPv4 ----------------------------------------------------------- */

/* One URL-Standard IPv4 number: 0x hex (digits may be empty), leading-0
 * octal, or decimal. Values are capped above 2^32 so overflow stays
 * visible without wrapping. */
static bool ipv4_number(const char *p, size_t len, uint64_t *v) {
  unsigned base = 10;
  if (len >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
    len -= 2;
  } else if (len >= 2 && p[0] == '0') {
    base = 8;
    p++;
    len--;
  } else if (len == 0) {
    return false;
  }
  uint64_t n = 0;
  for (size_t i = 0; i < len; i++) {
    int c = (unsigned char)p[i];
    unsigned d;
    if (base == 16 && is_hex(c)) d = (unsigned)hex_val(c);
    else if (c >= '0' && c <= '9' && (unsigned)(c - '0') < base) d = (unsigned)(c - '0');
    else return false;
    n = n * base + d;
    if (n > 0x1ffffffffULL) n = 0x1ffffffffULL;
  }
  *v = n;
  return true;
}

/* URL Standard "ends in a number": the last label (a trailing dot ignored)
 * is all digits, or is a 0x-hex number. */
static bool ends_in_number(const char *h, size_t len) {
  if (len > 0 && h[len - 1] == '.') len--;
  size_t start = len;
  while (start > 0 && h[start - 1] != '.') start--;
  const char *last = h + start;
  size_t n = len - start;
  if (n == 0) return false;
  bool digits = true;
  for (size_t i = 0; i < n; i++)
    if (last[i] < '0' || last[i] > '9') digits = false;
  if (digits) return true;
  uint64_t v;
  return n >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
         ipv4_number(last, n, &v);
}

/* Parses an IPv4 host of 1-4 parts; the last part fills the remaining
 * bytes ("10.1" = 10.0.0.1). false on any invalid or overflowing part. */
static bool ipv4_parse(const char *h, uint32_t *addr) {
  uint64_t parts[4];
  size_t n = 0, len = strlen(h);
  if (len > 1 && h[len - 1] == '.') len--;
  for (size_t i = 0; i <= len;) {
    size_t j = i;
    while (j < len && h[j] != '.') j++;
    if (n == 4 || !ipv4_number(h + i, j - i, &parts[n])) return false;
    n++;
    i = j + 1;
    if (j == len) break;
  }
  for (size_t i = 0; i + 1 < n; i++)
    if (parts[i] > 255) return false;
  uint64_t limit = 1ULL << (8 * (5 - n));
  if (parts[n - 1] >= limit) return false;
  uint64_t v = parts[n - 1];
  for (size_t i = 0; i + 1 < n; i++) v += parts[i] << (8 * (3 - i));
  *addr = (uint32_t)v;
  return true;
}

/* ---- names ------------------------------------------------------------ */

/* UTS #46 ToASCII. Non-transitional first (what current Chromium and
 * Firefox do: "faß.de" -> "xn--fa-hia.de"); when libidn2's IDNA2008 rules
 * refuse a code point that UTS #46 allows (symbols, emoji: "☃.net"), retry
 * transitional, which maps them as browsers do. curl's lib/idn.c makes the
 * same retry. */
static char *idn_convert(const char *name, int *rc) {
  char *out = NULL;
  *rc = idn2_to_ascii_8z(name, &out, IDN2_NONTRANSITIONAL);
  if (*rc == IDN2_DISALLOWED) *rc = idn2_to_ascii_8z(name, &out, IDN2_TRANSITIONAL);
  if (*rc != IDN2_OK) return NULL;
  /* libidn2 allocates with its own malloc; hand back a copy we own. */
  char *r = strdup(out);
  idn2_free(out);
  if (!r) *rc = IDN2_MALLOC;
  return r;
}

char *pp_idn_to_ascii(const char *name) {
  if (!name) return NULL;
  if (!has_non_ascii(name)) return strdup(name);
  int rc;
  return idn_convert(name, &rc);
}

bool pp_host_is_ip_literal(const char *s) {
  unsigned char a[16];
  if (!s) return false;
  return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

/* Steps 3-5 of the essay above on a decoded, NUL-terminated name. */
static char *name_canonical(char *name, char *err, size_t errlen) {
  char *h = name;
  if (has_non_ascii(name)) {
    int rc;
    h = idn_convert(name, &rc);
    if (!h) {
      pp_set_err(err, errlen, "IDN conversion failed: %s", idn2_strerror(rc));
      return NULL;
    }
  } else if (!(h = strdup(name))) {
    goto oom;
  }
  pp_ascii_lower(h);
  for (const unsigned char *p = (const unsigned char *)h; *p; p++) {
    if (forbidden_domain_byte(*p)) {
      pp_set_err(err, errlen, *p > 0x20 && *p < 0x7f ? "invalid character '%c' in host"
                                                     : "invalid character 0x%02x in host",
                 *p);
      goto fail;
    }
  }
  if (!*h) {
    pp_set_err(err, errlen, "empty host");
    goto fail;
  }
  if (ends_in_number(h, strlen(h))) {
    uint32_t a;
    if (!ipv4_parse(h, &a)) {
      pp_set_err(err, errlen, "invalid IPv4 address \"%.60s\"", h);
      goto fail;
    }
    char buf[16];
    snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    free(h);
    if (!(h = strdup(buf))) goto oom;
  }
  return h;
oom:
  pp_set_err(err, errlen, "out of memory");
  return NULL;
fail:
  free(h);
  return NULL;
}

char *pp_host_canonicalize(const char *host, size_t len, char *err, size_t errlen) {
  if (!host || len == 0) {
    pp_set_err(err, errlen, "empty host");
    return NULL;
  }
  if (host[0] == '[') {
    if (len < 2 || host[len - 1] != ']') {
      pp_set_err(err, errlen, "invalid IPv6 address \"%.*s\"", (int)(len > 60 ? 60 : len), host);
      return NULL;
    }
    return ipv6_canonical(host + 1, len - 2, err, errlen);
  }
  if (memchr(host, ':', len)) return ipv6_canonical(host, len, err, errlen);
  if (memchr(host, '\0', len)) {
    pp_set_err(err, errlen, "invalid character 0x00 in host");
    return NULL;
  }
  char *decoded = percent_decode(host, len);
  if (!decoded) {
    pp_set_err(err, errlen, "out of memory");
    return NULL;
  }
  char *r = name_canonical(decoded, err, errlen);
  free(decoded);
  return r;
}
