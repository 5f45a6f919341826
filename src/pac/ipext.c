/* SPDX-License-Identifier: MIT */
/*
 * Address logic of the Microsoft IPv6 extensions (pac-semantics.md §3):
 * sortIpAddressList and isInNetEx as Chromium implements them in
 * services/proxy_resolver/proxy_resolver_v8.cc on net::IPAddress. Owns the
 * IP-literal parser those use, which follows Chromium's URL host rules
 * (url/url_canon_ip.cc), not inet_pton. The JS bindings are elsewhere.
 */
#include "pac/ipext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/*
 * What counts as an IP literal (net::IPAddress::AssignFromIPLiteral):
 *   - text with a ':' is IPv6: up to 8 groups of 1-4 hex digits, one "::",
 *     optionally ending in an embedded IPv4 part; no zone id, no brackets;
 *   - anything else is IPv4 in URL form: 1-4 parts split on '.', one
 *     trailing '.' ignored, each part decimal, 0x-hex or 0-octal (a leading
 *     0 followed by 8 or 9 is invalid); all parts but the last <= 255, the
 *     last fills the remaining bytes ("127.1" = 127.0.0.1, "0x7f000001").
 * So "127.1" sorts and matches as 127.0.0.1 in Chromium; strict parsers
 * (Windows) may reject it. Whitespace is never part of a literal.
 */

typedef struct ip {
  size_t len; /* 4 or 16 */
  unsigned char b[16];
} ip_t;

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

/* One IPv4 part in Chromium's IPv4ComponentToNumber rules. */
static bool v4_part(const char *s, size_t n, uint32_t *out) {
  unsigned base = 10;
  size_t i = 0;
  if (n == 0) return false;
  if (s[0] == '0' && n > 1) {
    bool hex = s[1] == 'x' || s[1] == 'X';
    base = hex ? 16 : 8;
    i = hex ? 2 : 1;
  }
  uint64_t v = 0;
  for (; i < n; i++) {
    int d = digit_value(s[i]);
    if (d >= (int)base) return false; /* includes octal 8/9 and non-digits */
    if (v <= UINT32_MAX) v = v * base + (uint64_t)d;
  }
  if (v > UINT32_MAX) return false;
  *out = (uint32_t)v;
  return true;
}

static bool parse_v4(const char *s, size_t n, unsigned char out[4]) {
  uint32_t parts[4];
  size_t np = 0, start = 0;
  if (n && s[n - 1] == '.') n--;
  if (n == 0) return false;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] != '.') continue;
    if (np == 4 || !v4_part(s + start, i - start, &parts[np])) return false;
    np++;
    start = i + 1;
  }
  for (size_t i = 0; i + 1 < np; i++) {
    if (parts[i] > 255) return false;
    out[i] = (unsigned char)parts[i];
  }
  uint64_t last = parts[np - 1];
  for (size_t i = 4; i-- > np - 1;) {
    out[i] = (unsigned char)(last & 0xff);
    last >>= 8;
  }
  return last == 0;
}

/* Splits IPv6 text into groups, the "::" position and an IPv4 tail. */
typedef struct v6_parts {
  uint16_t groups[8];
  int ngroups;
  int contraction; /* index of the group "::" precedes, -1 if none */
  const char *v4;  /* embedded IPv4 text, NULL if none */
  size_t v4len;
} v6_parts_t;

static bool v6_end_group(v6_parts_t *p, const char *s, size_t begin, size_t i, bool contr, bool end) {
  size_t len = i - begin;
  if (len > 4) return false;
  if (len == 0) return (contr && i == 0) || (end && p->contraction == p->ngroups);
  if (p->ngroups == 8) return false;
  uint16_t g = 0;
  for (size_t k = begin; k < i; k++) g = (uint16_t)(g * 16 + digit_value(s[k]));
  p->groups[p->ngroups++] = g;
  return true;
}

static bool v6_split(const char *s, size_t n, v6_parts_t *p) {
  size_t begin = 0;
  memset(p, 0, sizeof(*p));
  p->contraction = -1;
  if (n == 0) return false;
  for (size_t i = 0;; i++) {
    bool end = i == n, colon = !end && s[i] == ':';
    bool contr = colon && i + 1 < n && s[i + 1] == ':';
    if ((colon || end) && !v6_end_group(p, s, begin, i, contr, end)) return false;
    if (end) return true;
    if (contr) {
      if (p->contraction != -1) return false;
      p->contraction = p->ngroups;
      i++;
    }
    if (colon) {
      begin = i + 1;
    } else if (digit_value(s[i]) > 15) {
      if (s[i] != '.' && s[i] != 'x' && s[i] != 'X') return false;
      p->v4 = s + begin; /* an IPv4 tail runs to the end */
      p->v4len = n - begin;
      return true;
    }
  }
}

static bool parse_v6(const char *s, size_t n, unsigned char out[16]) {
  v6_parts_t p;
  if (!v6_split(s, n, &p)) return false;
  int fixed = p.ngroups * 2 + (p.v4 ? 4 : 0), zeros = 0;
  if (p.contraction != -1) zeros = 16 - fixed < 2 ? 2 : 16 - fixed;
  if (fixed + zeros != 16) return false;
  size_t k = 0;
  for (int i = 0; i <= p.ngroups; i++) {
    if (i == p.contraction)
      for (int z = 0; z < zeros; z++) out[k++] = 0;
    if (i < p.ngroups) {
      out[k++] = (unsigned char)(p.groups[i] >> 8);
      out[k++] = (unsigned char)(p.groups[i] & 0xff);
    }
  }
  return !p.v4 || parse_v4(p.v4, p.v4len, out + k);
}

static bool parse_ip(const char *s, size_t n, ip_t *ip) {
  memset(ip, 0, sizeof(*ip));
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80 || s[i] == '\0') return false;
  if (memchr(s, ':', n)) {
    ip->len = 16;
    return parse_v6(s, n, ip->b);
  }
  ip->len = 4;
  return parse_v4(s, n, ip->b);
}

/* ---- sortIpAddressList ------------------------------------------------- */

typedef struct sort_entry {
  ip_t ip;
  const char *text; /* spelling as written, inside the cleaned copy */
  size_t len;
  size_t index;     /* input position: makes qsort stable */
} sort_entry_t;

/* IPv6 before IPv4, then numeric, then input order (Chromium's
 * IPAddressSortingEntry::operator< under std::stable_sort). */
static int cmp_entry(const void *pa, const void *pb) {
  const sort_entry_t *a = pa, *b = pb;
  if (a->ip.len != b->ip.len) return a->ip.len > b->ip.len ? -1 : 1;
  int c = memcmp(a->ip.b, b->ip.b, a->ip.len);
  if (c) return c;
  return a->index < b->index ? -1 : (a->index > b->index);
}

/* Parses the ';'-separated tokens of the cleaned list into *v. */
static pp_status_t collect(char *clean, sort_entry_t **v, size_t *n) {
  size_t cap = 1;
  for (const char *p = clean; *p; p++) cap += *p == ';';
  *v = calloc(cap, sizeof(**v));
  if (!*v) return PP_ENOMEM;
  for (char *p = clean; *p;) {
    size_t len = strcspn(p, ";");
    if (len) {
      sort_entry_t *e = &(*v)[*n];
      if (!parse_ip(p, len, &e->ip)) return PP_EINVAL;
      e->text = p;
      e->len = len;
      e->index = (*n)++;
    }
    p += len + (p[len] == ';');
  }
  return *n ? PP_OK : PP_EINVAL;
}

pp_status_t pp_ip_sort_list(const char *list, char **out) {
  pp_status_t st;
  sort_entry_t *v = NULL;
  size_t n = 0;
  pp_str_t res = PP_STR_INIT;
  *out = NULL;
  char *clean = strdup(list ? list : "");
  if (!clean) return PP_ENOMEM;
  size_t k = 0;
  for (const char *p = clean; *p; p++) /* spaces and tabs go first (IE) */
    if (*p != ' ' && *p != '\t') clean[k++] = *p;
  clean[k] = '\0';
  st = collect(clean, &v, &n);
  if (st != PP_OK) goto done;
  qsort(v, n, sizeof(*v), cmp_entry);
  for (size_t i = 0; i < n; i++) {
    if (i) pp_str_putc(&res, ';');
    pp_str_append(&res, v[i].text, v[i].len);
  }
  *out = pp_str_take(&res);
  if (!*out) st = PP_ENOMEM;
done:
  pp_str_free(&res);
  free(v);
  free(clean);
  return st;
}

/* ---- isInNetEx ---------------------------------------------------------- */

static bool is_ws(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static void trim(const char **p, size_t *n) {
  while (*n && is_ws(**p)) {
    (*p)++;
    (*n)--;
  }
  while (*n && is_ws((*p)[*n - 1])) (*n)--;
}

/* net::ParseCIDRBlock: exactly one '/', both sides trimmed, the length in
 * plain decimal and no longer than the address. */
static bool parse_cidr(const char *s, ip_t *pfx, unsigned *bits) {
  const char *slash = strchr(s, '/');
  if (!slash || strchr(slash + 1, '/')) return false;
  const char *a = s, *b = slash + 1;
  size_t alen = (size_t)(slash - s), blen = strlen(b);
  trim(&a, &alen);
  trim(&b, &blen);
  if (!parse_ip(a, alen, pfx) || blen == 0) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < blen; i++) {
    if (b[i] < '0' || b[i] > '9') return false;
    if (v <= UINT32_MAX) v = v * 10 + (uint64_t)(b[i] - '0');
  }
  if (v > pfx->len * 8) return false;
  *bits = (unsigned)v;
  return true;
}

static void map_v4(ip_t *ip) {
  unsigned char v4[4];
  memcpy(v4, ip->b, 4);
  memset(ip->b, 0, 10);
  ip->b[10] = ip->b[11] = 0xff;
  memcpy(ip->b + 12, v4, 4);
  ip->len = 16;
}

static bool prefix_match(const ip_t *a, const ip_t *p, unsigned bits) {
  size_t whole = bits / 8;
  if (memcmp(a->b, p->b, whole)) return false;
  if (bits % 8 == 0) return true;
  unsigned char mask = (unsigned char)(0xff << (8 - bits % 8));
  return (a->b[whole] & mask) == (p->b[whole] & mask);
}

bool pp_ip_in_net_ex(const char *ip, const char *prefix, bool strict_family) {
  ip_t a, p;
  unsigned bits;
  if (!ip || !prefix || !parse_ip(ip, strlen(ip), &a) || !parse_cidr(prefix, &p, &bits)) return false;
  if (a.len != p.len) {
    /* Chromium (IPAddressMatchesPrefix) compares IPv4 as ::ffff:a.b.c.d;
     * Microsoft's definition says different families do not match. */
    if (strict_family) return false;
    if (a.len == 4) {
      map_v4(&a);
    } else {
      map_v4(&p);
      bits += 96;
    }
  }
  return prefix_match(&a, &p, bits);
}
