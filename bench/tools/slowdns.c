/* SPDX-License-Identifier: MIT */
/*
 * slowdns: the benchmark's DNS server. Answers every name of one zone after
 * a fixed delay without serialising queries (each answer is due delay ms
 * after its query arrived, whatever else is pending), so a client that asks
 * N names at once waits one delay, a client that asks one by one waits N.
 *   NAME.ZONE  A     -> 10.(h%5).(h/256%256).(h%256), h = the number in NAME
 *                       ("h123.bench.test" -> 10.3.0.123), TTL 3600
 *   NAME.ZONE  other -> NOERROR, no data, SOA (negative TTL 3600)
 *   elsewhere        -> NXDOMAIN with SOA
 * Counts the questions it received by type and writes them to --count-file
 * ("queries N\nA N\nAAAA N\nother N\n") when it gets SIGTERM or SIGINT.
 * Bench only: UDP, loopback / a private network namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define QMAX 65536
#define PKT 512

typedef struct pending {
  double due;
  struct sockaddr_storage to;
  socklen_t tolen;
  size_t len;
  unsigned char out[PKT];
} pending_t;

static volatile sig_atomic_t stop;
static pending_t *queue;
static size_t qhead, qcount;
static unsigned long n_all, n_a, n_aaaa, n_other;

static void on_signal(int sig) { (void)sig; stop = 1; }

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static size_t put16(unsigned char *p, size_t n, unsigned v) {
  p[n] = (unsigned char)(v >> 8);
  p[n + 1] = (unsigned char)v;
  return n + 2;
}

static size_t put32(unsigned char *p, size_t n, unsigned long v) {
  n = put16(p, n, (unsigned)(v >> 16));
  return put16(p, n, (unsigned)(v & 0xffff));
}

/* The zone apex encoded as a name, e.g. "\5bench\4test\0". */
static size_t encode_name(const char *name, unsigned char *out) {
  size_t n = 0;
  while (*name) {
    const char *dot = strchr(name, '.');
    size_t len = dot ? (size_t)(dot - name) : strlen(name);
    out[n++] = (unsigned char)len;
    memcpy(out + n, name, len);
    n += len;
    name += len + (dot ? 1 : 0);
  }
  out[n++] = 0;
  return n;
}

static size_t add_soa(unsigned char *o, size_t n, const unsigned char *apex, size_t apexlen) {
  memcpy(o + n, apex, apexlen);
  n += apexlen;
  n = put16(o, n, 6);
  n = put16(o, n, 1);
  n = put32(o, n, 3600);
  n = put16(o, n, 2 + 2 + 20); /* mname, rname: the root; five 32-bit fields */
  o[n++] = 0;
  o[n++] = 0;
  n = put32(o, n, 1);
  n = put32(o, n, 3600);
  n = put32(o, n, 600);
  n = put32(o, n, 86400);
  n = put32(o, n, 3600);
  return n;
}

/* Builds the answer to q into o; 0 when q is not one question. */
static size_t answer(const unsigned char *q, size_t qlen, const char *zone, unsigned char *o) {
  char name[256];
  size_t pos = 12, nl = 0;
  if (qlen < 17 || q[4] != 0 || q[5] != 1) return 0;
  while (pos < qlen && q[pos]) {
    size_t len = q[pos++];
    if (len > 63 || pos + len > qlen || nl + len + 2 > sizeof(name)) return 0;
    if (nl) name[nl++] = '.';
    for (size_t i = 0; i < len; i++) name[nl++] = (char)(q[pos + i] | (q[pos + i] >= 'A' && q[pos + i] <= 'Z' ? 0x20 : 0));
    pos += len;
  }
  name[nl] = '\0';
  if (pos + 5 > qlen) return 0;
  unsigned qtype = (unsigned)(q[pos + 1] << 8 | q[pos + 2]);
  pos += 5;
  n_all++;
  if (qtype == 1) n_a++;
  else if (qtype == 28) n_aaaa++;
  else n_other++;
  size_t zl = strlen(zone);
  bool in_zone = nl > zl + 1 && name[nl - zl - 1] == '.' && strcmp(name + nl - zl, zone) == 0;
  unsigned char apex[256];
  size_t apexlen = encode_name(zone, apex);
  memcpy(o, q, pos);
  o[2] = (unsigned char)(0x84 | (q[2] & 1));
  o[3] = (unsigned char)(0x80 | (in_zone ? 0 : 3));
  o[6] = o[7] = o[8] = o[9] = o[10] = o[11] = 0;
  size_t n = pos;
  if (in_zone && qtype == 1) {
    unsigned long h = strtoul(name + strcspn(name, "0123456789"), NULL, 10);
    o[7] = 1;
    n = put16(o, n, 0xc00c);
    n = put16(o, n, 1);
    n = put16(o, n, 1);
    n = put32(o, n, 3600);
    n = put16(o, n, 4);
    o[n++] = 10;
    o[n++] = (unsigned char)(h % 5);
    o[n++] = (unsigned char)(h / 256 % 256);
    o[n++] = (unsigned char)(h % 256);
    return n;
  }
  o[9] = 1; /* NSCOUNT: the SOA */
  return add_soa(o, n, apex, apexlen);
}

static void flush_due(int fd) {
  double t = now_ms();
  while (qcount && queue[qhead].due <= t) {
    pending_t *p = &queue[qhead];
    sendto(fd, p->out, p->len, 0, (struct sockaddr *)&p->to, p->tolen);
    qhead = (qhead + 1) % QMAX;
    qcount--;
  }
}

static void receive(int fd, const char *zone, double delay) {
  for (;;) {
    unsigned char q[PKT];
    struct sockaddr_storage from;
    socklen_t fl = sizeof(from);
    ssize_t n = recvfrom(fd, q, sizeof(q), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
    if (n < 0) return;
    if (qcount == QMAX) continue; /* overloaded: drop, as a real server would */
    pending_t *p = &queue[(qhead + qcount) % QMAX];
    p->len = answer(q, (size_t)n, zone, p->out);
    if (!p->len) continue;
    p->due = now_ms() + delay;
    p->to = from;
    p->tolen = fl;
    qcount++;
  }
}

int main(int argc, char **argv) {
  const char *addr = "127.0.0.1", *zone = "bench.test", *count_file = NULL;
  int port = 53;
  double delay = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--addr")) addr = argv[i + 1];
    else if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--zone")) zone = argv[i + 1];
    else if (!strcmp(argv[i], "--delay-ms")) delay = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--count-file")) count_file = argv[i + 1];
  }
  queue = calloc(QMAX, sizeof(*queue));
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  inet_pton(AF_INET, addr, &sa.sin_addr);
  int big = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
  if (!queue || fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
    perror("slowdns: bind");
    return 1;
  }
  struct sigaction act = {.sa_handler = on_signal};
  sigaction(SIGTERM, &act, NULL);
  sigaction(SIGINT, &act, NULL);
  while (!stop) {
    int ms = qcount ? (int)(queue[qhead].due - now_ms() + 0.999) : 1000;
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, ms < 0 ? 0 : ms) < 0 && errno != EINTR) break;
    if (p.revents) receive(fd, zone, delay);
    flush_due(fd);
  }
  FILE *f = count_file ? fopen(count_file, "w") : stdout;
  if (f) {
    fprintf(f, "queries %lu\nA %lu\nAAAA %lu\nother %lu\n", n_all, n_a, n_aaaa, n_other);
    if (f != stdout) fclose(f);
  }
  return 0;
}
