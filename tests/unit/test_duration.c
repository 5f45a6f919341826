/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the duration parser (src/util/duration.c) behind every
 * duration option. Cases in data/duration.cases:
 * TEXT<TAB>DEFAULT_UNIT_MS<TAB>EXPECTED_MS|error.
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
#include "util/duration.h"

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n != 3) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  unsigned long ms = 0;
  char err[128] = "";
  bool ok = pp_duration_parse(c->f[0], (unsigned)strtoul(c->f[1], NULL, 10), &ms, err, sizeof(err));
  bool want_error = strcmp(c->f[2], "error") == 0;
  if (ok == !want_error && (!ok || ms == strtoul(c->f[2], NULL, 10)) && (ok || err[0])) return PP_TEST_PASS;
  pp_test_case_fail(c, "'%s' (unit %s ms): expected %s, got %s %lu (%s)\n", c->f[0], c->f[1],
                    c->f[2], ok ? "ok" : "error", ms, err);
  return PP_TEST_FAIL;
}

static void test_duration_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("duration.cases", check_case, NULL);
  assert_true(t.cases >= 40);
  assert_int_equal(t.failures, 0);
}

/* The reasons are one line each and tell a shape error from a range error. */
static void test_duration_reasons(void **state) {
  (void)state;
  unsigned long ms = 7;
  char err[128];
  assert_false(pp_duration_parse("5x", 1000, &ms, err, sizeof(err)));
  assert_string_equal(err, "expected a number with an optional unit ms or s (e.g. 5, 2.5, 500ms)");
  assert_false(pp_duration_parse("0", 1000, &ms, err, sizeof(err)));
  assert_string_equal(err, "expected 1 ms to 1000000 s");
  assert_int_equal(ms, 7); /* untouched on error */
  assert_false(pp_duration_parse("x", 1, &ms, NULL, 0)); /* err is optional */
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_duration_cases),
      cmocka_unit_test(test_duration_reasons),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
