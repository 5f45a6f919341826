/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/pac/state.c (pp_pac_state_scan): which scripts write
 * global state from inside a function. Every case lives in data/state.cases
 * (format in its header); this file reads it and reports file:line.
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

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  char *const *f = c->f;
  assert_true(c->n == 2 || c->n == 3);
  bool want = !strcmp(f[1], "stateful"), got = false;
  char why[256];
  pp_status_t st = pp_pac_state_scan(f[0], strlen(f[0]), "t", 64, &got, why, sizeof(why));
  bool ok = st == PP_OK && got == want && (c->n < 3 || strstr(why, f[2]) != NULL);
  if (!ok)
    pp_test_case_fail(c, "expected %s%s%s, got %s (%s)\n", f[1], c->n == 3 ? " with " : "",
                      c->n == 3 ? f[2] : "", got ? "stateful" : "pure", why);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_cases_file(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("state.cases", check_case, NULL);
  assert_true(t.cases >= 25);
  assert_int_equal(t.failures, 0);
}

int main(int argc, char **argv) {
  if (argc > 1) pp_test_set_datadir(argv[1]);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
