/* SPDX-License-Identifier: MIT */
/*
 * The engine's side of DNS failures (issue 10): the per-evaluation list of
 * DNS problems (chrome's cap, bounded, each name once, nothing allocated
 * without a problem) and a silent DNS server meeting the evaluation's
 * --timeout: the lookup ends at the deadline, the evaluation ends as a
 * timeout naming the wait, the engine goes on with the next URL. The silent
 * server is a bound UDP socket on 127.0.0.1 that nobody reads.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "pacprobe.h"
#include "support/engine.h"

static int silent_fd = -1;
static char silent_spec[64];

static int silent_start(void **state) {
  (void)state;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t sl = sizeof(sa);
  silent_fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (silent_fd < 0 || bind(silent_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
      getsockname(silent_fd, (struct sockaddr *)&sa, &sl) != 0)
    return -1;
  snprintf(silent_spec, sizeof(silent_spec), "127.0.0.1:%d", ntohs(sa.sin_port));
  return 0;
}

static int silent_stop(void **state) {
  (void)state;
  close(silent_fd);
  return 0;
}

/* An engine running pac; its resolver (owned by the caller) answers
 * h1.test..h100.test from --resolve and asks the silent server for the rest. */
static pp_engine_t *engine_for(const char *pac, pp_emulation_t mode, unsigned timeout_ms,
                               pp_resolver_t **r, pp_status_t want_load) {
  char spec[64], err[256];
  *r = pp_resolver_new();
  assert_non_null(*r);
  for (int i = 1; i <= 100; i++) {
    snprintf(spec, sizeof(spec), "h%d.test=10.0.%d.%d", i, i / 256, i % 256);
    assert_int_equal(pp_resolver_add_override(*r, spec, err, sizeof(err)), PP_OK);
  }
  assert_int_equal(pp_resolver_add_server(*r, silent_spec, err, sizeof(err)), PP_OK);
  return pp_test_engine(pac, mode, *r, timeout_ms, want_load);
}

/* Looks up h1.test .. hN.test three times (the URL's host is nN). */
static const char loop_pac[] =
    "function FindProxyForURL(u, h) {\n"
    "  var n = 0;\n"
    "  for (var k = 0; k < 3; k++)\n"
    "    for (var i = 1; i <= +h.substring(1); i++) if (dnsResolve('h' + i + '.test')) n++;\n"
    "  return 'PROXY r' + n + ':1';\n"
    "}\n";

static void eval_ok(pp_engine_t *e, const char *url, const char *raw, pp_eval_t *ev) {
  assert_int_equal(pp_engine_eval(e, url, NULL, ev), PP_OK);
  assert_string_equal(ev->raw, raw);
}

static void test_cap_problems(void **state) {
  (void)state;
  pp_resolver_t *r;
  pp_engine_t *e = engine_for(loop_pac, PP_EMU_CHROME, 1000, &r, PP_OK);
  pp_eval_t ev;
  eval_ok(e, "http://n20/", "PROXY r60:1", &ev); /* the cap exactly: no problem */
  assert_null(ev.dns_problems);
  assert_int_equal(ev.ndns_problems, 0);
  pp_eval_clear(&ev);
  eval_ok(e, "http://n25/", "PROXY r60:1", &ev); /* 5 names capped, each asked 3 times */
  assert_int_equal(ev.ndns_problems, 5);
  assert_int_equal(ev.dns_problems_unlisted, 0);
  for (size_t i = 0; i < 5; i++) {
    char want[32];
    snprintf(want, sizeof(want), "h%zu.test", 21 + i);
    assert_string_equal(ev.dns_problems[i].name, want);
    assert_int_equal(ev.dns_problems[i].cause, PP_DNS_FAIL_CAPPED);
  }
  pp_eval_clear(&ev);
  /* 80 capped names: 64 kept, the other 16 counted at each of 3 passes. */
  eval_ok(e, "http://n100/", "PROXY r60:1", &ev);
  assert_int_equal(ev.ndns_problems, PP_DNS_PROBLEMS_MAX);
  assert_int_equal(ev.dns_problems_unlisted, 16 * 3);
  assert_string_equal(ev.dns_problems[63].name, "h84.test");
  pp_eval_clear(&ev);
  pp_engine_free(e);
  pp_resolver_free(r);
}

static void test_no_cap_no_problems(void **state) {
  (void)state;
  pp_resolver_t *r;
  pp_engine_t *e = engine_for(loop_pac, PP_EMU_FIREFOX, 1000, &r, PP_OK);
  pp_eval_t ev;
  eval_ok(e, "http://n100/", "PROXY r300:1", &ev);
  assert_null(ev.dns_problems);
  assert_int_equal(ev.dns_problems_unlisted, 0);
  pp_eval_clear(&ev);
  pp_engine_free(e);
  pp_resolver_free(r);
}

/* dnsResolve of a name the silent server is asked for, guarded by
 * try/catch: the deadline still ends the evaluation as a timeout. */
static const char silent_pac[] =
    "function FindProxyForURL(u, h) {\n"
    "  if (h == 'caught') { try { dnsResolve('c.silent.test'); } catch (e) {} return 'PROXY c:1'; }\n"
    "  if (h == 'ex') return 'PROXY ' + dnsResolveEx('x.silent.test') + ':1';\n"
    "  if (isInNet(h, '10.0.0.0', '255.0.0.0')) return 'PROXY ten:1';\n"
    "  return 'DIRECT';\n"
    "}\n";

static void expect_dns_timeout(pp_engine_t *e, const char *url, const char *name) {
  pp_eval_t ev;
  double t0 = pp_dns_now_ms();
  assert_int_equal(pp_engine_eval(e, url, NULL, &ev), PP_ETIMEOUT);
  double ms = pp_dns_now_ms() - t0;
  if (ms < 250 || ms > 2000) fail_msg("%s: a 300 ms deadline took %.0f ms", url, ms);
  char want[160];
  snprintf(want, sizeof(want), "while waiting for the DNS answer for %s (no answer from the server yet)",
           name);
  if (!strstr(ev.error, want)) fail_msg("%s: error '%s' lacks '%s'", url, ev.error, want);
  assert_string_equal(ev.result.canonical, "DIRECT");
  assert_int_equal(ev.ndns_problems, 1);
  assert_string_equal(ev.dns_problems[0].name, name);
  assert_int_equal(ev.dns_problems[0].cause, PP_DNS_FAIL_DEADLINE);
  pp_eval_clear(&ev);
}

static void test_silent_server_meets_deadline(void **state) {
  (void)state;
  pp_resolver_t *r;
  pp_engine_t *e = engine_for(silent_pac, PP_EMU_CHROME, 300, &r, PP_OK);
  pp_resolver_set_timeout(r, 5000);
  expect_dns_timeout(e, "http://a.silent.test/", "a.silent.test"); /* isInNet's lookup */
  pp_eval_t ev;
  eval_ok(e, "http://10.1.2.3/", "PROXY ten:1", &ev); /* the next URL, same engine */
  assert_null(ev.dns_problems);
  pp_eval_clear(&ev);
  expect_dns_timeout(e, "http://caught/", "c.silent.test");
  expect_dns_timeout(e, "http://ex/", "x.silent.test");
  expect_dns_timeout(e, "http://a.silent.test/", "a.silent.test"); /* still pending: waits again */
  pp_dns_stats_t st;
  pp_resolver_stats(r, &st);
  assert_int_equal(st.by_cause[PP_DNS_FAIL_DEADLINE], 4);
  pp_engine_free(e);
  pp_resolver_free(r);
}

/* A deadline longer than the resolver's timeout: the lookup gives up
 * first, the PAC gets null and goes on. */
static void test_resolver_timeout_first(void **state) {
  (void)state;
  pp_resolver_t *r;
  pp_engine_t *e = engine_for(silent_pac, PP_EMU_CHROME, 3000, &r, PP_OK);
  pp_resolver_set_timeout(r, 300);
  pp_eval_t ev;
  eval_ok(e, "http://t.silent.test/", "DIRECT", &ev);
  assert_int_equal(ev.ndns_problems, 1);
  assert_int_equal(ev.dns_problems[0].cause, PP_DNS_FAIL_TIMEOUT);
  pp_eval_clear(&ev);
  pp_engine_free(e);
  pp_resolver_free(r);
}

/* The PAC's top level waiting for DNS: the load fails as a timeout that
 * names the wait. */
static void test_top_level_deadline(void **state) {
  (void)state;
  static const char pac[] = "var gw = dnsResolve('gw.silent.test');\n"
                            "function FindProxyForURL(u, h) { return 'DIRECT'; }\n";
  pp_resolver_t *r;
  pp_engine_t *e = engine_for(pac, PP_EMU_CHROME, 300, &r, PP_ETIMEOUT);
  assert_non_null(strstr(pp_engine_error(e), "while waiting for the DNS answer for gw.silent.test"));
  pp_engine_free(e);
  pp_resolver_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cap_problems),
      cmocka_unit_test(test_no_cap_no_problems),
      cmocka_unit_test(test_silent_server_meets_deadline),
      cmocka_unit_test(test_resolver_timeout_first),
      cmocka_unit_test(test_top_level_deadline),
  };
  return cmocka_run_group_tests(tests, silent_start, silent_stop);
}
