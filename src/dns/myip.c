/* SPDX-License-Identifier: MIT */
/*
 * myIpAddress()/myIpAddressEx(): the machine's own address as Chromium's
 * PacMyIpAddress finds it (net/proxy_resolution/pac_library.cc,
 * pac-semantics.md §2.3). Owns the probe stages and candidate selection;
 * the machine access (UDP route probe, hostname lookup) sits behind
 * pp_myip_ops_t so the selection is unit tested with fake answers.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dns/dns_int.h"
#include "util/str.h"

/*
 * Stages, each skipped once the search is done:
 *   1. route probes to 8.8.8.8 and 2001:4860:4860::8888 (public Internet);
 *   2. getaddrinfo(gethostname(), AF_UNSPEC);
 *   3. route probes to 10.0.0.0, 172.16.0.0, 192.168.0.0 and fc00::.
 * A route probe is a UDP socket connect()ed to port 80 followed by
 * getsockname(): connect() on UDP only picks a route, no packet is sent.
 * Each address found: loopback ignored; a repeat ignored; link-local
 * (169.254/16, ::ffff:169.254/112, fe80::/10) set aside as last resort;
 * otherwise a candidate. myIpAddress stops at the first IPv4 candidate
 * (crbug.com/905126); any stage that produced a candidate ends the search
 * (crbug.com/905366). Result: myIpAddress = first IPv4 candidate, else first
 * candidate, else the same rule over link-locals, else "127.0.0.1";
 * myIpAddressEx = all candidates, else one link-local (IPv4 preferred),
 * else nothing.
 */

#define MAX_SEEN 64

typedef struct addr {
  int family;
  unsigned char b[16];
} addr_t;

typedef struct collector {
  bool all;
  bool done;
  addr_t seen[MAX_SEEN], cand[MAX_SEEN], link[MAX_SEEN];
  size_t nseen, ncand, nlink;
} collector_t;

static bool parse(const char *text, addr_t *a) {
  memset(a, 0, sizeof(*a));
  a->family = strchr(text, ':') ? AF_INET6 : AF_INET;
  return inet_pton(a->family, text, a->b) == 1;
}

static bool is_v4_mapped(const addr_t *a) {
  static const unsigned char pfx[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return a->family == AF_INET6 && !memcmp(a->b, pfx, 12);
}

static bool is_loopback(const addr_t *a) {
  static const unsigned char one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return a->family == AF_INET ? a->b[0] == 127 : !memcmp(a->b, one, 16);
}

static bool is_link_local(const addr_t *a) {
  if (a->family == AF_INET) return a->b[0] == 169 && a->b[1] == 254;
  if (is_v4_mapped(a)) return a->b[12] == 169 && a->b[13] == 254;
  return a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80;
}

static void add(collector_t *c, const char *text) {
  addr_t a;
  if (c->done || !parse(text, &a) || is_loopback(&a)) return;
  for (size_t i = 0; i < c->nseen; i++)
    if (c->seen[i].family == a.family && !memcmp(c->seen[i].b, a.b, 16)) return;
  if (c->nseen == MAX_SEEN) return;
  c->seen[c->nseen++] = a;
  if (is_link_local(&a)) {
    c->link[c->nlink++] = a;
    return;
  }
  if (!c->all && a.family == AF_INET) c->done = true;
  c->cand[c->ncand++] = a;
}

static void probe_routes(collector_t *c, const pp_myip_ops_t *ops, const char *const *dests) {
  char local[INET6_ADDRSTRLEN];
  for (; *dests && !c->done; dests++)
    if (ops->route(ops->udata, *dests, local, sizeof(local))) add(c, local);
  if (c->ncand) c->done = true;
}

static void probe_hostname(collector_t *c, const pp_myip_ops_t *ops) {
  char **addrs = NULL;
  size_t n = 0;
  if (c->done || !ops->hostname(ops->udata, &addrs, &n)) return;
  for (size_t i = 0; i < n; i++) add(c, addrs[i]);
  pp_strlist_free(addrs, n);
  if (c->ncand) c->done = true;
}

/* Index of the first IPv4 address of v, else 0. */
static size_t favour_v4(const addr_t *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (v[i].family == AF_INET) return i;
  return 0;
}

static bool push(char ***out, size_t *n, const addr_t *a) {
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(a->family, a->b, buf, sizeof(buf))) return false;
  return pp_strlist_push(out, n, buf);
}

static pp_status_t result(const collector_t *c, char ***out, size_t *n) {
  bool ok = true;
  if (c->ncand && c->all) {
    for (size_t i = 0; i < c->ncand && ok; i++) ok = push(out, n, &c->cand[i]);
  } else if (c->ncand) {
    ok = push(out, n, &c->cand[favour_v4(c->cand, c->ncand)]);
  } else if (c->nlink) {
    ok = push(out, n, &c->link[favour_v4(c->link, c->nlink)]);
  } else if (!c->all) {
    ok = pp_strlist_push(out, n, "127.0.0.1");
  } else {
    *out = calloc(1, sizeof(**out)); /* an empty, but real, array */
    ok = *out != NULL;
  }
  return ok ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_myip_run(bool all, const pp_myip_ops_t *ops, char ***out, size_t *n) {
  static const char *const public_dests[] = {"8.8.8.8", "2001:4860:4860::8888", NULL};
  static const char *const private_dests[] = {"10.0.0.0", "172.16.0.0", "192.168.0.0", "fc00::",
                                              NULL};
  collector_t *c = calloc(1, sizeof(*c));
  *out = NULL;
  *n = 0;
  if (!c) return PP_ENOMEM;
  c->all = all;
  probe_routes(c, ops, public_dests);
  probe_hostname(c, ops);
  probe_routes(c, ops, private_dests);
  pp_status_t st = result(c, out, n);
  if (st != PP_OK) {
    pp_strlist_free(*out, *n);
    *out = NULL;
    *n = 0;
  }
  free(c);
  return st;
}

/* ---- the real machine --------------------------------------------------- */

bool pp_myip_route_source(void *udata, const char *dest, char *out, size_t outlen) {
  struct sockaddr_storage ss;
  socklen_t sl;
  memset(&ss, 0, sizeof(ss));
  (void)udata;
  if (strchr(dest, ':')) {
    struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
    s6->sin6_family = AF_INET6;
    s6->sin6_port = htons(80);
    if (inet_pton(AF_INET6, dest, &s6->sin6_addr) != 1) return false;
    sl = sizeof(*s6);
  } else {
    struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
    s4->sin_family = AF_INET;
    s4->sin_port = htons(80);
    if (inet_pton(AF_INET, dest, &s4->sin_addr) != 1) return false;
    sl = sizeof(*s4);
  }
  int fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  bool ok = connect(fd, (struct sockaddr *)&ss, sl) == 0; /* UDP: no packet leaves */
  sl = sizeof(ss);
  ok = ok && getsockname(fd, (struct sockaddr *)&ss, &sl) == 0;
  close(fd);
  if (!ok) return false;
  const void *src = ss.ss_family == AF_INET6 ? (const void *)&((struct sockaddr_in6 *)&ss)->sin6_addr
                                            : (const void *)&((struct sockaddr_in *)&ss)->sin_addr;
  return inet_ntop(ss.ss_family, src, out, (socklen_t)outlen) != NULL;
}

static bool real_hostname(void *udata, char ***addrs, size_t *n) {
  char name[256];
  struct addrinfo hints, *res = NULL;
  (void)udata;
  if (gethostname(name, sizeof(name) - 1) != 0) return false;
  name[sizeof(name) - 1] = '\0';
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM; /* one entry per address */
  hints.ai_flags = AI_ADDRCONFIG;
  if (getaddrinfo(name, NULL, &hints, &res) != 0) return false;
  for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
    char buf[INET6_ADDRSTRLEN];
    const void *src = ai->ai_family == AF_INET6
                          ? (const void *)&((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr
                          : (const void *)&((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr;
    if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
        inet_ntop(ai->ai_family, src, buf, sizeof(buf)))
      pp_strlist_push(addrs, n, buf); /* on ENOMEM the address is skipped */
  }
  freeaddrinfo(res);
  return true;
}

pp_status_t pp_myip_probe(bool all, char ***out, size_t *n) {
  const pp_myip_ops_t ops = {pp_myip_route_source, real_hostname, NULL};
  return pp_myip_run(all, &ops, out, n);
}
