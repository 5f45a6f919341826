/* SPDX-License-Identifier: MIT */
/*
 * Engine handle tests: load errors are classified, limits fire and leave the
 * handle usable, globals persist between calls, and two handles in two
 * threads evaluate at once without sharing state.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pacprobe.h"
#include "support/engine.h"

static pp_resolver_t *resolver;

static pp_engine_t *engine_timed(const char *pac, pp_emulation_t mode, pp_status_t want,
                                 unsigned timeout_ms) {
  return pp_test_engine(pac, mode, resolver, timeout_ms, want);
}

static pp_engine_t *engine_with(const char *pac, pp_emulation_t mode, pp_status_t want) {
  return engine_timed(pac, mode, want, 300);
}

static void expect_raw(pp_engine_t *e, const char *url, const char *raw) {
  pp_eval_t ev;
  assert_int_equal(pp_engine_eval(e, url, NULL, &ev), PP_OK);
  assert_string_equal(ev.raw, raw);
  pp_eval_clear(&ev);
}

static void test_load_errors(void **state) {
  (void)state;
  pp_engine_t *e = engine_with("var a = 1;\nfunction FindProxyForURL(u, h) {\n  return (;\n}\n",
                               PP_EMU_CHROME, PP_ESYNTAX);
  assert_int_equal(pp_engine_error_line(e), 3);
  assert_non_null(strstr(pp_engine_error(e), "t.pac:3"));
  pp_engine_free(e);
  e = engine_with("var x = 1;", PP_EMU_CHROME, PP_ENOFUNC);
  pp_engine_free(e);
  e = engine_with("", PP_EMU_CHROME, PP_ENOFUNC);
  pp_engine_free(e);
  e = engine_with("\n\nthrow new Error('boom');", PP_EMU_CHROME, PP_ESCRIPT);
  assert_int_equal(pp_engine_error_line(e), 3);
  pp_engine_free(e);
  e = engine_with("while (true) {}", PP_EMU_CHROME, PP_ETIMEOUT);
  pp_engine_free(e);
}

/* The deadline cases run with 300 ms; the memory cases with 10 s so that
 * the memory limit, not a slow (sanitizer) build's deadline, is what fires. */
static void test_limits_keep_engine_usable(void **state) {
  (void)state;
  static const char *const pac =
      "function FindProxyForURL(u, h) {\n"
      "  if (h == 'loop') while (true) {}\n"
      "  if (h == 'catch') for (;;) { try { while (true) {} } catch (e) {} }\n"
      "  if (h == 'bomb') { var s = 'x'; while (true) s = s + s; }\n"
      "  if (h == 'arr') { var a = []; while (true) a.push({k: a.length}); }\n"
      "  if (h == 'regex') return String(/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab'));\n"
      "  if (h == 'deep') { var f = function (n) { return 1 + f(n + 1); }; return f(0); }\n"
      "  return 'PROXY ok:1';\n}\n";
  pp_engine_t *fast = engine_timed(pac, PP_EMU_CHROME, PP_OK, 300);
  pp_engine_t *slow = engine_timed(pac, PP_EMU_CHROME, PP_OK, 10000);
  static const struct { const char *host; pp_status_t st; } cases[] = {
      {"loop", PP_ETIMEOUT},  {"catch", PP_ETIMEOUT}, {"bomb", PP_EMEMLIMIT},
      {"arr", PP_EMEMLIMIT},  {"regex", PP_ETIMEOUT}, {"deep", PP_ESCRIPT},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    pp_engine_t *e = cases[i].st == PP_EMEMLIMIT ? slow : fast;
    char url[64];
    snprintf(url, sizeof(url), "http://%s/", cases[i].host);
    pp_eval_t ev;
    pp_status_t st = pp_engine_eval(e, url, NULL, &ev);
    if (st != cases[i].st) fail_msg("%s: want %d got %d (%s)", url, cases[i].st, st, ev.error);
    assert_null(ev.raw);
    assert_string_equal(ev.result.canonical, "DIRECT");
    pp_eval_clear(&ev);
    expect_raw(e, "http://next.example/", "PROXY ok:1");
  }
  pp_engine_free(fast);
  pp_engine_free(slow);
}

static void test_globals_persist(void **state) {
  (void)state;
  pp_engine_t *e = engine_with("var n = 0;\nfunction FindProxyForURL(u, h) { n++; return 'PROXY p:' + n; }",
                               PP_EMU_CHROME, PP_OK);
  expect_raw(e, "http://a/", "PROXY p:1");
  expect_raw(e, "http://a/", "PROXY p:2");
  pp_engine_free(e);
}

static void test_non_string_results(void **state) {
  (void)state;
  const char *pac = "function FindProxyForURL(u, h) { return h == 'n' ? null : h == 'u' ? undefined : 42; }";
  pp_engine_t *e = engine_with(pac, PP_EMU_CHROME, PP_OK);
  pp_eval_t ev;
  assert_int_equal(pp_engine_eval(e, "http://n/", NULL, &ev), PP_ENOTSTRING);
  assert_string_equal(ev.result.canonical, "DIRECT");
  pp_eval_clear(&ev);
  pp_engine_free(e);
  e = engine_with(pac, PP_EMU_PACPARSER, PP_OK);
  expect_raw(e, "http://n/", "null");
  expect_raw(e, "http://u/", "undefined");
  expect_raw(e, "http://x/", "42");
  pp_engine_free(e);
}

/* Each thread has its own engine with its own counter; if heaps shared any
 * state, the counters or results would interleave. */
struct worker {
  const char *tag;
  int ok;
};

static void *worker_main(void *arg) {
  struct worker *w = arg;
  char pac[256];
  snprintf(pac, sizeof(pac),
           "var n = 0; function FindProxyForURL(u, h) { n++; var s = 0;"
           " for (var i = 0; i < 2000; i++) s += i; return 'PROXY %s:' + n; }", w->tag);
  pp_engine_opts_t o;
  pp_engine_opts_init(&o);
  o.resolver = resolver;
  pp_engine_t *e = pp_engine_new(&o);
  if (!e || pp_engine_load(e, pac, strlen(pac), "thread.pac") != PP_OK) return NULL;
  w->ok = 1;
  for (int i = 1; i <= 2000 && w->ok; i++) {
    pp_eval_t ev;
    char want[64];
    snprintf(want, sizeof(want), "PROXY %s:%d", w->tag, i);
    if (pp_engine_eval(e, "http://example.com/", NULL, &ev) != PP_OK || strcmp(ev.raw, want) != 0)
      w->ok = 0;
    pp_eval_clear(&ev);
  }
  pp_engine_free(e);
  return NULL;
}

static void test_two_threads(void **state) {
  (void)state;
  struct worker w[2] = {{"alpha", 0}, {"beta", 0}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  assert_int_equal(w[0].ok, 1);
  assert_int_equal(w[1].ok, 1);
}

int main(void) {
  resolver = pp_resolver_new();
  pp_resolver_set_offline(resolver, true);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_errors),
      cmocka_unit_test(test_limits_keep_engine_usable),
      cmocka_unit_test(test_globals_persist),
      cmocka_unit_test(test_non_string_results),
      cmocka_unit_test(test_two_threads),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  pp_resolver_free(resolver);
  return rc;
}
