/* SPDX-License-Identifier: MIT */
/*
 * The unit tests' loopback DNS server (see udpdns.h). Real sockets and a real
 * thread, so the resolver under test talks to it exactly as to a server on
 * the network; what it answers is the test's callback.
 */
#include "support/udpdns.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *arg) {
  pp_tdns_t *s = arg;
  for (;;) {
    struct pollfd p[2] = {{s->fd, POLLIN, 0}, {s->stop[0], POLLIN, 0}};
    if (poll(p, 2, -1) < 0) continue;
    if (p[1].revents) return NULL;
    unsigned char q[512], out[1024];
    struct sockaddr_storage from;
    socklen_t fl = sizeof(from);
    ssize_t n = recvfrom(s->fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
    if (n < 12) continue;
    atomic_fetch_add(&s->queries, 1);
    size_t rlen = s->answer(s->udata, q, (size_t)n, out, sizeof(out));
    if (rlen) sendto(s->fd, out, rlen, 0, (struct sockaddr *)&from, fl);
  }
}

int pp_tdns_start(pp_tdns_t *s, pp_tdns_answer_fn answer, void *udata) {
  struct sockaddr_in sa = {0};
  socklen_t sl = sizeof(sa);
  memset(s, 0, sizeof(*s));
  s->stop[0] = s->stop[1] = -1;
  s->answer = answer;
  s->udata = udata;
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  s->fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (s->fd >= 0 && bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
      getsockname(s->fd, (struct sockaddr *)&sa, &sl) == 0 && pipe(s->stop) == 0) {
    s->port = ntohs(sa.sin_port);
    if (pthread_create(&s->thread, NULL, serve, s) == 0) return 0;
  }
  if (s->fd >= 0) close(s->fd);
  if (s->stop[0] >= 0) close(s->stop[0]), close(s->stop[1]);
  return -1;
}

int pp_tdns_stop(pp_tdns_t *s) {
  if (write(s->stop[1], "x", 1) != 1) return -1;
  pthread_join(s->thread, NULL);
  close(s->fd);
  close(s->stop[0]);
  close(s->stop[1]);
  return 0;
}

const char *pp_tdns_spec(const pp_tdns_t *s, char *buf, size_t len) {
  snprintf(buf, len, "127.0.0.1:%d", s->port);
  return buf;
}

size_t pp_tdns_question(const unsigned char *q, size_t len, char *name, size_t cap, unsigned *qtype) {
  size_t pos = 12, n = 0;
  if (len < 12 || q[4] != 0 || q[5] != 1) return 0;
  while (pos < len && q[pos]) {
    size_t l = q[pos++];
    if (l > 63 || pos + l > len || n + l + 2 > cap) return 0;
    if (n) name[n++] = '.';
    for (size_t i = 0; i < l; i++) {
      unsigned char c = q[pos + i];
      name[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    pos += l;
  }
  name[n] = '\0';
  if (pos + 5 > len) return 0;
  *qtype = (unsigned)(q[pos + 1] << 8 | q[pos + 2]);
  return pos + 5;
}

size_t pp_tdns_put16(unsigned char *out, size_t n, unsigned v) {
  out[n] = (unsigned char)(v >> 8);
  out[n + 1] = (unsigned char)v;
  return n + 2;
}

size_t pp_tdns_put32(unsigned char *out, size_t n, uint32_t v) {
  return pp_tdns_put16(out, pp_tdns_put16(out, n, v >> 16), v & 0xffff);
}

size_t pp_tdns_add_addr(unsigned char *out, size_t n, unsigned type, uint32_t ttl, const char *addr) {
  return pp_tdns_add_addr_at(out, n, NULL, type, ttl, addr);
}

size_t pp_tdns_put_name(unsigned char *out, size_t n, const char *name) {
  while (*name) {
    size_t len = strcspn(name, ".");
    out[n++] = (unsigned char)len;
    memcpy(out + n, name, len);
    n += len;
    name += len + (name[len] == '.');
  }
  out[n++] = 0;
  return n;
}

/* The owner: the question by pointer when NULL, else written out. */
static size_t put_owner(unsigned char *out, size_t n, const char *owner) {
  return owner ? pp_tdns_put_name(out, n, owner) : pp_tdns_put16(out, n, 0xc00c);
}

size_t pp_tdns_add_cname(unsigned char *out, size_t n, const char *owner, const char *target) {
  n = put_owner(out, n, owner);
  n = pp_tdns_put16(out, n, 5);
  n = pp_tdns_put16(out, n, 1);
  n = pp_tdns_put32(out, n, 60);
  size_t len_at = n;
  n = pp_tdns_put_name(out, n + 2, target);
  pp_tdns_put16(out, len_at, (unsigned)(n - len_at - 2));
  return n;
}

size_t pp_tdns_add_addr_at(unsigned char *out, size_t n, const char *owner, unsigned type,
                           uint32_t ttl, const char *addr) {
  unsigned char bin[16];
  size_t alen = type == 1 ? 4 : 16;
  if (inet_pton(type == 1 ? AF_INET : AF_INET6, addr, bin) != 1) return n;
  n = put_owner(out, n, owner);
  n = pp_tdns_put16(out, n, type);
  n = pp_tdns_put16(out, n, 1);
  n = pp_tdns_put32(out, n, ttl);
  n = pp_tdns_put16(out, n, (unsigned)alen);
  memcpy(out + n, bin, alen);
  return n + alen;
}

size_t pp_tdns_reply_head(const unsigned char *q, size_t qlen, unsigned char *out, size_t cap,
                          unsigned rcode, char *name, size_t namecap, unsigned *qtype) {
  size_t end = pp_tdns_question(q, qlen, name, namecap, qtype);
  if (!end || end > cap) return 0;
  memcpy(out, q, end);
  out[2] = (unsigned char)(0x84 | (q[2] & 0x01)); /* QR, AA, RD copied */
  out[3] = (unsigned char)(0x80 | (rcode & 0x0f)); /* RA, rcode */
  memset(out + 6, 0, 6);                           /* no records yet */
  return end;
}
