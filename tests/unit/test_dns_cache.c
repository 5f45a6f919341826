/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the resolver's per-run cache (src/dns/cache.c, async.c,
 * resolver.c) against a crafted DNS server on 127.0.0.1 that counts the
 * questions it gets: positive answers live for their TTL, negative answers
 * for their SOA's negative TTL (RFC 2308), names asked ahead are not asked
 * again, --stats counters match the server's count, and two threads sharing
 * the cache ask each name once (the CI runs this file under ThreadSanitizer).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/udpdns.h"

#include "dns/dns_int.h"
#include "pacprobe.h"

/* Zone, by the first label:
 *   "ttl1"  A 192.0.2.1, TTL 1 s        "ttl60" A 192.0.2.60, TTL 60 s
 *   "neg1"  NXDOMAIN, SOA TTL 60, MINIMUM 1 (negative TTL 1 s)
 *   "neg60" NXDOMAIN, SOA TTL 60, MINIMUM 60
 *   "noa"   NOERROR without data, SOA MINIMUM 1
 *   "t<k>-<n>" A 10.0.k.n, TTL 60 (threads)
 * Every question is counted in total and per name. */
static pp_tdns_t srv;
static atomic_int per_name[64]; /* queries per name of counted[] */

static const char *const counted[] = {"ttl1.test", "ttl60.test", "neg1.test", "neg60.test",
                                      "noa.test", NULL};

static size_t add_a(unsigned char *o, size_t n, uint32_t ttl, const unsigned char ip[4]) {
  char text[16];
  snprintf(text, sizeof(text), "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
  return pp_tdns_add_addr(o, n, 1, ttl, text);
}

static size_t add_soa(unsigned char *o, size_t n, uint32_t ttl, uint32_t minimum) {
  n = pp_tdns_put16(o, n, 0xc00c); /* owner: the question name, close enough */
  n = pp_tdns_put16(o, n, 6);
  n = pp_tdns_put16(o, n, 1);
  n = pp_tdns_put32(o, n, ttl);
  n = pp_tdns_put16(o, n, 2 + 20);
  o[n++] = 0; /* mname: root */
  o[n++] = 0; /* rname: root */
  n = pp_tdns_put32(o, n, 1);
  n = pp_tdns_put32(o, n, 3600);
  n = pp_tdns_put32(o, n, 600);
  n = pp_tdns_put32(o, n, 86400);
  return pp_tdns_put32(o, n, minimum);
}

static size_t build(void *udata, const unsigned char *q, size_t len, unsigned char *o, size_t cap) {
  (void)udata;
  char name[256];
  unsigned qtype, k, num;
  size_t end = pp_tdns_reply_head(q, len, o, cap, 0, name, sizeof(name), &qtype);
  if (!end) return 0;
  for (int i = 0; counted[i]; i++)
    if (!strcmp(name, counted[i])) atomic_fetch_add(&per_name[i], 1);
  size_t n = end;
  bool a = qtype == 1;
  unsigned char ip[4] = {192, 0, 2, 1};
  if (!strcmp(name, "ttl1.test") && a) o[7] = 1, n = add_a(o, n, 1, ip);
  else if (!strcmp(name, "ttl60.test") && a) ip[3] = 60, o[7] = 1, n = add_a(o, n, 60, ip);
  else if (sscanf(name, "t%u-%u.test", &k, &num) == 2 && a)
    ip[0] = 10, ip[1] = 0, ip[2] = (unsigned char)k, ip[3] = (unsigned char)num, o[7] = 1,
    n = add_a(o, n, 60, ip);
  else if (!strcmp(name, "noa.test") || !strncmp(name, "ttl", 3) || name[0] == 't')
    o[9] = 1, n = add_soa(o, n, 60, 1);
  else
    o[3] = 0x83, o[9] = 1, n = add_soa(o, n, 60, !strcmp(name, "neg60.test") ? 60 : 1);
  return n;
}

static int server_start(void **state) {
  (void)state;
  return pp_tdns_start(&srv, build, NULL);
}

static int server_stop(void **state) {
  (void)state;
  return pp_tdns_stop(&srv);
}

static pp_resolver_t *resolver(void) {
  char spec[64], err[256];
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  snprintf(spec, sizeof(spec), "127.0.0.1:%d", srv.port);
  assert_int_equal(pp_resolver_add_server(r, spec, err, sizeof(err)), PP_OK);
  pp_resolver_set_timeout(r, 3000);
  return r;
}

static int asked(const char *name) {
  for (int i = 0; counted[i]; i++)
    if (!strcmp(name, counted[i])) return atomic_load(&per_name[i]);
  return -1;
}

static pp_status_t lookup(pp_resolver_t *r, const char *name, const char *want) {
  pp_dns_answer_t a;
  pp_status_t st = pp_resolver_lookup(r, name, PP_DNS_IPV4, &a);
  if (want && (st != PP_OK || a.naddrs != 1 || strcmp(a.addrs[0], want)))
    fail_msg("%s: expected %s, got %s", name, want, pp_strerror(st));
  pp_dns_answer_clear(&a);
  return st;
}

static void pause_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_positive_ttl(void **state) {
  (void)state;
  pp_resolver_t *r = resolver();
  int a1 = asked("ttl1.test"), a60 = asked("ttl60.test");
  lookup(r, "ttl1.test", "192.0.2.1");
  lookup(r, "TTL1.test", "192.0.2.1");
  lookup(r, "ttl60.test", "192.0.2.60");
  lookup(r, "ttl60.test", "192.0.2.60");
  assert_int_equal(asked("ttl1.test") - a1, 1);
  assert_int_equal(asked("ttl60.test") - a60, 1);
  pause_ms(1300); /* past the 1 s TTL, well within 60 s */
  lookup(r, "ttl1.test", "192.0.2.1");
  lookup(r, "ttl60.test", "192.0.2.60");
  assert_int_equal(asked("ttl1.test") - a1, 2);
  assert_int_equal(asked("ttl60.test") - a60, 1);
  pp_resolver_free(r);
}

static void test_negative_ttl(void **state) {
  (void)state;
  pp_resolver_t *r = resolver();
  int n1 = asked("neg1.test"), n60 = asked("neg60.test"), na = asked("noa.test");
  for (int i = 0; i < 3; i++) {
    assert_int_equal(lookup(r, "neg1.test", NULL), PP_ENOTFOUND);
    assert_int_equal(lookup(r, "neg60.test", NULL), PP_ENOTFOUND);
    assert_int_equal(lookup(r, "noa.test", NULL), PP_ENOTFOUND);
  }
  assert_int_equal(asked("neg1.test") - n1, 1);
  assert_int_equal(asked("neg60.test") - n60, 1);
  assert_int_equal(asked("noa.test") - na, 1);
  pause_ms(1300); /* min(SOA TTL 60, MINIMUM 1) = 1 s has passed */
  assert_int_equal(lookup(r, "neg1.test", NULL), PP_ENOTFOUND);
  assert_int_equal(lookup(r, "neg60.test", NULL), PP_ENOTFOUND);
  assert_int_equal(lookup(r, "noa.test", NULL), PP_ENOTFOUND);
  assert_int_equal(asked("neg1.test") - n1, 2);
  assert_int_equal(asked("neg60.test") - n60, 1);
  assert_int_equal(asked("noa.test") - na, 2);
  pp_resolver_free(r);
}

static void test_wire_negative_ttl(void **state) {
  (void)state;
  unsigned char q[64] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                         3, 'n', 'x', 'x', 0, 0, 1, 0, 1};
  unsigned char o[256];
  size_t n = build(NULL, q, 21, o, sizeof(o)); /* NXDOMAIN with SOA TTL 60, MINIMUM 1 */
  assert_true(n > 21);
  assert_int_equal(pp_dns_negative_ttl(o, n), 1);
  o[9] = 0; /* no authority records: nothing to go by */
  assert_int_equal(pp_dns_negative_ttl(o, n), -1);
  o[9] = 1;
  assert_int_equal(pp_dns_negative_ttl(o, n - 3), -1); /* truncated */
}

static void test_prefetch_and_stats(void **state) {
  (void)state;
  pp_resolver_t *r = resolver();
  int before = atomic_load(&srv.queries);
  const char *names[] = {"t1-1.test", "t1-2.test", "t1-3.test", "neg60.test"};
  for (size_t i = 0; i < 4; i++) pp_resolver_prefetch(r, names[i], PP_DNS_IPV4);
  pp_resolver_prefetch(r, "t1-1.test", PP_DNS_IPV4); /* already on its way */
  pp_resolver_prefetch(r, "192.0.2.7", PP_DNS_IPV4);  /* a literal needs no DNS */
  lookup(r, "t1-1.test", "10.0.1.1");
  lookup(r, "t1-2.test", "10.0.1.2");
  lookup(r, "t1-3.test", "10.0.1.3");
  lookup(r, "t1-3.test", "10.0.1.3");
  assert_int_equal(lookup(r, "neg60.test", NULL), PP_ENOTFOUND);
  lookup(r, "t1-4.test", "10.0.1.4"); /* not asked ahead */
  pp_dns_stats_t st;
  pp_resolver_stats(r, &st);
  assert_int_equal(st.prefetched, 4);
  assert_int_equal(st.lookups, 6);
  assert_int_equal(st.cache_hits, 5);
  assert_int_equal(st.not_found, 1);
  assert_int_equal(st.errors, 0);
  assert_int_equal(st.queries_sent, 5);
  assert_int_equal(atomic_load(&srv.queries) - before, (int)st.queries_sent);
  pp_resolver_free(r);
}

typedef struct worker {
  pp_resolver_t *r;
  int failures;
} worker_t;

/* Both threads ask the same 50 names, in opposite orders. */
static void *work(void *arg) {
  worker_t *w = arg;
  for (unsigned i = 1; i <= 50; i++) {
    unsigned n = w->failures == -1 ? 51 - i : i;
    char host[32], want[32];
    snprintf(host, sizeof(host), "t2-%u.test", n);
    snprintf(want, sizeof(want), "10.0.2.%u", n);
    pp_dns_answer_t a;
    pp_status_t st = pp_resolver_lookup(w->r, host, PP_DNS_IPV4, &a);
    if (st != PP_OK || a.naddrs != 1 || strcmp(a.addrs[0], want)) w->failures += 1000;
    pp_dns_answer_clear(&a);
  }
  return NULL;
}

static void test_two_threads_share_cache(void **state) {
  (void)state;
  pp_resolver_t *r = resolver();
  int before = atomic_load(&srv.queries);
  worker_t w[2] = {{r, 0}, {r, -1}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  assert_int_equal(w[0].failures, 0);
  assert_int_equal(w[1].failures, -1);
  pp_dns_stats_t st;
  pp_resolver_stats(r, &st);
  assert_int_equal(atomic_load(&srv.queries) - before, 50); /* each name once */
  assert_int_equal(st.queries_sent, 50);
  assert_int_equal(st.lookups, 100);
  assert_int_equal(st.cache_hits, 50);
  pp_resolver_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_positive_ttl),
      cmocka_unit_test(test_negative_ttl),
      cmocka_unit_test(test_wire_negative_ttl),
      cmocka_unit_test(test_prefetch_and_stats),
      cmocka_unit_test(test_two_threads_share_cache),
  };
  return cmocka_run_group_tests(tests, server_start, server_stop);
}
