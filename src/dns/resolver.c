/* SPDX-License-Identifier: MIT */
/*
 * pp_resolver_t: the DNS the PAC functions see (DESIGN §1.1, pac-semantics
 * §2.3). Owns the answer order and the c-ares lookups; the --resolve and
 * --hosts tables are table.c/overrides.c/hosts.c, server specs servers.c.
 * A blocking wrapper for now: each lookup runs its own small poll() loop
 * until it completes or the total timeout passes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <ares.h>

#include "dns/dns_int.h"
#include "pacprobe.h"
#include "util/str.h"

/*
 * Answer order (first rule that applies decides):
 *   1. IP literal -> itself, no lookup (an IPv6 literal has no IPv4 answer).
 *   2. --resolve override for the name (an empty one: does not resolve).
 *   3. --hosts entries for the name.
 *   4. --no-dns -> not found, source OFFLINE.
 *   5. c-ares ares_getaddrinfo (resolv.conf search list and /etc/hosts
 *      applied by c-ares), servers from --dns-server or the system's.
 * Rules 2 and 3 are authoritative: a name they list never reaches DNS, even
 * when the family filter leaves nothing (deterministic offline runs).
 *
 * Threads: a c-ares 1.18 channel must not be used by two threads at once.
 * Rather than one channel behind a mutex (one slow or dead server would
 * stall every engine for the whole timeout) each lookup borrows a channel
 * from a small pool and returns it afterwards; the mutex only guards the
 * pool. Pooling keeps resolv.conf from being re-read for every lookup.
 * Configuration (servers, timeout, tables) is set up before the resolver is
 * shared and is read-only afterwards; changing it drops pooled channels.
 *
 * Timeout: one budget for the whole lookup (all tries, all servers, both
 * families, search domains). c-ares gets a per-try timeout of a quarter of
 * the budget and 3 tries; when the budget runs out the channel is destroyed
 * (which completes the query with ARES_EDESTRUCTION) and not reused.
 */

#define DEFAULT_TIMEOUT_MS 5000u
#define POOL_MAX 8

struct pp_resolver {
  pp_dns_table_t overrides;
  pp_dns_table_t hosts;
  struct ares_addr_port_node *servers; /* array, linked through next */
  size_t nservers;
  bool offline;
  unsigned timeout_ms;
  pthread_mutex_t lock; /* guards idle, nidle, gen */
  ares_channel idle[POOL_MAX];
  size_t nidle;
  unsigned gen; /* bumped on configuration change */
};

typedef struct query {
  pp_dns_answer_t *out;
  int family;
  pp_status_t status;
  bool done;
} query_t;

static pthread_once_t ares_once = PTHREAD_ONCE_INIT;
static int ares_init_rc = ARES_ENOTINITIALIZED;

static void ares_init_once(void) { ares_init_rc = ares_library_init(ARES_LIB_INIT_ALL); }

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

pp_resolver_t *pp_resolver_new(void) {
  pthread_once(&ares_once, ares_init_once);
  pp_resolver_t *r = calloc(1, sizeof(*r));
  if (!r) return NULL;
  if (pthread_mutex_init(&r->lock, NULL) != 0) {
    free(r);
    return NULL;
  }
  r->timeout_ms = DEFAULT_TIMEOUT_MS;
  return r;
}

/* Destroys the pooled channels so the next lookups see new settings. */
static void flush_pool(pp_resolver_t *r) {
  pthread_mutex_lock(&r->lock);
  for (size_t i = 0; i < r->nidle; i++) ares_destroy(r->idle[i]);
  r->nidle = 0;
  r->gen++;
  pthread_mutex_unlock(&r->lock);
}

void pp_resolver_free(pp_resolver_t *r) {
  if (!r) return;
  flush_pool(r);
  pthread_mutex_destroy(&r->lock);
  pp_dns_table_free(&r->overrides);
  pp_dns_table_free(&r->hosts);
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
  flush_pool(r);
  return PP_OK;
}

void pp_resolver_set_offline(pp_resolver_t *r, bool offline) { r->offline = offline; }

void pp_resolver_set_timeout(pp_resolver_t *r, unsigned ms) {
  r->timeout_ms = ms ? ms : DEFAULT_TIMEOUT_MS;
  flush_pool(r);
}

void pp_dns_answer_clear(pp_dns_answer_t *a) {
  if (!a) return;
  pp_strlist_free(a->addrs, a->naddrs);
  memset(a, 0, sizeof(*a));
}

/* ---- c-ares ------------------------------------------------------------ */

static pp_status_t channel_new(const pp_resolver_t *r, ares_channel *out) {
  struct ares_options o;
  memset(&o, 0, sizeof(o));
  o.timeout = (int)(r->timeout_ms / 4 > 50 ? r->timeout_ms / 4 : 50);
  o.tries = 3;
  ares_channel ch;
  int rc = ares_init_options(&ch, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
  if (rc != ARES_SUCCESS) return rc == ARES_ENOMEM ? PP_ENOMEM : PP_EDNS;
  if (r->nservers) rc = ares_set_servers_ports(ch, r->servers);
  if (rc != ARES_SUCCESS) {
    ares_destroy(ch);
    return rc == ARES_ENOMEM ? PP_ENOMEM : PP_EDNS;
  }
  *out = ch;
  return PP_OK;
}

static pp_status_t channel_take(pp_resolver_t *r, ares_channel *ch, unsigned *gen) {
  pthread_mutex_lock(&r->lock);
  *gen = r->gen;
  bool pooled = r->nidle > 0;
  if (pooled) *ch = r->idle[--r->nidle];
  pthread_mutex_unlock(&r->lock);
  return pooled ? PP_OK : channel_new(r, ch);
}

static void channel_give(pp_resolver_t *r, ares_channel ch, unsigned gen) {
  pthread_mutex_lock(&r->lock);
  bool keep = gen == r->gen && r->nidle < POOL_MAX;
  if (keep) r->idle[r->nidle++] = ch;
  pthread_mutex_unlock(&r->lock);
  if (!keep) ares_destroy(ch);
}

static pp_status_t map_ares(int status) {
  switch (status) {
  case ARES_SUCCESS: return PP_OK;
  case ARES_ENOTFOUND:
  case ARES_ENODATA:
  case ARES_ENONAME:
  case ARES_EBADNAME:
  case ARES_EBADFAMILY: return PP_ENOTFOUND;
  case ARES_ENOMEM: return PP_ENOMEM;
  default: return PP_EDNS; /* timeout, refused, server failure, destroyed */
  }
}

static void on_addrinfo(void *arg, int status, int timeouts, struct ares_addrinfo *res) {
  query_t *q = arg;
  (void)timeouts;
  q->done = true;
  q->status = map_ares(status);
  for (struct ares_addrinfo_node *n = res ? res->nodes : NULL; n && q->status == PP_OK;
       n = n->ai_next) {
    char buf[INET6_ADDRSTRLEN];
    const void *src = NULL;
    if (n->ai_family == AF_INET) src = &((const struct sockaddr_in *)(void *)n->ai_addr)->sin_addr;
    else if (n->ai_family == AF_INET6 && q->family != AF_INET)
      src = &((const struct sockaddr_in6 *)(void *)n->ai_addr)->sin6_addr;
    if (!src || !inet_ntop(n->ai_family, src, buf, sizeof(buf))) continue;
    if (!pp_dns_answer_add(q->out, buf)) q->status = PP_ENOMEM;
  }
  if (q->status == PP_OK && q->out->naddrs == 0) q->status = PP_ENOTFOUND;
  if (res) ares_freeaddrinfo(res);
}

/* One poll() round over the channel's sockets, at most `left` ms. */
static bool poll_once(ares_channel ch, double left) {
  ares_socket_t socks[ARES_GETSOCK_MAXNUM];
  struct pollfd pfd[ARES_GETSOCK_MAXNUM];
  nfds_t n = 0;
  int bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM);
  /* Bits tested unsigned: c-ares' ARES_GETSOCK_WRITABLE shifts a signed 1
   * into the sign bit for the 16th socket (undefined behaviour). */
  unsigned ubits = (unsigned)bits;
  for (unsigned i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
    short ev = (short)((((ubits >> i) & 1u) ? POLLIN : 0) |
                       (((ubits >> (i + ARES_GETSOCK_MAXNUM)) & 1u) ? POLLOUT : 0));
    if (!ev) continue;
    pfd[n].fd = socks[i];
    pfd[n].events = ev;
    pfd[n++].revents = 0;
  }
  struct timeval maxtv = {(time_t)(left / 1000), (suseconds_t)((long)left % 1000 * 1000)}, tv;
  struct timeval *tvp = ares_timeout(ch, &maxtv, &tv);
  int ms = (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
  int rc = poll(pfd, n, ms > 0 ? ms : 1);
  if (rc < 0 && errno != EINTR) return false;
  for (nfds_t i = 0; rc > 0 && i < n; i++) {
    if (!pfd[i].revents) continue;
    ares_socket_t rfd = (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) ? pfd[i].fd : ARES_SOCKET_BAD;
    ares_socket_t wfd = (pfd[i].revents & POLLOUT) ? pfd[i].fd : ARES_SOCKET_BAD;
    ares_process_fd(ch, rfd, wfd);
  }
  ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD); /* expire timeouts */
  return true;
}

static pp_status_t ares_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out) {
  if (ares_init_rc != ARES_SUCCESS) return PP_EDNS;
  ares_channel ch;
  unsigned gen;
  pp_status_t st = channel_take(r, &ch, &gen);
  if (st != PP_OK) return st;
  query_t q = {out, family == PP_DNS_IPV4 ? AF_INET : AF_UNSPEC, PP_EDNS, false};
  struct ares_addrinfo_hints hints;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = q.family;
  hints.ai_socktype = SOCK_STREAM;
  double deadline = now_ms() + r->timeout_ms;
  ares_getaddrinfo(ch, host, NULL, &hints, on_addrinfo, &q);
  double left;
  while (!q.done && (left = deadline - now_ms()) > 0)
    if (!poll_once(ch, left)) break;
  if (!q.done) {
    ares_destroy(ch); /* completes q with ARES_EDESTRUCTION while q is alive */
    q.status = PP_EDNS;
    return PP_EDNS;
  }
  channel_give(r, ch, gen);
  return q.status;
}

/* ---- the answer order -------------------------------------------------- */

static pp_status_t from_entry(pp_dns_answer_t *out, const pp_dns_entry_t *e, pp_dns_family_t family) {
  if (!pp_dns_answer_add_entry(out, e, family)) return PP_ENOMEM;
  return out->naddrs ? PP_OK : PP_ENOTFOUND;
}

static pp_status_t lookup_steps(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                                pp_dns_answer_t *out) {
  char norm[INET6_ADDRSTRLEN];
  int af = pp_dns_addr_normalize(host, strlen(host), norm, sizeof(norm));
  if (af) {
    out->source = PP_DNS_SRC_LITERAL;
    if (af == AF_INET6 && family == PP_DNS_IPV4) return PP_ENOTFOUND;
    return pp_dns_answer_add(out, norm) ? PP_OK : PP_ENOMEM;
  }
  const pp_dns_entry_t *e = pp_dns_table_find(&r->overrides, host);
  if (e) {
    out->source = PP_DNS_SRC_OVERRIDE;
    return from_entry(out, e, family);
  }
  if ((e = pp_dns_table_find(&r->hosts, host)) != NULL) {
    out->source = PP_DNS_SRC_HOSTS;
    return from_entry(out, e, family);
  }
  out->source = r->offline ? PP_DNS_SRC_OFFLINE : PP_DNS_SRC_SERVER;
  if (r->offline || !*host) return PP_ENOTFOUND;
  return ares_lookup(r, host, family, out);
}

pp_status_t pp_resolver_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out) {
  memset(out, 0, sizeof(*out));
  double t0 = now_ms();
  pp_status_t st = lookup_steps(r, host, family, out);
  out->ms = now_ms() - t0;
  if (st != PP_OK) {
    pp_strlist_free(out->addrs, out->naddrs); /* failure carries no addresses */
    out->addrs = NULL;
    out->naddrs = 0;
  }
  return st;
}
