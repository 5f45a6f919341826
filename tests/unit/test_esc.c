/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the escaping of foreign text for a terminal (src/util/esc.c,
 * issue 15 item 8). The cases live in data/esc.cases: INPUT<TAB>SHOWN; each
 * is also checked against pp_esc_needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/casefile.h"
#include "util/esc.h"

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n != 2) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  pp_str_t o = PP_STR_INIT;
  size_t n = strlen(c->f[0]);
  bool ok = pp_esc_text(&o, c->f[0], n);
  const char *got = o.s ? o.s : "";
  bool bad = !ok || strcmp(got, c->f[1]) != 0 ||
             pp_esc_needed(c->f[0], n) != (strcmp(c->f[0], c->f[1]) != 0);
  if (bad) pp_test_case_fail(c, "expected \"%s\"\n  actual   \"%s\"\n", c->f[1], got);
  pp_str_free(&o);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static void test_esc_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("esc.cases", check_case, NULL);
  assert_true(t.cases >= 19);
  assert_int_equal(t.failures, 0);
}

/* An embedded NUL (n counts it) is shown, not a cut. */
static void test_nul(void **state) {
  (void)state;
  pp_str_t o = PP_STR_INIT;
  assert_true(pp_esc_text(&o, "a\0b", 3));
  assert_string_equal(o.s, "a\\x00b");
  pp_str_free(&o);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_esc_cases),
      cmocka_unit_test(test_nul),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
