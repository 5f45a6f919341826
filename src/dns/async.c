/* SPDX-License-Identifier: MIT */
/*
 * The resolver's I/O thread: one c-ares channel that only this thread
 * touches, two send queues (lookups a script waits for first, then names
 * resolved ahead), at most PP_DNS_MAX_INFLIGHT queries in flight, and the
 * search list applied per query so each answer (positive or negative) can be
 * cached with its own TTL. Every function here runs with r->lock held; the
 * thread drops it only while it sleeps in poll().
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/str.h"

/* Server failures are remembered briefly so a dead server is not asked for
 * the same name by every URL; a name without SOA in its negative answer
 * keeps it this long (RFC 2308 leaves it to the resolver; we only cache per
 * run). Negative TTLs are capped at RFC 2308's suggested maximum. */
#define ERROR_TTL_MS 5000.0
#define NEG_DEFAULT_MS 60000.0
#define NEG_MAX_MS (3.0 * 3600 * 1000)

void pp_dns_library_init(void) { (void)ares_library_init(ARES_LIB_INIT_ALL); }

double pp_dns_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void pp_dns_finish(pp_resolver_t *r, pp_dns_centry_t *e, pp_status_t status,
                   pp_dns_failure_t failure, char **addrs, size_t naddrs, double ttl_ms) {
  pp_strlist_free(e->addrs, e->naddrs);
  pp_strlist_free(e->cnames, e->ncnames); /* on_answer sets the new chain after */
  e->cnames = NULL;
  e->ncnames = 0;
  e->addrs = addrs;
  e->naddrs = naddrs;
  e->status = status;
  e->failure = status == PP_OK ? PP_DNS_FAIL_NONE : failure;
  e->state = PP_DNS_READY;
  e->asking = false;
  e->expires = pp_dns_now_ms() + ttl_ms;
  pthread_cond_broadcast(&r->answered);
}

/* ---- search candidates --------------------------------------------------- */

/* c-ares/glibc rule: a name with at least ndots dots is tried as given
 * first, one with fewer after the search domains; a trailing dot means
 * "as given only". */
static size_t ncandidates(const pp_resolver_t *r, const char *name) {
  size_t len = strlen(name);
  return len && name[len - 1] == '.' ? 1 : r->io.ndomains + 1;
}

static bool candidate(const pp_resolver_t *r, const char *name, unsigned i, char *out, size_t cap) {
  size_t len = strlen(name), dots = 0;
  for (size_t k = 0; k < len; k++) dots += name[k] == '.';
  if (len && name[len - 1] == '.') return (size_t)snprintf(out, cap, "%.*s", (int)len - 1, name) < cap;
  bool as_is_first = dots >= (size_t)(r->io.ndots > 0 ? r->io.ndots : 1);
  size_t as_is = as_is_first ? 0 : r->io.ndomains;
  if (i == as_is) return (size_t)snprintf(out, cap, "%s", name) < cap;
  size_t d = as_is_first ? i - 1 : i;
  return (size_t)snprintf(out, cap, "%s.%s", name, r->io.domains[d]) < cap;
}

/* ---- answers --------------------------------------------------------------- */

static void send_query(pp_resolver_t *r, pp_dns_centry_t *e);

/* Asks the next candidate, or ends the lookup as not found / failed. */
static void next_candidate(pp_resolver_t *r, pp_dns_centry_t *e) {
  if (++e->cand < ncandidates(r, e->name)) {
    send_query(r, e);
    return;
  }
  /* A SERVFAIL on one candidate and NXDOMAIN on the others is a failure,
   * not "does not exist": the name may exist behind the failing zone. */
  if (e->soft != PP_DNS_FAIL_NONE) pp_dns_finish(r, e, PP_EDNS, e->soft, NULL, 0, ERROR_TTL_MS);
  else pp_dns_finish(r, e, PP_ENOTFOUND, PP_DNS_FAIL_NOT_FOUND, NULL, 0, e->neg_ttl_ms);
}

static void note_negative(pp_dns_centry_t *e, const unsigned char *abuf, int alen) {
  long s = abuf ? pp_dns_negative_ttl(abuf, (size_t)alen) : -1;
  double ms = s < 0 ? NEG_DEFAULT_MS : (double)s * 1000.0;
  if (ms > NEG_MAX_MS) ms = NEG_MAX_MS;
  if (ms < e->neg_ttl_ms) e->neg_ttl_ms = ms;
}

/* c-ares callback, called inside ares_query/ares_process_fd/ares_destroy,
 * all of which this file calls with r->lock held. */
static void on_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen) {
  pp_dns_centry_t *e = arg;
  pp_resolver_t *r = e->owner;
  (void)timeouts;
  r->io.inflight--;
  e->asking = false;
  if (status == ARES_SUCCESS) {
    char **addrs;
    size_t n;
    long ttl;
    pp_status_t st = pp_dns_parse_answers(abuf, (size_t)alen, e->qtype, &addrs, &n, &ttl);
    if (st == PP_OK && n) {
      pp_dns_finish(r, e, PP_OK, PP_DNS_FAIL_NONE, addrs, n, (double)ttl * 1000.0);
      /* the alias chain is extra: a chain that cannot be had leaves none */
      if (pp_dns_parse_chain(abuf, (size_t)alen, &e->cnames, &e->ncnames) != PP_OK) e->ncnames = 0;
      return;
    }
    if (st != PP_OK) { /* c-ares took the header; the records are cut or malformed */
      pp_dns_finish(r, e, st, st == PP_ENOMEM ? PP_DNS_FAIL_OTHER : PP_DNS_FAIL_BAD_ANSWER, NULL, 0,
                    0);
      return;
    }
    status = ARES_ENODATA; /* e.g. only a CNAME */
  }
  if (status == ARES_ENOTFOUND || status == ARES_ENODATA) note_negative(e, abuf, alen);
  if (status == ARES_ENOTFOUND || status == ARES_ENODATA || status == ARES_ESERVFAIL) {
    if (status == ARES_ESERVFAIL) e->soft = PP_DNS_FAIL_SERVFAIL;
    if (r->io.ch && !r->io.stopping) {
      next_candidate(r, e);
      return;
    }
  }
  bool gone = status == ARES_EDESTRUCTION || status == ARES_ECANCELLED;
  pp_dns_finish(r, e, status == ARES_ENOMEM ? PP_ENOMEM : PP_EDNS,
                pp_dns_failure_worse(e->soft, pp_dns_failure_of_ares(status)), NULL, 0,
                gone ? 0 : ERROR_TTL_MS);
}

static void send_query(pp_resolver_t *r, pp_dns_centry_t *e) {
  char name[300];
  if (!candidate(r, e->name, e->cand, name, sizeof(name))) {
    next_candidate(r, e); /* too long with this domain: not a name */
    return;
  }
  e->asking = true;
  r->io.inflight++;
  r->stats.queries_sent++;
  ares_query(r->io.ch, name, 1 /* C_IN */, e->qtype == PP_DNS_QA ? 1 : 28, on_answer, e);
}

/* ---- queues ------------------------------------------------------------------ */

void pp_dns_io_submit(pp_resolver_t *r, pp_dns_centry_t *e, int q) {
  if (e->inq & (1u << q)) return;
  e->inq = (unsigned char)(e->inq | (1u << q));
  e->qnext[q] = NULL;
  if (r->io.tail[q]) r->io.tail[q]->qnext[q] = e;
  else r->io.head[q] = e;
  r->io.tail[q] = e;
  if (!r->io.woken) {
    r->io.woken = true;
    pp_os_wake_signal(r->io.wake[1]); /* a full channel already wakes the thread */
  }
}

static pp_dns_centry_t *pop(pp_resolver_t *r, int q) {
  pp_dns_centry_t *e = r->io.head[q];
  if (!e) return NULL;
  r->io.head[q] = e->qnext[q];
  if (!r->io.head[q]) r->io.tail[q] = NULL;
  e->inq = (unsigned char)(e->inq & ~(1u << q));
  return e;
}

static void start_queued(pp_resolver_t *r) {
  for (int q = PP_DNS_Q_URGENT; q <= PP_DNS_Q_AHEAD; q++) {
    pp_dns_centry_t *e;
    while (r->io.inflight < PP_DNS_MAX_INFLIGHT && (e = pop(r, q)) != NULL) {
      if (e->state != PP_DNS_PENDING || e->asking) continue; /* queued twice */
      e->cand = 0;
      e->soft = PP_DNS_FAIL_NONE;
      e->neg_ttl_ms = NEG_MAX_MS;
      send_query(r, e);
    }
  }
}

/* ---- the thread -------------------------------------------------------------- */

static size_t gather(pp_resolver_t *r, struct pollfd *pfd) {
  ares_socket_t socks[ARES_GETSOCK_MAXNUM];
  unsigned bits = (unsigned)ares_getsock(r->io.ch, socks, ARES_GETSOCK_MAXNUM);
  size_t n = 0;
  pfd[n++] = (struct pollfd){r->io.wake[0], POLLIN, 0};
  for (unsigned i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
    /* bits tested unsigned: ARES_GETSOCK_WRITABLE shifts into the sign bit */
    short ev = (short)((((bits >> i) & 1u) ? POLLIN : 0) |
                       (((bits >> (i + ARES_GETSOCK_MAXNUM)) & 1u) ? POLLOUT : 0));
    if (ev) pfd[n++] = (struct pollfd){socks[i], ev, 0};
  }
  return n;
}

static void *io_main(void *arg) {
  pp_resolver_t *r = arg;
  pthread_mutex_lock(&r->lock);
  while (!r->io.stopping) {
    start_queued(r);
    struct pollfd pfd[ARES_GETSOCK_MAXNUM + 1];
    size_t n = gather(r, pfd);
    struct timeval maxtv = {1, 0}, tv;
    struct timeval *tvp = ares_timeout(r->io.ch, &maxtv, &tv);
    int ms = (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
    pthread_mutex_unlock(&r->lock);
    int rc = pp_os_poll(pfd, n, ms);
    pthread_mutex_lock(&r->lock);
    if (rc < 0) break;
    if (pfd[0].revents) {
      pp_os_wake_drain(r->io.wake[0]);
      r->io.woken = false;
    }
    for (size_t i = 1; rc > 0 && i < n && !r->io.stopping; i++) {
      if (!pfd[i].revents) continue;
      ares_socket_t rfd = (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) ? pfd[i].fd : ARES_SOCKET_BAD;
      ares_socket_t wfd = (pfd[i].revents & POLLOUT) ? pfd[i].fd : ARES_SOCKET_BAD;
      ares_process_fd(r->io.ch, rfd, wfd);
    }
    ares_process_fd(r->io.ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD); /* expire timeouts */
  }
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

/* ---- start / stop ------------------------------------------------------------ */

static int channel_init(pp_resolver_t *r, int flags) {
  struct ares_options o;
  memset(&o, 0, sizeof(o));
  /* A quarter of the lookup budget per try, 3 tries; the lookup itself
   * gives up at the budget (resolver.c) even if c-ares backs off longer. */
  o.timeout = (int)(r->timeout_ms / 4 > 50 ? r->timeout_ms / 4 : 50);
  o.tries = 3;
  o.flags = flags;
  int rc = ares_init_options(&r->io.ch, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS);
  if (rc == ARES_SUCCESS && r->nservers) rc = ares_set_servers_ports(r->io.ch, r->servers);
  return rc;
}

static int count_servers(ares_channel ch) {
  struct ares_addr_port_node *list = NULL;
  if (ares_get_servers_ports(ch, &list) != ARES_SUCCESS) return 0;
  int n = 0;
  for (const struct ares_addr_port_node *p = list; p; p = p->next) n++;
  ares_free_data(list);
  return n;
}

static pp_status_t channel_new(pp_resolver_t *r) {
  int rc = channel_init(r, 0);
  /* c-ares answers SERVFAIL, REFUSED and NOTIMP by asking the next server
   * and, when none is left, fails with ECONNREFUSED, hiding the RCODE. With
   * a single server there is no next one to ask: let those answers through
   * (NOCHECKRESP) so the failure is named. With several servers the
   * fail-over is kept (docs/engine.md "DNS failures"). */
  if (rc == ARES_SUCCESS && count_servers(r->io.ch) == 1) {
    ares_destroy(r->io.ch);
    r->io.ch = NULL;
    rc = channel_init(r, ARES_FLAG_NOCHECKRESP);
  }
  if (rc == ARES_SUCCESS) {
    struct ares_options saved;
    int mask = 0;
    rc = ares_save_options(r->io.ch, &saved, &mask);
    if (rc != ARES_SUCCESS) return rc == ARES_ENOMEM ? PP_ENOMEM : PP_EDNS;
    r->io.ndots = saved.ndots;
    for (int i = 0; rc == ARES_SUCCESS && i < saved.ndomains; i++)
      if (!pp_strlist_push(&r->io.domains, &r->io.ndomains, saved.domains[i])) rc = ARES_ENOMEM;
    ares_destroy_options(&saved);
  }
  return rc == ARES_SUCCESS ? PP_OK : rc == ARES_ENOMEM ? PP_ENOMEM : PP_EDNS;
}

/* RFC 6724 in one bit: AAAA answers first only where IPv6 is routable (a
 * UDP "connect" sends nothing, it only asks the routing table). */
static bool ipv6_routable(void) {
  pp_sock_t fd = pp_os_udp_socket(AF_INET6);
  if (fd == PP_SOCK_BAD) return false;
  struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons(53)};
  inet_pton(AF_INET6, "2001:4860:4860::8888", &sa.sin6_addr);
  bool ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
  pp_os_sock_close(fd);
  return ok;
}

pp_status_t pp_dns_io_start(pp_resolver_t *r) {
  if (r->io.running) return PP_OK;
  const char *hosts = getenv("CARES_HOSTS") ? getenv("CARES_HOSTS") : "/etc/hosts";
  if (!r->system_hosts.cap) (void)pp_dns_hosts_load(&r->system_hosts, hosts, NULL, 0);
  r->v6_first = ipv6_routable();
  pp_status_t st = channel_new(r);
  if (st == PP_OK && !pp_os_wake_open(r->io.wake)) st = PP_EDNS;
  else if (st == PP_OK && pthread_create(&r->io.thread, NULL, io_main, r) != 0) {
    pp_os_wake_close(r->io.wake);
    st = PP_EDNS;
  }
  if (st != PP_OK) {
    if (r->io.ch) ares_destroy(r->io.ch);
    r->io.ch = NULL;
    pp_strlist_free(r->io.domains, r->io.ndomains);
    r->io.domains = NULL;
    r->io.ndomains = 0;
    return st;
  }
  r->io.running = true;
  return PP_OK;
}

void pp_dns_io_stop(pp_resolver_t *r) {
  pthread_mutex_lock(&r->lock);
  if (!r->io.running) {
    pthread_mutex_unlock(&r->lock);
    return;
  }
  r->io.stopping = true;
  pp_os_wake_signal(r->io.wake[1]);
  pthread_mutex_unlock(&r->lock);
  pthread_join(r->io.thread, NULL);
  pthread_mutex_lock(&r->lock);
  ares_destroy(r->io.ch); /* in-flight queries end with ARES_EDESTRUCTION */
  r->io.ch = NULL;
  for (int q = 0; q < 2; q++) {
    pp_dns_centry_t *e;
    while ((e = pop(r, q)) != NULL)
      if (e->state == PP_DNS_PENDING) pp_dns_finish(r, e, PP_EDNS, PP_DNS_FAIL_OTHER, NULL, 0, 0);
  }
  pp_os_wake_close(r->io.wake);
  pp_strlist_free(r->io.domains, r->io.ndomains);
  memset(&r->io, 0, sizeof(r->io));
  pthread_mutex_unlock(&r->lock);
}
