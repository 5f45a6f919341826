/* SPDX-License-Identifier: MIT */
/*
 * Destination address ordering for dnsResolveEx in chrome mode (issue 16
 * item 6): RFC 6724 §6 as Chromium's AddressSorterPosix applies it to a
 * lookup's answers (net/dns/address_sorter_posix.cc). The lookup itself is
 * resolver.c; the PAC binding that calls this is src/pac/natives.c.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns_int.h"
#include "pacprobe.h"

/*
 * Each destination gets a source address: the one the kernel picks for a
 * UDP socket connect()ed to it (no packet is sent), or, when the caller
 * names the machine's addresses (--my-ip), the first of them of the same
 * family (a loopback destination is its own source, as on lo). A destination without a source is unusable and is DROPPED, as
 * Chromium drops it (Rule 1). The rest are stable-sorted by:
 *   2 prefer matching scope, 5 prefer matching label, 6 higher precedence,
 *   8 smaller scope, 9 longest common prefix with the source (same family,
 *   capped at the source's prefix length), 10 keep the order.
 * Rules 3, 4, 7 compare flags Chromium leaves false on Linux (deprecated,
 * home, native), so they never decide. Tables: RFC 6724 §2.1 as Chromium
 * has them (kDefaultPrecedenceTable, kDefaultLabelTable); IPv4 is looked
 * up as ::ffff:a.b.c.d and scoped link-local for 127/8 and 169.254/16,
 * global otherwise (kDefaultIPv4ScopeTable).
 */

enum { SCOPE_LINKLOCAL = 2, SCOPE_SITELOCAL = 5, SCOPE_GLOBAL = 14 };

typedef struct policy {
  unsigned char prefix[16];
  unsigned bits, precedence, label;
} policy_t;

/* Longest prefix first, so the first match is the longest. */
static const policy_t policies[] = {
    {{[15] = 1}, 128, 50, 0},                 /* ::1 */
    {{[10] = 0xff, [11] = 0xff}, 96, 35, 4},  /* ::ffff:0:0/96, IPv4 */
    {{0}, 96, 1, 3},                          /* ::/96, IPv4-compatible */
    {{0x20, 0x01, 0, 0}, 32, 5, 5},           /* 2001::/32, Teredo */
    {{0x20, 0x02}, 16, 30, 2},                /* 2002::/16, 6to4 */
    {{0x3f, 0xfe}, 16, 1, 12},                /* 3ffe::/16, 6bone */
    {{0xfe, 0xc0}, 10, 1, 11},                /* fec0::/10, site-local */
    {{0xfc}, 7, 3, 13},                       /* fc00::/7, ULA */
    {{0}, 0, 40, 1},                          /* ::/0 */
};

typedef struct dest {
  char *text;
  unsigned char a[16]; /* IPv4 as ::ffff:a.b.c.d */
  bool v4;
  unsigned scope, precedence, label;
  unsigned src_scope, src_label, common;
} dest_t;

static unsigned common_bits(const unsigned char *x, const unsigned char *y, unsigned max) {
  unsigned n = 0;
  while (n < max && !(((x[n / 8] ^ y[n / 8]) >> (7 - n % 8)) & 1)) n++;
  return n;
}

static const policy_t *policy_of(const unsigned char *a) {
  for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
    if (common_bits(a, policies[i].prefix, policies[i].bits) == policies[i].bits) return &policies[i];
  return &policies[sizeof(policies) / sizeof(policies[0]) - 1];
}

static unsigned scope_of(const unsigned char *a, bool v4) {
  if (v4) return a[12] == 127 || (a[12] == 169 && a[13] == 254) ? SCOPE_LINKLOCAL : SCOPE_GLOBAL;
  static const unsigned char loop[16] = {[15] = 1};
  if (a[0] == 0xff) return a[1] & 0x0f;
  if (memcmp(a, loop, 16) == 0 || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)) return SCOPE_LINKLOCAL;
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return SCOPE_SITELOCAL;
  return SCOPE_GLOBAL;
}

static bool parse(const char *text, unsigned char *a, bool *v4) {
  memset(a, 0, 16);
  *v4 = !strchr(text, ':');
  if (!*v4) return inet_pton(AF_INET6, text, a) == 1;
  a[10] = a[11] = 0xff;
  return inet_pton(AF_INET, text, a + 12) == 1;
}

/* The prefix length of the interface that holds src (0 when unknown). */
static unsigned prefix_len_of(const unsigned char *src, bool v4) {
  struct ifaddrs *ifs = NULL;
  unsigned len = 0;
  if (getifaddrs(&ifs) != 0) return 0;
  for (struct ifaddrs *i = ifs; i && !len; i = i->ifa_next) {
    if (!i->ifa_addr || !i->ifa_netmask) continue;
    const unsigned char *addr = NULL, *mask = NULL;
    size_t n = v4 ? 4 : 16;
    if (v4 && i->ifa_addr->sa_family == AF_INET) {
      addr = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
      mask = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_netmask)->sin_addr;
    } else if (!v4 && i->ifa_addr->sa_family == AF_INET6) {
      addr = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
      mask = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_netmask)->sin6_addr;
    }
    if (!addr || memcmp(addr, v4 ? src + 12 : src, n) != 0) continue;
    for (size_t k = 0; k < n; k++) len += (unsigned)__builtin_popcount(mask[k]);
  }
  freeifaddrs(ifs);
  return len;
}

/* Fills the source fields of d; false when d is unusable. */
static bool find_source(dest_t *d, const char *const *sources, size_t nsources) {
  char text[INET6_ADDRSTRLEN] = "";
  bool given = nsources > 0, v4 = false;
  static const unsigned char loop6[16] = {[15] = 1};
  if (given && ((d->v4 && d->a[12] == 127) || memcmp(d->a, loop6, 16) == 0))
    snprintf(text, sizeof(text), "%s", d->text); /* loopback goes out on lo, from itself */
  for (size_t i = 0; i < nsources && !text[0]; i++)
    if ((strchr(sources[i], ':') == NULL) == d->v4) snprintf(text, sizeof(text), "%s", sources[i]);
  if (!given && !pp_myip_route_source(NULL, d->text, text, sizeof(text))) return false;
  unsigned char s[16];
  if (!text[0] || !parse(text, s, &v4)) return false;
  d->src_scope = scope_of(s, v4);
  d->src_label = policy_of(s)->label;
  unsigned plen = given ? 0 : prefix_len_of(s, v4) + (v4 ? 96 : 0);
  d->common = v4 == d->v4 ? common_bits(d->a, s, plen < 128 ? plen : 128) : 0;
  return true;
}

/* Chromium's CompareDestinations: true when x goes before y. */
static bool before(const dest_t *x, const dest_t *y) {
  bool sx = x->src_scope == x->scope, sy = y->src_scope == y->scope;
  if (sx != sy) return sx;
  bool lx = x->src_label == x->label, ly = y->src_label == y->label;
  if (lx != ly) return lx;
  if (x->precedence != y->precedence) return x->precedence > y->precedence;
  if (x->scope != y->scope) return x->scope < y->scope;
  if (x->v4 == y->v4 && x->common != y->common) return x->common > y->common;
  return false;
}

size_t pp_dns_sort_destinations(char **addrs, size_t n, const char *const *sources,
                                size_t nsources) {
  dest_t *d = calloc(n ? n : 1, sizeof(*d));
  size_t kept = 0;
  if (!d) return n; /* out of memory: the resolver's order stays */
  for (size_t i = 0; i < n; i++) {
    dest_t x = {.text = addrs[i]};
    if (!parse(addrs[i], x.a, &x.v4) || !find_source(&x, sources, nsources)) {
      free(addrs[i]);
      continue;
    }
    x.scope = scope_of(x.a, x.v4);
    x.precedence = policy_of(x.a)->precedence;
    x.label = policy_of(x.a)->label;
    size_t k = kept++; /* insertion sort: stable, and answer lists are short */
    while (k > 0 && before(&x, &d[k - 1])) {
      d[k] = d[k - 1];
      k--;
    }
    d[k] = x;
  }
  for (size_t i = 0; i < kept; i++) addrs[i] = d[i].text;
  free(d);
  return kept;
}
