/* SPDX-License-Identifier: MIT */
/*
 * pp_resolver_t: the DNS the PAC functions see (DESIGN §1.1, pac-semantics
 * §2.3). Owns the answer order, the per-run cache policy and the waiting;
 * the tables behind --resolve and --hosts are table.c/overrides.c/hosts.c,
 * --dns-server parsing servers.c, the c-ares I/O thread async.c, the cache
 * store cache.c.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "dns/dns_int.h"
#include "pacprobe.h"
#include "util/str.h"

/*
 * Answer order (first rule that applies decides):
 *   1. IP literal -> itself, no lookup (an IPv6 literal has no IPv4 answer).
 *   2. --resolve override for the name (an empty one: does not resolve).
 *   3. --hosts entries for the name.
 *   4. --no-dns -> not found, source OFFLINE.
 *   5. the system's /etc/hosts (as c-ares' "files" lookup), then DNS: A for
 *      IPv4 lookups, AAAA and A for any-family ones, servers from
 *      --dns-server or resolv.conf, its search list applied per query.
 * Rules 2 and 3 are authoritative: a name they list never reaches DNS, even
 * when the family filter leaves nothing (deterministic offline runs).
 *
 * Step 5 goes through the cache: (name, record type) -> answer until its TTL
 * (negative answers: the SOA's negative TTL) passes. A lookup that finds the
 * entry pending (asked ahead by pp_resolver_prefetch, or by another engine)
 * waits for that query instead of sending its own, so each name and type is
 * asked once however many engines need it. Waiting is bounded by the lookup
 * budget (--timeout of the resolver, default 5 s) and by the caller's
 * deadline when it comes first (pp_resolver_lookup_until: a PAC evaluation's
 * --timeout): a lookup that runs out reports PP_EDNS (cause TIMEOUT or
 * DEADLINE) while the query may still complete for later lookups.
 *
 * Threads: configuration is set up before the resolver is shared and is
 * read-only afterwards (changing it stops the I/O thread and drops the
 * cache). The cache, queues, counters and channel are guarded by r->lock.
 */

#define DEFAULT_TIMEOUT_MS 5000u

pp_resolver_t *pp_resolver_new(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, pp_dns_library_init);
  pp_resolver_t *r = calloc(1, sizeof(*r));
  if (!r) return NULL;
  bool ok = pp_os_cond_init(&r->answered) == 0;
  if (!ok || pthread_mutex_init(&r->lock, NULL) != 0) {
    free(r);
    return NULL;
  }
  if (!pp_dns_cache_init(&r->cache, PP_DNS_CACHE_MAX)) {
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->answered);
    free(r);
    return NULL;
  }
  r->timeout_ms = DEFAULT_TIMEOUT_MS;
  return r;
}

/* New settings: the channel is rebuilt and earlier answers forgotten. */
static void reconfigure(pp_resolver_t *r) {
  pp_dns_io_stop(r);
  pp_dns_cache_free(&r->cache);
  (void)pp_dns_cache_init(&r->cache, PP_DNS_CACHE_MAX);
}

void pp_resolver_free(pp_resolver_t *r) {
  if (!r) return;
  pp_dns_io_stop(r);
  pp_dns_cache_free(&r->cache);
  pthread_cond_destroy(&r->answered);
  pthread_mutex_destroy(&r->lock);
  pp_dns_table_free(&r->overrides);
  pp_dns_table_free(&r->hosts);
  pp_dns_table_free(&r->system_hosts);
  free(r->servers);
  free(r);
}

pp_status_t pp_resolver_add_override(pp_resolver_t *r, const char *spec, char *err, size_t errlen) {
  return pp_dns_override_parse(&r->overrides, spec, err, errlen);
}

pp_status_t pp_resolver_load_hosts(pp_resolver_t *r, const char *path, char *err, size_t errlen) {
  return pp_dns_hosts_load(&r->hosts, path, err, errlen);
}

pp_status_t pp_resolver_add_server(pp_resolver_t *r, const char *server, char *err, size_t errlen) {
  struct ares_addr_port_node node;
  pp_status_t st = pp_dns_server_parse(server, &node, err, errlen);
  if (st != PP_OK) return st;
  struct ares_addr_port_node *v = realloc(r->servers, (r->nservers + 1) * sizeof(*v));
  if (!v) {
    pp_set_err(err, errlen, "out of memory");
    return PP_ENOMEM;
  }
  v[r->nservers++] = node;
  for (size_t i = 0; i < r->nservers; i++) v[i].next = i + 1 < r->nservers ? &v[i + 1] : NULL;
  r->servers = v;
  reconfigure(r);
  return PP_OK;
}

void pp_resolver_set_offline(pp_resolver_t *r, bool offline) { r->offline = offline; }

void pp_resolver_set_timeout(pp_resolver_t *r, unsigned ms) {
  r->timeout_ms = ms ? ms : DEFAULT_TIMEOUT_MS;
  reconfigure(r);
}

void pp_dns_answer_clear(pp_dns_answer_t *a) {
  if (!a) return;
  pp_strlist_free(a->addrs, a->naddrs);
  pp_strlist_free(a->cnames, a->ncnames);
  memset(a, 0, sizeof(*a));
}

void pp_resolver_stats(pp_resolver_t *r, pp_dns_stats_t *out) {
  pthread_mutex_lock(&r->lock);
  *out = r->stats;
  pthread_mutex_unlock(&r->lock);
}

/* ---- the cache path (rule 5) ---------------------------------------------- */

/* Record types of a lookup in answer order. */
static size_t qtypes_of(const pp_resolver_t *r, pp_dns_family_t family, int qt[2]) {
  if (family == PP_DNS_IPV4) {
    qt[0] = PP_DNS_QA;
    return 1;
  }
  qt[0] = r->v6_first ? PP_DNS_QAAAA : PP_DNS_QA;
  qt[1] = r->v6_first ? PP_DNS_QA : PP_DNS_QAAAA;
  return 2;
}

/* The entry for (name, qt), asked (again) when missing or expired; *sent
 * is set when that sent a question. NULL on ENOMEM. */
static pp_dns_centry_t *acquire(pp_resolver_t *r, const char *name, int qt, int queue, bool *sent) {
  pp_dns_centry_t *e = pp_dns_cache_find(&r->cache, name, qt);
  if (!e) {
    if (!(e = pp_dns_cache_add(&r->cache, name, qt))) return NULL;
    e->owner = r;
  } else if (e->state == PP_DNS_READY && e->expires > pp_dns_now_ms()) {
    pp_dns_cache_touch(&r->cache, e);
    return e;
  } else if (e->state == PP_DNS_READY) {
    e->state = PP_DNS_PENDING;
  } else { /* pending: make sure it is not stuck behind names asked ahead */
    if (queue == PP_DNS_Q_URGENT && !e->asking) pp_dns_io_submit(r, e, queue);
    return e;
  }
  pp_dns_io_submit(r, e, queue);
  *sent = true;
  return e;
}

static bool wait_ready(pp_resolver_t *r, pp_dns_centry_t **e, size_t n, double deadline) {
  for (;;) {
    bool all = true;
    for (size_t i = 0; i < n; i++) all = all && (!e[i] || e[i]->state == PP_DNS_READY);
    if (all) return true;
    double left = deadline - pp_dns_now_ms();
    if (left <= 0) return false;
    struct timespec ts;
    pp_os_cond_deadline(&ts, left);
    int rc = pthread_cond_timedwait(&r->answered, &r->lock, &ts);
    if (rc != 0 && rc != ETIMEDOUT && rc != EINTR) return false;
  }
}

/* Merges the entries' answers into out; the lookup's status. When no
 * record type gave an address, the failure of the one that failed tells
 * why (the more telling one when both failed). */
static pp_status_t collect(pp_dns_centry_t **e, size_t n, pp_dns_answer_t *out) {
  bool failed = false, nomem = false;
  pp_dns_failure_t why = PP_DNS_FAIL_NOT_FOUND;
  for (size_t i = 0; i < n; i++) {
    if (!e[i]) {
      nomem = true;
      continue;
    }
    if (e[i]->status == PP_EDNS) {
      failed = true;
      why = pp_dns_failure_worse(why, e[i]->failure);
    }
    if (e[i]->status == PP_ENOMEM) nomem = true;
    for (size_t k = 0; e[i]->status == PP_OK && k < e[i]->naddrs; k++)
      if (!pp_dns_answer_add(out, e[i]->addrs[k])) nomem = true;
    /* the first record type's chain (A and AAAA normally share it) */
    bool take = e[i]->status == PP_OK && !out->ncnames;
    for (size_t k = 0; take && k < e[i]->ncnames; k++)
      if (!pp_strlist_push(&out->cnames, &out->ncnames, e[i]->cnames[k])) nomem = true;
  }
  if (nomem) return PP_ENOMEM;
  if (out->naddrs) return PP_OK;
  out->failure = why;
  return failed ? PP_EDNS : PP_ENOTFOUND;
}

static pp_status_t cache_lookup(pp_resolver_t *r, const char *name, pp_dns_family_t family,
                                double deadline_ms, pp_dns_answer_t *out) {
  int qt[2];
  pp_dns_centry_t *e[2] = {NULL, NULL};
  bool sent = false;
  size_t n = qtypes_of(r, family, qt);
  double budget = pp_dns_now_ms() + r->timeout_ms;
  bool caller_first = deadline_ms > 0 && deadline_ms < budget;
  for (size_t i = 0; i < n; i++)
    if ((e[i] = acquire(r, name, qt[i], PP_DNS_Q_URGENT, &sent)) != NULL) e[i]->refs++;
  r->stats.lookups++;
  if (!sent) r->stats.cache_hits++;
  bool done = wait_ready(r, e, n, caller_first ? deadline_ms : budget);
  pp_status_t st = done ? collect(e, n, out) : PP_EDNS;
  if (!done) out->failure = caller_first ? PP_DNS_FAIL_DEADLINE : PP_DNS_FAIL_TIMEOUT;
  for (size_t i = 0; i < n; i++)
    if (e[i]) e[i]->refs--;
  if (st == PP_ENOTFOUND) {
    r->stats.not_found++;
  } else if (st != PP_OK) {
    r->stats.errors++;
    r->stats.by_cause[st == PP_ENOMEM ? PP_DNS_FAIL_OTHER : out->failure]++;
  }
  return st;
}

/* ---- the answer order ---------------------------------------------------- */

static pp_status_t from_entry(pp_dns_answer_t *out, const pp_dns_entry_t *e, pp_dns_family_t family) {
  if (!pp_dns_answer_add_entry(out, e, family)) return PP_ENOMEM;
  return out->naddrs ? PP_OK : PP_ENOTFOUND;
}

/* Rule 1 also takes the numeric IPv4 forms getaddrinfo (inet_aton) reads:
 * "0x0a010203", "10.1.515", "012.1.2.3" (octal) are addresses, not names,
 * for Chromium's and Firefox's dnsResolve alike (issue 16 item 5,
 * measured). Only [0-9a-fA-FxX.] are accepted: inet_aton itself ignores
 * anything after a blank. */
/* One part of an inet_aton spelling: "0x" hex, "0" octal, else decimal;
 * false when empty, malformed or above max. */
static bool aton_part(const char **p, unsigned long long max, unsigned long long *v) {
  const char *s = *p;
  unsigned base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, s += 2;
  else if (s[0] == '0') base = 8;
  if (!isdigit((unsigned char)*s) && !(base == 16 && isxdigit((unsigned char)*s))) return false;
  for (*v = 0; isxdigit((unsigned char)*s); s++) {
    unsigned d = isdigit((unsigned char)*s) ? (unsigned)(*s - '0')
                                            : (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
    if (d >= base) return false;
    *v = *v * base + d;
    if (*v > max) return false;
  }
  *p = s;
  return true;
}

/* inet_aton(3)'s forms, written out (Windows has no inet_aton): a, a.b
 * (8.24 bits), a.b.c (8.8.16), a.b.c.d; the host-order address. */
static bool aton(const char *s, uint32_t *out) {
  unsigned long long part[4];
  int n = 0;
  for (;;) {
    if (n == 4 || !aton_part(&s, 0xffffffffULL, &part[n++])) return false;
    if (*s == '\0') break;
    if (*s++ != '.') return false;
  }
  uint32_t addr = 0;
  for (int i = 0; i < n - 1; i++) {
    if (part[i] > 0xff) return false;
    addr |= (uint32_t)part[i] << (24 - 8 * i);
  }
  if (part[n - 1] > (0xffffffffULL >> (8 * (n - 1)))) return false;
  *out = addr | (uint32_t)part[n - 1];
  return true;
}

static int numeric_ipv4(const char *host, char *norm, size_t normlen) {
  uint32_t v;
  if (!*host || host[strspn(host, "0123456789abcdefABCDEFxX.")] != '\0') return 0;
  if (!aton(host, &v)) return 0;
  snprintf(norm, normlen, "%u.%u.%u.%u", (unsigned)(v >> 24), (unsigned)(v >> 16 & 0xff),
           (unsigned)(v >> 8 & 0xff), (unsigned)(v & 0xff));
  return AF_INET;
}

/* A table entry for host, also when it is asked with one trailing dot
 * ("known.test." is the absolute spelling of "known.test", as for a
 * resolver; issue 16 item 6). */
static const pp_dns_entry_t *find_name(const pp_dns_table_t *t, const char *host) {
  const pp_dns_entry_t *e = pp_dns_table_find(t, host);
  size_t n = strlen(host);
  if (e || n < 2 || host[n - 1] != '.' || host[n - 2] == '.' || n > 254) return e;
  char name[256];
  memcpy(name, host, n - 1);
  name[n - 1] = '\0';
  return pp_dns_table_find(t, name);
}

/* Rules 1-4; PP_EDNS means "not decided, ask DNS". */
static pp_status_t local_steps(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out) {
  char norm[INET6_ADDRSTRLEN];
  int af = pp_dns_addr_normalize(host, strlen(host), norm, sizeof(norm));
  if (!af) af = numeric_ipv4(host, norm, sizeof(norm));
  if (af) {
    out->source = PP_DNS_SRC_LITERAL;
    if (af == AF_INET6 && family == PP_DNS_IPV4) return PP_ENOTFOUND;
    return pp_dns_answer_add(out, norm) ? PP_OK : PP_ENOMEM;
  }
  const pp_dns_entry_t *e = find_name(&r->overrides, host);
  if (e) {
    out->source = PP_DNS_SRC_OVERRIDE;
    return from_entry(out, e, family);
  }
  if ((e = find_name(&r->hosts, host)) != NULL) {
    out->source = PP_DNS_SRC_HOSTS;
    return from_entry(out, e, family);
  }
  out->source = r->offline ? PP_DNS_SRC_OFFLINE : PP_DNS_SRC_SERVER;
  if (r->offline || !*host || strlen(host) > 253) return PP_ENOTFOUND;
  return PP_EDNS;
}

/* Rule 5 with the lock held: system hosts file, then the cache. */
static pp_status_t server_steps(pp_resolver_t *r, const char *name, pp_dns_family_t family,
                                double deadline_ms, pp_dns_answer_t *out) {
  pp_status_t st = pp_dns_io_start(r);
  if (st != PP_OK) return st;
  const pp_dns_entry_t *e = find_name(&r->system_hosts, name);
  if (e && (st = from_entry(out, e, family)) != PP_ENOTFOUND) return st;
  return cache_lookup(r, name, family, deadline_ms, out);
}

/* Rule 5 through the system resolver (pp_dns_system_defers), the lock not
 * held while it waits; counted like a DNS lookup. */
static pp_status_t system_steps(pp_resolver_t *r, const char *name, pp_dns_family_t family,
                                double deadline_ms, pp_dns_answer_t *out) {
  pp_status_t st = pp_dns_system_lookup(name, family, r->timeout_ms, deadline_ms, out);
  pthread_mutex_lock(&r->lock);
  r->stats.lookups++;
  if (st == PP_ENOTFOUND) {
    r->stats.not_found++;
  } else if (st != PP_OK) {
    r->stats.errors++;
    r->stats.by_cause[st == PP_ENOMEM ? PP_DNS_FAIL_OTHER : out->failure]++;
  }
  pthread_mutex_unlock(&r->lock);
  return st;
}

static bool use_system(const pp_resolver_t *r) { return r->nservers == 0 && pp_dns_system_defers(); }

pp_status_t pp_resolver_lookup_until(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                                     double deadline_ms, pp_dns_answer_t *out) {
  memset(out, 0, sizeof(*out));
  double t0 = pp_dns_now_ms();
  pp_status_t st = local_steps(r, host, family, out);
  if (st == PP_EDNS) {
    char name[256];
    snprintf(name, sizeof(name), "%s", host);
    pp_ascii_lower(name);
    if (use_system(r)) {
      st = system_steps(r, name, family, deadline_ms, out);
    } else {
      pthread_mutex_lock(&r->lock);
      st = server_steps(r, name, family, deadline_ms, out);
      pthread_mutex_unlock(&r->lock);
    }
  }
  out->ms = pp_dns_now_ms() - t0;
  if (st == PP_OK) {
    out->failure = PP_DNS_FAIL_NONE;
  } else {
    pp_strlist_free(out->addrs, out->naddrs); /* failure carries no addresses */
    pp_strlist_free(out->cnames, out->ncnames);
    out->addrs = out->cnames = NULL;
    out->naddrs = out->ncnames = 0;
    if (out->failure == PP_DNS_FAIL_NONE) /* decided before DNS (rules 1-4), or no resolver */
      out->failure = st == PP_ENOTFOUND ? PP_DNS_FAIL_NOT_FOUND : PP_DNS_FAIL_OTHER;
  }
  return st;
}

pp_status_t pp_resolver_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out) {
  return pp_resolver_lookup_until(r, host, family, 0, out);
}

void pp_resolver_prefetch(pp_resolver_t *r, const char *host, pp_dns_family_t family) {
  pp_dns_answer_t probe;
  memset(&probe, 0, sizeof(probe));
  pp_status_t st = local_steps(r, host, family, &probe);
  pp_dns_answer_clear(&probe);
  if (st != PP_EDNS || use_system(r)) return; /* the system resolver has its own cache */
  char name[256];
  snprintf(name, sizeof(name), "%s", host);
  pp_ascii_lower(name);
  pthread_mutex_lock(&r->lock);
  if (pp_dns_io_start(r) == PP_OK && !pp_dns_table_find(&r->system_hosts, name)) {
    int qt[2];
    size_t n = qtypes_of(r, family, qt);
    for (size_t i = 0; i < n; i++) {
      bool sent = false;
      (void)acquire(r, name, qt[i], PP_DNS_Q_AHEAD, &sent);
      if (sent) r->stats.prefetched++;
    }
  }
  pthread_mutex_unlock(&r->lock);
}
