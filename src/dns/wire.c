/* SPDX-License-Identifier: MIT */
/*
 * What the cache needs from a raw DNS response: the addresses and their
 * smallest TTL (through c-ares' own parsers, which follow CNAME chains), and
 * the negative-caching TTL of NXDOMAIN / NODATA answers, which c-ares does
 * not expose: RFC 2308 §5, min(TTL, MINIMUM) of the authority section's SOA;
 * and the CNAME chain the answer went through (issue 17, "the names on the
 * wire"), names expanded by c-ares' ares_expand_name.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

#define TYPE_SOA 6
#define TYPE_CNAME 5
#define CLASS_IN 1
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

/* Skips one resource record; sets *type, *cls, *ttl and the rdata window. */
static bool read_rr_cls(pp_buf_t *b, uint16_t *type, uint16_t *cls, uint32_t *ttl, size_t *rdata,
                        uint16_t *rdlen) {
  if (!skip_name(b) || !pp_buf_fetch_be16(b, type) || !pp_buf_fetch_be16(b, cls) ||
      !pp_buf_fetch_be32(b, ttl) || !pp_buf_fetch_be16(b, rdlen) || pp_buf_remaining(b) < *rdlen)
    return false;
  *rdata = b->pos;
  b->pos += *rdlen;
  return true;
}

static bool read_rr(pp_buf_t *b, uint16_t *type, uint32_t *ttl, size_t *rdata, uint16_t *rdlen) {
  uint16_t cls;
  return read_rr_cls(b, type, &cls, ttl, rdata, rdlen);
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

/* ---- the CNAME chain ------------------------------------------------------ */

/* One CNAME record of the answer section: owner -> target, lower-case. */
typedef struct cname_rr {
  char *owner, *target;
} cname_rr_t;

/* The name at off in msg, expanded by c-ares and lower-cased; NULL when
 * malformed or out of memory (*nomem tells which). */
static char *expand(const unsigned char *msg, size_t len, size_t off, bool *nomem) {
  char *s = NULL;
  long used;
  int rc = ares_expand_name(msg + off, msg, (int)len, &s, &used);
  if (rc == ARES_ENOMEM) *nomem = true;
  if (rc != ARES_SUCCESS) return NULL;
  bool printable = true; /* names reach terminals and JSON: printable ASCII only */
  for (const char *p = s; *p && printable; p++) printable = *p > 0x20 && *p < 0x7f;
  char *copy = printable ? pp_strndup(s, strlen(s)) : NULL; /* ours to free with free() */
  ares_free_string(s);
  if (!printable) return NULL;
  if (!copy) *nomem = true;
  else pp_ascii_lower(copy);
  return copy;
}

static void free_rrs(cname_rr_t *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(v[i].owner);
    free(v[i].target);
  }
}

/* Reads the question name and up to MAX_CHAIN CNAME records of the answer
 * section into *qname and v; *nv set. false when malformed (or ENOMEM). */
static bool read_cnames(const unsigned char *msg, size_t len, char **qname, cname_rr_t *v,
                        size_t *nv, bool *nomem) {
  pp_buf_t b;
  uint16_t id, flags, qd, an, ns, ar;
  pp_buf_init(&b, msg, len);
  *nv = 0;
  if (!pp_buf_fetch_be16(&b, &id) || !pp_buf_fetch_be16(&b, &flags) || !pp_buf_fetch_be16(&b, &qd) ||
      !pp_buf_fetch_be16(&b, &an) || !pp_buf_fetch_be16(&b, &ns) || !pp_buf_fetch_be16(&b, &ar) ||
      qd != 1 || !(*qname = expand(msg, len, b.pos, nomem)))
    return false;
  if (!skip_name(&b) || pp_buf_remaining(&b) < 4) return false;
  b.pos += 4;
  for (unsigned i = 0; i < an; i++) {
    uint16_t type, cls, rdlen;
    uint32_t ttl;
    size_t rdata, owner = b.pos;
    if (!read_rr_cls(&b, &type, &cls, &ttl, &rdata, &rdlen)) return false;
    if (type != TYPE_CNAME || cls != CLASS_IN || *nv >= PP_DNS_CHAIN_MAX) continue;
    v[*nv].owner = expand(msg, len, owner, nomem);
    v[*nv].target = v[*nv].owner ? expand(msg, rdata + rdlen, rdata, nomem) : NULL;
    if (!v[*nv].target) {
      free(v[*nv].owner);
      return false;
    }
    (*nv)++;
  }
  return true;
}

pp_status_t pp_dns_parse_chain(const unsigned char *msg, size_t len, char ***names, size_t *n) {
  *names = NULL;
  *n = 0;
  cname_rr_t v[PP_DNS_CHAIN_MAX];
  size_t nv = 0;
  char *name = NULL;
  bool nomem = false;
  bool ok = read_cnames(msg, len, &name, v, &nv, &nomem);
  /* Follow from the question, whatever the records' order; a loop or a
   * chain longer than PP_DNS_CHAIN_MAX stops at the bound. */
  const char *at = name;
  while (ok && *n < PP_DNS_CHAIN_MAX) {
    const char *next = NULL;
    for (size_t i = 0; i < nv && !next; i++)
      if (strcmp(v[i].owner, at) == 0) next = v[i].target;
    if (!next) break;
    if (!*n && !pp_strlist_push(names, n, at)) nomem = true;
    if (!nomem && !pp_strlist_push(names, n, next)) nomem = true;
    if (nomem) break;
    at = next;
  }
  free_rrs(v, nv);
  free(name);
  if (nomem || !ok) {
    pp_strlist_free(*names, *n);
    *names = NULL;
    *n = 0;
  }
  return nomem ? PP_ENOMEM : ok ? PP_OK : PP_EDNS;
}
