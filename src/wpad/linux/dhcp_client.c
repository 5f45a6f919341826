/* SPDX-License-Identifier: MIT */
/*
 * The DHCPINFORM client (docs/wpad-discovery.md §2.2-2.3): picks the IPv4
 * interfaces, sends one INFORM per interface (broadcast, and unicast to a
 * known server), collects every DHCPACK within the timeout and turns each
 * into a trace line. Packet bytes are dhcp.c's; deciding is discover.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/str.h"
#include "wpad/wpad_int.h"

/*
 * Sockets and ports:
 *   1. One UDP socket per interface, SO_BINDTODEVICE to it, so the
 *      broadcast leaves through that interface even without a default
 *      route (IP_PKTINFO with the interface index is used as well, and
 *      alone when SO_BINDTODEVICE is refused).
 *   2. Bound to port 68 when possible (root; SO_REUSEADDR beside a running
 *      DHCP client): RFC 2131 servers (ISC dhcpd, Kea, Windows) answer an
 *      INFORM at ciaddr:68. Otherwise an ephemeral port, which dnsmasq
 *      answers (it replies to the source address and port), and the trace
 *      says so because a strict server's reply would never arrive.
 *   3. Broadcast to 255.255.255.255:67 with one xid, and, when a lease names
 *      the server, unicast to it with another xid (the draft recommends
 *      unicast); the xid tells which request a reply answers.
 *   4. Replies are collected until the timeout, but at most 400 ms after
 *      the first DHCPACK (Chromium's wait for more adapters after the first
 *      result, dhcp_pac_file_fetcher_win.cc), so a second server on the
 *      segment is still heard without waiting out the whole timeout.
 */

#define GRACE_MS 400.0
/* Replies recorded per interface: a flood of ACKs within the grace period
 * (issue 10, tests/lab/test_faults_dhcp.sh) must not grow the trace without
 * bound; real segments have one or two servers. */
#define MAX_ACKS 8u

typedef struct probe {
  const pp_wpad_iface_t *ifc;
  int fd;
  uint32_t xid_bcast, xid_ucast;
  int port;
  char how[200]; /* how it was sent: port, binding */
  double sent_at;
  unsigned acks;
  unsigned bad;
  char bad_reason[200];
} probe_t;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static uint32_t random_xid(void) {
  uint32_t x = 0;
  if (getrandom(&x, sizeof(x), GRND_NONBLOCK) != (ssize_t)sizeof(x))
    x = (uint32_t)getpid() ^ (uint32_t)(now_ms() * 1000.0);
  return x;
}

/* ---- interfaces ---------------------------------------------------------- */

static pp_wpad_iface_t *find_or_add(pp_wpad_iface_t **v, size_t *n, const char *name) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp((*v)[i].name, name)) return &(*v)[i];
  pp_wpad_iface_t *nv = realloc(*v, (*n + 1) * sizeof(*nv));
  if (!nv) return NULL;
  *v = nv;
  memset(&nv[*n], 0, sizeof(nv[*n]));
  snprintf(nv[*n].name, sizeof(nv[*n].name), "%s", name);
  nv[*n].index = if_nametoindex(name);
  return &nv[(*n)++];
}

static bool collect(struct ifaddrs *list, pp_wpad_iface_t **all, size_t *nall, bool *has4) {
  size_t i = 0;
  for (struct ifaddrs *a = list; a; a = a->ifa_next, i++) {
    if (!a->ifa_addr || (a->ifa_flags & IFF_LOOPBACK)) continue;
    pp_wpad_iface_t *f = find_or_add(all, nall, a->ifa_name);
    if (!f) return false;
    if (a->ifa_addr->sa_family == AF_PACKET) {
      const struct sockaddr_ll *ll = (const void *)a->ifa_addr;
      if (ll->sll_halen == 6) memcpy(f->mac, ll->sll_addr, 6);
    } else if (a->ifa_addr->sa_family == AF_INET && (a->ifa_flags & IFF_UP) && !has4[f - *all]) {
      memcpy(f->addr, &((const struct sockaddr_in *)(const void *)a->ifa_addr)->sin_addr, 4);
      has4[f - *all] = true;
    }
  }
  return true;
}

pp_status_t pp_wpad_dhcp_interfaces(const char *const *names, size_t n, pp_wpad_iface_t **out,
                                    size_t *nout, char *err, size_t errlen) {
  struct ifaddrs *list = NULL;
  pp_wpad_iface_t *all = NULL;
  size_t nall = 0, count = 0;
  bool *has4 = NULL;
  pp_status_t st = PP_ENOMEM;
  *out = NULL;
  *nout = 0;
  if (getifaddrs(&list) != 0) {
    pp_set_err(err, errlen, "cannot list interfaces: %s", strerror(errno));
    return PP_EIO;
  }
  for (struct ifaddrs *a = list; a; a = a->ifa_next) count++;
  if (!(has4 = calloc(count + 1, sizeof(*has4))) || !collect(list, &all, &nall, has4)) goto done;
  pp_wpad_iface_t *v = calloc(nall + n + 1, sizeof(*v));
  if (!v) goto done;
  size_t k = 0;
  for (size_t i = 0; names && i < n; i++) {
    size_t j = 0;
    while (j < nall && strcmp(all[j].name, names[i])) j++;
    if (j == nall || !has4[j]) {
      pp_set_err(err, errlen, "interface %s %s", names[i],
                 j == nall ? "does not exist (or is loopback)" : "has no IPv4 address");
      free(v);
      st = PP_EINVAL;
      goto done;
    }
    v[k++] = all[j];
  }
  for (size_t j = 0; !n && j < nall; j++)
    if (has4[j]) v[k++] = all[j];
  *out = v;
  *nout = k;
  st = PP_OK;
done:
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  free(has4);
  free(all);
  freeifaddrs(list);
  return st;
}

/* ---- sending --------------------------------------------------------------- */

static int open_socket(probe_t *p) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -errno;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
  bool dev = setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, p->ifc->name, (socklen_t)strlen(p->ifc->name)) == 0;
  int dev_errno = errno;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(68)};
  int e68 = 0;
  if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
    e68 = errno;
    sa.sin_port = 0;
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
      int e = errno;
      close(fd);
      return -e;
    }
  }
  socklen_t sl = sizeof(sa);
  getsockname(fd, (struct sockaddr *)&sa, &sl);
  p->port = ntohs(sa.sin_port);
  int w = e68 ? snprintf(p->how, sizeof(p->how), "port 68 unavailable (%s), sent from port %d", strerror(e68), p->port)
              : snprintf(p->how, sizeof(p->how), "sent from port 68");
  if (!dev && w > 0 && (size_t)w < sizeof(p->how))
    snprintf(p->how + w, sizeof(p->how) - (size_t)w, ", SO_BINDTODEVICE refused (%s), IP_PKTINFO used",
             strerror(dev_errno));
  return fd;
}

static bool send_to(probe_t *p, const uint8_t *dst, uint32_t xid) {
  uint8_t pkt[PP_DHCP_MAX_LEN];
  size_t len = pp_dhcp_build_inform(pkt, sizeof(pkt), xid, p->ifc->mac, p->ifc->addr);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(67)};
  memcpy(&to.sin_addr, dst, 4);
  struct iovec iov = {pkt, len};
  union {
    char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
    struct cmsghdr align;
  } ctl;
  memset(&ctl, 0, sizeof(ctl));
  struct msghdr mh = {.msg_name = &to, .msg_namelen = sizeof(to), .msg_iov = &iov, .msg_iovlen = 1,
                      .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf)};
  struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = IPPROTO_IP;
  c->cmsg_type = IP_PKTINFO;
  c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
  struct in_pktinfo pi;
  memset(&pi, 0, sizeof(pi));
  pi.ipi_ifindex = (int)p->ifc->index;
  memcpy(&pi.ipi_spec_dst, p->ifc->addr, 4);
  memcpy(CMSG_DATA(c), &pi, sizeof(pi));
  return sendmsg(p->fd, &mh, 0) == (ssize_t)len;
}

/* ---- replies ------------------------------------------------------------------ */

static pp_status_t add_reply(pp_discovery_t *d, probe_t *p, const pp_dhcp_msg_t *m,
                             const struct sockaddr_in *from, double ms) {
  char srv[INET_ADDRSTRLEN] = "", src[INET_ADDRSTRLEN] = "", removed[64] = "", via[64];
  inet_ntop(AF_INET, m->server_id, srv, sizeof(srv));
  inet_ntop(AF_INET, &from->sin_addr, src, sizeof(src));
  if (m->xid == p->xid_ucast) snprintf(via, sizeof(via), "unicast %u.%u.%u.%u", p->ifc->server[0],
                                       p->ifc->server[1], p->ifc->server[2], p->ifc->server[3]);
  else snprintf(via, sizeof(via), "broadcast");
  const char *result = m->msg_type == PP_DHCP_NAK ? "nak" : m->has_252 ? "url" : "no-option-252";
  pp_wpad_attempt_t *a = pp_wpad_trace_add(d, PP_WPAD_DHCP, p->ifc->name, via, result);
  char *url = NULL, *raw = NULL;
  if (!a || (m->has_252 && pp_dhcp_clean_252(m->v252, m->v252_len, &url, removed, sizeof(removed)) != PP_OK))
    return PP_ENOMEM;
  a->ms = ms;
  a->answer = url;
  bool ok = !m->has_server_id || (a->server = strdup(srv)) != NULL;
  if (m->has_252 && !(raw = pp_dhcp_escape(m->v252, m->v252_len))) ok = false;
  ok = ok && pp_wpad_set(&a->detail, "ACK from %s:%d, %s%s%s%s%s", src, ntohs(from->sin_port), p->how,
                         raw ? "; option 252 raw \"" : "", raw ? raw : "", raw ? "\"" : "",
                         m->v252_parts > 1 ? " (concatenated from several instances)" : "");
  if (ok && *removed)
    ok = pp_wpad_warn(d, "dhcp-252-trimmed", "%s: server %s sent option 252 with a %s (\"%s\"); Chromium "
                      "removes it, other clients may use the value as is", p->ifc->name, srv, removed, raw);
  if (ok && m->v252_len == 255)
    ok = pp_wpad_warn(d, "dhcp-252-long", "%s: option 252 from %s is 255 bytes, the most one option "
                      "holds: the URL may be truncated", p->ifc->name, srv);
  free(raw);
  return ok ? PP_OK : PP_ENOMEM;
}

static pp_status_t on_readable(pp_discovery_t *d, probe_t *p, double *first_ack) {
  uint8_t pkt[PP_DHCP_MAX_LEN + 500];
  struct sockaddr_in from;
  socklen_t fl = sizeof(from);
  ssize_t n = recvfrom(p->fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &fl);
  if (n < 0) return PP_OK;
  pp_dhcp_msg_t m;
  char err[200];
  if (pp_dhcp_parse(pkt, (size_t)n, &m, err, sizeof(err)) != PP_OK) {
    p->bad++;
    snprintf(p->bad_reason, sizeof(p->bad_reason), "%s", err);
    return PP_OK;
  }
  if (m.op != 2 || (m.xid != p->xid_bcast && m.xid != p->xid_ucast)) return PP_OK; /* not ours */
  if (m.msg_type != PP_DHCP_ACK && m.msg_type != PP_DHCP_NAK) return PP_OK;
  double t = now_ms();
  if (*first_ack == 0) *first_ack = t;
  if (++p->acks > MAX_ACKS) return PP_OK;
  return add_reply(d, p, &m, &from, t - p->sent_at);
}

static pp_status_t silent(pp_discovery_t *d, const probe_t *p, unsigned timeout_ms, double ms) {
  const char *result = p->fd < 0 ? "error" : p->bad ? "bad-reply" : "no-reply";
  pp_wpad_attempt_t *a = pp_wpad_trace_add(d, PP_WPAD_DHCP, p->ifc->name,
                                           p->ifc->has_server ? "broadcast+unicast" : "broadcast", result);
  if (!a) return PP_ENOMEM;
  a->ms = ms;
  bool ok;
  if (p->fd < 0) ok = pp_wpad_set(&a->detail, "%s", p->how);
  else if (p->bad) ok = pp_wpad_set(&a->detail, "%u malformed repl%s ignored: %s", p->bad,
                                    p->bad == 1 ? "y" : "ies", p->bad_reason);
  else ok = pp_wpad_set(&a->detail, "no DHCPACK within %u ms (%s)%s", timeout_ms, p->how,
                        p->port == 68 ? "" : "; a server that answers only to port 68 is not heard");
  return ok ? PP_OK : PP_ENOMEM;
}

static void send_all(probe_t *p, size_t n) {
  static const uint8_t bcast[4] = {255, 255, 255, 255};
  for (size_t i = 0; i < n; i++) {
    int fd = open_socket(&p[i]);
    if (fd < 0) {
      snprintf(p[i].how, sizeof(p[i].how), "cannot open a DHCP socket: %s", strerror(-fd));
      continue;
    }
    p[i].fd = fd;
    p[i].xid_bcast = random_xid();
    p[i].xid_ucast = random_xid();
    p[i].sent_at = now_ms();
    bool ok = send_to(&p[i], bcast, p[i].xid_bcast);
    if (p[i].ifc->has_server) ok = send_to(&p[i], p[i].ifc->server, p[i].xid_ucast) || ok;
    if (!ok) {
      snprintf(p[i].how, sizeof(p[i].how), "cannot send DHCPINFORM: %s", strerror(errno));
      close(fd);
      p[i].fd = -1;
    }
  }
}

static pp_status_t wait_replies(pp_discovery_t *d, probe_t *p, size_t n, unsigned timeout_ms) {
  struct pollfd pfd[n ? n : 1];
  double start = now_ms(), deadline = start + timeout_ms, first_ack = 0;
  for (;;) {
    double end = first_ack && first_ack + GRACE_MS < deadline ? first_ack + GRACE_MS : deadline;
    double left = end - now_ms();
    if (left <= 0) return PP_OK;
    nfds_t k = 0;
    for (size_t i = 0; i < n; i++) pfd[k++] = (struct pollfd){.fd = p[i].fd, .events = POLLIN};
    int rc = poll(pfd, k, (int)left + 1);
    if (rc < 0 && errno != EINTR) return PP_OK;
    for (size_t i = 0; rc > 0 && i < n; i++)
      if (p[i].fd >= 0 && (pfd[i].revents & POLLIN) && on_readable(d, &p[i], &first_ack) != PP_OK)
        return PP_ENOMEM;
  }
}

pp_status_t pp_wpad_dhcp_run(const pp_wpad_iface_t *ifs, size_t n, unsigned timeout_ms,
                             pp_discovery_t *d) {
  pp_status_t st = PP_ENOMEM;
  probe_t *p = calloc(n ? n : 1, sizeof(*p));
  if (!p) return PP_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    p[i].ifc = &ifs[i];
    p[i].fd = -1;
  }
  send_all(p, n);
  double t0 = now_ms();
  if ((st = wait_replies(d, p, n, timeout_ms)) != PP_OK) goto done;
  for (size_t i = 0; i < n; i++)
    if (!p[i].acks && (st = silent(d, &p[i], timeout_ms, now_ms() - t0)) != PP_OK) goto done;
done:
  for (size_t i = 0; i < n; i++)
    if (p[i].fd >= 0) close(p[i].fd);
  free(p);
  return st;
}
