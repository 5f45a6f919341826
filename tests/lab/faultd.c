/* SPDX-License-Identifier: MIT */
/*
 * pp_lab_faultd: the broken servers of the network-fault lab (issue 10,
 * tests/lab/test_faults_*.sh). One MODE per process, bound to 127.0.0.1 on a
 * free port that is printed as the first line of stdout. DNS modes answer
 * UDP, the others serve one forked child per TCP connection. Every process
 * ends by itself (alarm) so a lost trap never leaves a server behind.
 * Usage: pp_lab_faultd MODE [FILE [URL]]; `pp_lab_faultd help` lists the modes.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define LIFETIME_S 300 /* the whole server; a test never needs longer */

static const char *mode;
static const char *file_arg;

static const char *const modes[] = {
    "dns-ok: every A query answered 127.0.0.1",
    "dns-timeout: queries are read and never answered",
    "dns-servfail: RCODE 2 for every query",
    "dns-tc: the TC bit set, no answer (UDP only, no TCP listener)",
    "dns-cut: one answer announced, the packet cut inside it",
    "dns-othername: an A record for other.invalid instead of the name asked",
    "dns-huge: COUNT A records (FILE = COUNT, default 200: a 3.2 KB datagram)",
    "dhcp-flood: on IFACE (FILE), answers a DHCPINFORM with a cut packet, options past the end, "
    "an ACK with another xid, 300 more bad replies, then (URL = argv[3]) the right ACK 50 times",
    "dhcp-bad: as dhcp-flood without the right ACK",
    "http-pac: 200 with FILE as the body",
    "http-drip: 200, Content-Length 100000, then one byte per second",
    "http-endless: 200 without length, then an endless fast body",
    "http-cl-short: Content-Length 1000, a 60-byte body, close",
    "http-cl-long: Content-Length 20, a longer body",
    "http-gzip: Content-Encoding: gzip, FILE as the body (a gzip bomb)",
    "http-redirect: 302 to /r<N+1> for every /r<N>, forever",
    "proxy-reset: reads the CONNECT, then resets the connection",
    "proxy-garbage: answers the CONNECT with binary garbage and closes",
    "proxy-407: 407 with Proxy-Authenticate: Basic, whatever is sent",
    "proxy-hold: accepts, reads, never answers",
    "socks-badver: SOCKS greeting answered with version 1",
    "socks-badreply: SOCKS5 method ok, CONNECT reply with address type 9",
    NULL,
};

static void send_all(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
    if (w <= 0) return;
    c += w;
    n -= (size_t)w;
  }
}

static void send_str(int fd, const char *s) { send_all(fd, s, strlen(s)); }

/* ---- DNS ------------------------------------------------------------------ */

static size_t put16(unsigned char *p, size_t at, unsigned v) {
  p[at] = (unsigned char)(v >> 8);
  p[at + 1] = (unsigned char)v;
  return at + 2;
}

/* One A record at `at`: named by a pointer to the question (offset 12), or
 * by the uncompressed wire-format `name` when given. */
static size_t put_a(unsigned char *p, size_t at, const unsigned char ip[4], const char *name, size_t nlen) {
  if (name) {
    memcpy(p + at, name, nlen);
    at += nlen;
  } else {
    at = put16(p, at, 0xC00C);
  }
  at = put16(p, at, 1);
  at = put16(p, at, 1);
  at = put16(p, at, 0);
  at = put16(p, at, 60);
  at = put16(p, at, 4);
  memcpy(p + at, ip, 4);
  return at + 4;
}

/* The end of the question section of q (n bytes), or 0 when malformed. */
static size_t question_end(const unsigned char *q, size_t n) {
  size_t at = 12;
  while (at < n && q[at] != 0) at += (size_t)q[at] + 1;
  return at + 5 <= n ? at + 5 : 0;
}

/* Builds the answer to q in a (at most cap bytes); 0 = send nothing. */
static size_t dns_answer(const unsigned char *q, size_t n, unsigned char *a, size_t cap) {
  static const unsigned char home[4] = {127, 0, 0, 1}, other[4] = {10, 66, 6, 6};
  size_t qend = question_end(q, n);
  if (!qend || qend > cap / 2 || !strcmp(mode, "dns-timeout")) return 0;
  memcpy(a, q, qend);
  a[2] = 0x81; /* QR, RD */
  a[3] = 0x80; /* RA, NOERROR */
  memset(a + 6, 0, 6);
  unsigned qtype = (unsigned)q[qend - 4] << 8 | q[qend - 3];
  size_t at = qend;
  if (!strcmp(mode, "dns-servfail")) {
    a[3] = 0x82;
  } else if (!strcmp(mode, "dns-tc")) {
    a[2] |= 0x02;
  } else if (!strcmp(mode, "dns-cut")) {
    put16(a, 6, 1);
    at = put_a(a, at, home, NULL, 0) - 7; /* cut inside the record's TTL */
  } else if (!strcmp(mode, "dns-othername")) {
    static const char name[] = "\5other\7invalid"; /* sizeof counts the root label */
    put16(a, 6, 1);
    at = put_a(a, at, other, name, sizeof(name));
  } else if (qtype == 1) {
    unsigned count = strcmp(mode, "dns-huge") ? 1 : file_arg ? (unsigned)atoi(file_arg) : 200;
    put16(a, 6, count);
    for (unsigned i = 0; i < count && at + 16 <= cap; i++) {
      unsigned char ip[4] = {127, 0, (unsigned char)(i >> 8), (unsigned char)(i + 1)};
      at = put_a(a, at, count == 1 ? home : ip, NULL, 0);
    }
  }
  return at;
}

static void serve_dns(int s) {
  for (;;) {
    unsigned char q[1500], a[8192];
    struct sockaddr_in from;
    socklen_t fl = sizeof(from);
    ssize_t n = recvfrom(s, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
    if (n < 12) continue;
    size_t len = dns_answer(q, (size_t)n, a, sizeof(a));
    fprintf(stderr, "faultd %s: query of %zd bytes, answer %zu bytes\n", mode, n, len);
    if (len) sendto(s, a, len, 0, (struct sockaddr *)&from, fl);
  }
}

/* ---- DHCP --------------------------------------------------------------- */

/* A DHCPACK (BOOTREPLY) for xid into p; url (option 252) may be NULL. */
static size_t dhcp_ack(unsigned char *p, const unsigned char *inform, uint32_t xid, const char *url) {
  static const unsigned char cookie[4] = {99, 130, 83, 99}, sid[6] = {54, 4, 10, 99, 0, 1};
  memset(p, 0, 240);
  p[0] = 2; /* BOOTREPLY */
  p[1] = 1;
  p[2] = 6;
  memcpy(p + 4, &xid, 4);           /* network order, as received */
  memcpy(p + 12, inform + 12, 4);   /* ciaddr */
  memcpy(p + 28, inform + 28, 16);  /* chaddr */
  memcpy(p + 236, cookie, 4);
  size_t at = 240;
  p[at++] = 53;
  p[at++] = 1;
  p[at++] = 5; /* ACK */
  memcpy(p + at, sid, sizeof(sid));
  at += sizeof(sid);
  if (url) {
    size_t n = strlen(url);
    p[at++] = 252;
    p[at++] = (unsigned char)n;
    memcpy(p + at, url, n);
    at += n;
  }
  p[at++] = 255;
  return at;
}

static void dhcp_reply(int s, const unsigned char *p, size_t n) {
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(68), .sin_addr.s_addr = INADDR_BROADCAST};
  sendto(s, p, n, 0, (struct sockaddr *)&to, sizeof(to));
}

static void dhcp_answer(int s, const unsigned char *q, const char *url) {
  unsigned char a[600];
  uint32_t xid, other;
  memcpy(&xid, q + 4, 4);
  other = xid ^ 0x01000000u;
  dhcp_reply(s, a, dhcp_ack(a, q, xid, "http://cut.invalid/wpad.dat") - 40); /* cut inside 252 */
  size_t n = dhcp_ack(a, q, xid, "http://past.invalid/wpad.dat");
  a[n - 1] = 252; /* the END becomes an option whose length runs past the end */
  a[n] = 200;
  dhcp_reply(s, a, n + 1);
  dhcp_reply(s, a, dhcp_ack(a, q, other, "http://wrong-xid.invalid/wpad.dat"));
  for (int i = 0; i < 300; i++) {
    n = dhcp_ack(a, q, i % 2 ? other : xid, "http://flood.invalid/wpad.dat");
    dhcp_reply(s, a, i % 2 ? n : 200); /* wrong xid, or cut in the header */
  }
  if (!url) return;
  usleep(200000); /* let the client drain its socket buffer: the flood is not meant to hide this */
  for (int i = 0; i < 50; i++) dhcp_reply(s, a, dhcp_ack(a, q, xid, url)); /* duplicates of the right ACK */
}

static void serve_dhcp(int s, const char *url) {
  for (;;) {
    unsigned char q[1500];
    ssize_t n = recv(s, q, sizeof(q), 0);
    if (n < 240 || q[0] != 1) continue;
    fprintf(stderr, "faultd %s: DHCP request of %zd bytes\n", mode, n);
    dhcp_answer(s, q, strcmp(mode, "dhcp-flood") ? NULL : url);
  }
}

/* ---- HTTP and proxies ----------------------------------------------------- */

/* Reads up to the end of the request head into req; false on EOF. */
static bool read_head(int fd, char *req, size_t cap) {
  size_t n = 0;
  while (n < cap - 1) {
    ssize_t r = recv(fd, req + n, cap - 1 - n, 0);
    if (r <= 0) return false;
    n += (size_t)r;
    req[n] = '\0';
    if (strstr(req, "\r\n\r\n")) return true;
  }
  return true;
}

static void serve_file(int fd, const char *extra) {
  FILE *f = file_arg ? fopen(file_arg, "rb") : NULL;
  char buf[65536], head[256];
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\nConnection: close\r\n%sContent-Length: %ld\r\n\r\n", extra,
           len);
  send_str(fd, head);
  size_t r;
  while ((r = fread(buf, 1, sizeof(buf), f)) > 0) send_all(fd, buf, r);
  fclose(f);
}

static void http(int fd) {
  char req[8192], out[512];
  static const char pac[] = "function FindProxyForURL(url, host) {\n  return \"DIRECT\";\n}\n";
  if (!read_head(fd, req, sizeof(req))) return;
  if (!strcmp(mode, "http-pac")) {
    serve_file(fd, "Content-Type: application/x-ns-proxy-autoconfig\r\n");
  } else if (!strcmp(mode, "http-gzip")) {
    serve_file(fd, "Content-Encoding: gzip\r\n");
  } else if (!strcmp(mode, "http-drip")) {
    send_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
    for (int i = 0; i < 100000; i++, sleep(1))
      if (send(fd, "/", 1, MSG_NOSIGNAL) != 1) return;
  } else if (!strcmp(mode, "http-endless")) {
    memset(out, '/', sizeof(out));
    send_str(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    while (send(fd, out, sizeof(out), MSG_NOSIGNAL) > 0) {}
  } else if (!strcmp(mode, "http-cl-short") || !strcmp(mode, "http-cl-long")) {
    snprintf(out, sizeof(out), "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s",
             mode[8] == 's' ? 1000 : 20, pac);
    send_str(fd, out);
  } else if (!strcmp(mode, "http-redirect")) {
    int n = 0;
    sscanf(req, "GET /r%d", &n);
    snprintf(out, sizeof(out),
             "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: /r%d\r\nContent-Length: 0\r\n\r\n", n + 1);
    send_str(fd, out);
  }
}

static void proxy(int fd) {
  char req[8192];
  if (!read_head(fd, req, sizeof(req))) return;
  if (!strcmp(mode, "proxy-reset")) {
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)); /* close = RST */
  } else if (!strcmp(mode, "proxy-garbage")) {
    send_all(fd, "\x00\x01\xfe\xff garbage \x80\x81\r\n\r\n", 21);
  } else if (!strcmp(mode, "proxy-407")) {
    do {
      send_str(fd, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"loop\"\r\n"
                   "Content-Length: 0\r\n\r\n");
    } while (read_head(fd, req, sizeof(req)));
  }
}

static void socks(int fd) {
  unsigned char b[600];
  if (recv(fd, b, sizeof(b), 0) < 3) return; /* greeting: 5, n, methods */
  if (!strcmp(mode, "socks-badver")) {
    send_all(fd, "\x01\x00", 2);
    sleep(2); /* leave the client time to read it */
    return;
  }
  send_all(fd, "\x05\x00", 2);
  if (recv(fd, b, sizeof(b), 0) < 7) return; /* CONNECT request */
  send_all(fd, "\x05\x00\x00\x09\x01\x02\x03\x04\x00\x50", 10);
  sleep(2);
}

static void serve_tcp(int s) {
  signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c < 0) continue;
    fprintf(stderr, "faultd %s: connection\n", mode);
    pid_t pid = fork();
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL); /* a held connection dies with the server */
      close(s);
      if (!strncmp(mode, "http-", 5)) http(c);
      else if (!strncmp(mode, "socks-", 6)) socks(c);
      else if (!strcmp(mode, "proxy-hold")) pause();
      else proxy(c);
      close(c);
      _exit(0);
    }
    close(c);
  }
}

static bool known(const char *m) {
  for (int i = 0; modes[i]; i++)
    if (!strncmp(modes[i], m, strlen(m)) && modes[i][strlen(m)] == ':') return true;
  return false;
}

int main(int argc, char **argv) {
  if (argc < 2 || !known(argv[1])) {
    fprintf(stderr, "usage: pp_lab_faultd MODE [FILE]\nmodes:\n");
    for (int i = 0; modes[i]; i++) fprintf(stderr, "  %s\n", modes[i]);
    return 2;
  }
  mode = argv[1];
  file_arg = argc > 2 ? argv[2] : NULL;
  bool dhcp = !strncmp(mode, "dhcp-", 5), udp = dhcp || !strncmp(mode, "dns-", 4);
  int s = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0), one = 1;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (dhcp) { /* port 67 on the lab's own interface (a namespace of the test) */
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(67);
    setsockopt(s, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
    if (!file_arg || setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, file_arg, (socklen_t)strlen(file_arg)) != 0) {
      perror("pp_lab_faultd: dhcp needs an interface (SO_BINDTODEVICE)");
      return 1;
    }
  }
  socklen_t sl = sizeof(sa);
  if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0 || (!udp && listen(s, 64) != 0) ||
      getsockname(s, (struct sockaddr *)&sa, &sl) != 0) {
    perror("pp_lab_faultd: bind/listen");
    return 1;
  }
  printf("%u\n", ntohs(sa.sin_port));
  fflush(stdout);
  alarm(LIFETIME_S);
  if (dhcp) serve_dhcp(s, argc > 3 ? argv[3] : NULL);
  else if (udp) serve_dns(s);
  else serve_tcp(s);
  return 0;
}
