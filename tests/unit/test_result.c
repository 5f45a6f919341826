/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the result grammar (src/pac/result.c). The cases live in
 * data/result.cases: MODE<TAB>INPUT<TAB>CANONICAL[<TAB>INVALID1|INVALID2...].
 * A line without the fourth field expects no invalid entries. Fields accept
 * \t \n \r \\ and \xHH escapes so blanks stay visible. Every failing line is
 * printed with its line number, the expected and the actual value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pacprobe.h"
#include "support/casefile.h"
#include "util/str.h"

/* Joins the invalid list with '|' for comparison and printing. */
static char *join_invalid(const pp_result_t *r) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < r->ninvalid; i++) {
    if (i) pp_str_putc(&s, '|');
    pp_str_puts(&s, r->invalid[i]);
  }
  return pp_str_take(&s);
}

/* Rebuilds the canonical form from the route array, so the test checks the
 * structured routes (type, host without brackets, port) as well. */
static char *from_routes(const pp_result_t *r) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < r->nroutes; i++) {
    const pp_route_t *rt = &r->routes[i];
    if (i) pp_str_putc(&s, ';');
    pp_str_puts(&s, pp_route_type_name(rt->type));
    if (rt->type == PP_ROUTE_DIRECT) {
      if (rt->host || rt->port) pp_str_puts(&s, " <DIRECT with host/port>");
      continue;
    }
    if (!rt->host || strchr(rt->host, '[')) {
      pp_str_puts(&s, " <bad host>");
      continue;
    }
    pp_str_printf(&s, strchr(rt->host, ':') ? " [%s]:%d" : " %s:%d", rt->host, rt->port);
  }
  return pp_str_take(&s);
}

/* Checks one case line against the parser and its route array. */
static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  pp_emulation_t mode;
  if (c->n < 3 || pp_emulation_parse(c->f[0], &mode) != PP_OK) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  const char *want_inv = c->n >= 4 ? c->f[3] : "";
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  if (pp_result_parse(c->f[1], mode, &r) != PP_OK) {
    pp_test_case_fail(c, "pp_result_parse failed\n");
    return PP_TEST_FAIL;
  }
  char *inv = join_invalid(&r);
  char *rebuilt = from_routes(&r);
  pp_test_verdict_t v = PP_TEST_PASS;
  if (!r.canonical || !inv || !rebuilt || strcmp(r.canonical, c->f[2]) != 0 ||
      strcmp(inv, want_inv) != 0 || strcmp(rebuilt, c->f[2]) != 0 || r.nroutes == 0) {
    pp_test_case_fail(c,
                      "%s \"%s\"\n  expected \"%s\" invalid [%s]\n"
                      "  actual   \"%s\" invalid [%s] routes \"%s\"\n",
                      c->f[0], c->f[1], c->f[2], want_inv, r.canonical ? r.canonical : "(null)",
                      inv ? inv : "(null)", rebuilt ? rebuilt : "(null)");
    v = PP_TEST_FAIL;
  }
  free(inv);
  free(rebuilt);
  pp_result_clear(&r);
  return v;
}

static void test_result_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("result.cases", check_case, NULL);
  assert_true(t.cases >= 60);
  assert_int_equal(t.failures, 0);
}

static void test_route_type_names(void **state) {
  (void)state;
  assert_string_equal(pp_route_type_name(PP_ROUTE_DIRECT), "DIRECT");
  assert_string_equal(pp_route_type_name(PP_ROUTE_PROXY), "PROXY");
  assert_string_equal(pp_route_type_name(PP_ROUTE_HTTPS), "HTTPS");
  assert_string_equal(pp_route_type_name(PP_ROUTE_SOCKS4), "SOCKS");
  assert_string_equal(pp_route_type_name(PP_ROUTE_SOCKS5), "SOCKS5");
  assert_string_equal(pp_route_type_name(PP_ROUTE_QUIC), "QUIC");
  assert_non_null(pp_route_type_name((pp_route_type_t)99));
}

static void test_null_and_clear(void **state) {
  (void)state;
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  assert_int_equal(pp_result_parse(NULL, PP_EMU_CHROME, &r), PP_OK);
  assert_string_equal(r.canonical, "DIRECT");
  assert_int_equal(r.nroutes, 1);
  assert_int_equal(r.routes[0].type, PP_ROUTE_DIRECT);
  assert_null(r.routes[0].host);
  pp_result_clear(&r);
  assert_null(r.routes);
  assert_null(r.canonical);
  assert_int_equal(r.nroutes, 0);
  pp_result_clear(NULL);
}

static void test_route_fields(void **state) {
  (void)state;
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  assert_int_equal(pp_result_parse("PROXY [::1]:8080; socks5 Foo", PP_EMU_CHROME, &r), PP_OK);
  assert_int_equal(r.nroutes, 2);
  assert_int_equal(r.routes[0].type, PP_ROUTE_PROXY);
  assert_string_equal(r.routes[0].host, "::1");
  assert_int_equal(r.routes[0].port, 8080);
  assert_int_equal(r.routes[1].type, PP_ROUTE_SOCKS5);
  assert_string_equal(r.routes[1].host, "foo");
  assert_int_equal(r.routes[1].port, 1080);
  pp_result_clear(&r);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_result_cases),
      cmocka_unit_test(test_route_type_names),
      cmocka_unit_test(test_null_and_clear),
      cmocka_unit_test(test_route_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
