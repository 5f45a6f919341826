/* SPDX-License-Identifier: MIT */
/*
 * What the cache needs from a raw DNS response: the addresses and their
 * smallest TTL (through c-ares' own parsers, which follow CNAME chains), and
 * the negative-caching TTL of NXDOMAIN / NODATA answers, which c-ares does
 * not expose: RFC 2308 §5, min(TTL, MINIMUM) of the authority section's SOA.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

#define TYPE_SOA 6
#define MAX_ADDRS 64

/* Skips a possibly compressed domain name (RFC 1035 §4.1.4). */
static bool skip_name(pp_buf_t *b) {
  for (int labels = 0; labels < 128; labels++) {
    int len = pp_buf_get(b);
    if (len < 0) return false;
    if (len == 0) return true;
    if ((len & 0xc0) == 0xc0) return pp_buf_get(b) >= 0; /* a pointer ends the name */
    if ((len & 0xc0) != 0 || pp_buf_remaining(b) < (size_t)len) return false;
    b->pos += (size_t)len;
  }
  return false;
}

/* Skips one resource record; sets *type, *ttl and the rdata window. */
static bool read_rr(pp_buf_t *b, uint16_t *type, uint32_t *ttl, size_t *rdata, uint16_t *rdlen) {
  uint16_t cls;
  if (!skip_name(b) || !pp_buf_fetch_be16(b, type) || !pp_buf_fetch_be16(b, &cls) ||
      !pp_buf_fetch_be32(b, ttl) || !pp_buf_fetch_be16(b, rdlen) || pp_buf_remaining(b) < *rdlen)
    return false;
  *rdata = b->pos;
  b->pos += *rdlen;
  return true;
}

/* MINIMUM of the SOA rdata at off: after two names, five 32-bit fields. */
static bool soa_minimum(const unsigned char *msg, size_t len, size_t off, uint32_t *minimum) {
  pp_buf_t b;
  pp_buf_init(&b, msg, len);
  b.pos = off;
  uint32_t v;
  if (!skip_name(&b) || !skip_name(&b)) return false;
  for (int i = 0; i < 5; i++)
    if (!pp_buf_fetch_be32(&b, &v)) return false;
  *minimum = v;
  return true;
}

long pp_dns_negative_ttl(const unsigned char *msg, size_t len) {
  pp_buf_t b;
  uint16_t id, flags, qd, an, ns, ar;
  pp_buf_init(&b, msg, len);
  if (!pp_buf_fetch_be16(&b, &id) || !pp_buf_fetch_be16(&b, &flags) || !pp_buf_fetch_be16(&b, &qd) ||
      !pp_buf_fetch_be16(&b, &an) || !pp_buf_fetch_be16(&b, &ns) || !pp_buf_fetch_be16(&b, &ar))
    return -1;
  for (unsigned i = 0; i < qd; i++)
    if (!skip_name(&b) || pp_buf_remaining(&b) < 4) return -1;
    else b.pos += 4;
  for (unsigned i = 0; i < (unsigned)an + ns; i++) {
    uint16_t type, rdlen;
    uint32_t ttl, minimum;
    size_t rdata;
    if (!read_rr(&b, &type, &ttl, &rdata, &rdlen)) return -1;
    if (i >= an && type == TYPE_SOA && soa_minimum(msg, rdata + rdlen, rdata, &minimum))
      return (long)(ttl < minimum ? ttl : minimum);
  }
  return -1;
}

pp_status_t pp_dns_parse_answers(const unsigned char *msg, size_t len, int qtype, char ***addrs,
                                 size_t *n, long *ttl) {
  *addrs = NULL;
  *n = 0;
  *ttl = -1;
  int count = MAX_ADDRS, rc;
  struct ares_addrttl v4[MAX_ADDRS];
  struct ares_addr6ttl v6[MAX_ADDRS];
  if (qtype == PP_DNS_QA) rc = ares_parse_a_reply(msg, (int)len, NULL, v4, &count);
  else rc = ares_parse_aaaa_reply(msg, (int)len, NULL, v6, &count);
  if (rc == ARES_ENODATA) return PP_OK;
  if (rc == ARES_ENOMEM) return PP_ENOMEM;
  if (rc != ARES_SUCCESS) return PP_EDNS;
  for (int i = 0; i < count; i++) {
    char buf[INET6_ADDRSTRLEN];
    int t = qtype == PP_DNS_QA ? v4[i].ttl : v6[i].ttl;
    const void *src = qtype == PP_DNS_QA ? (const void *)&v4[i].ipaddr : (const void *)&v6[i].ip6addr;
    if (!inet_ntop(qtype == PP_DNS_QA ? AF_INET : AF_INET6, src, buf, sizeof(buf))) continue;
    if (*ttl < 0 || t < *ttl) *ttl = t < 0 ? 0 : t;
    bool dup = false;
    for (size_t k = 0; k < *n && !dup; k++) dup = strcmp((*addrs)[k], buf) == 0;
    if (!dup && !pp_strlist_push(addrs, n, buf)) {
      pp_strlist_free(*addrs, *n);
      *addrs = NULL;
      *n = 0;
      return PP_ENOMEM;
    }
  }
  return PP_OK;
}
