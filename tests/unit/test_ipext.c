/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/pac/ipext.c: sortIpAddressList and isInNetEx as data.
 * Every case lives in data/ipext.cases (format in its header); this file
 * only reads it, runs each line and reports file:line for each mismatch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pac/ipext.h"
#include "support/casefile.h"

static bool run_sort(const pp_test_case_t *c) {
  char *const *f = c->f;
  assert_int_equal(c->n, 3);
  char *out = NULL;
  pp_status_t st = pp_ip_sort_list(f[1], &out);
  bool want_invalid = !strcmp(f[2], "!invalid");
  bool ok = want_invalid ? st == PP_EINVAL && !out : st == PP_OK && out && !strcmp(out, f[2]);
  if (!ok)
    pp_test_case_fail(c, "sort \"%s\": expected %s, got %s\n", f[1], f[2],
                      st == PP_OK ? (out ? out : "(null)") : (st == PP_EINVAL ? "!invalid" : "other error"));
  free(out);
  return ok;
}

static bool run_innet(const pp_test_case_t *c) {
  char *const *f = c->f;
  assert_int_equal(c->n, 5);
  assert_true(!strcmp(f[3], "loose") || !strcmp(f[3], "strict"));
  assert_true(!strcmp(f[4], "true") || !strcmp(f[4], "false"));
  bool got = pp_ip_in_net_ex(f[1], f[2], !strcmp(f[3], "strict"));
  bool want = !strcmp(f[4], "true");
  if (got != want)
    pp_test_case_fail(c, "isInNetEx(\"%s\", \"%s\") %s: expected %s\n", f[1], f[2], f[3], f[4]);
  return got == want;
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  bool ok = false;
  if (!strcmp(c->f[0], "sort")) ok = run_sort(c);
  else if (!strcmp(c->f[0], "innet")) ok = run_innet(c);
  else pp_test_case_fail(c, "unknown case kind '%s'\n", c->f[0]);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_cases_file(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("ipext.cases", check_case, NULL);
  assert_true(t.cases >= 40);
  assert_int_equal(t.failures, 0);
}

/* Inputs a case file cannot spell. */
static void test_null_and_output(void **state) {
  (void)state;
  char *out = (char *)"sentinel";
  assert_int_equal(pp_ip_sort_list(NULL, &out), PP_EINVAL);
  assert_null(out);
  assert_false(pp_ip_in_net_ex(NULL, "10.0.0.0/8", false));
  assert_false(pp_ip_in_net_ex("10.0.0.1", NULL, false));
  assert_false(pp_ip_in_net_ex("10.0.0.1\xc3\xa9", "10.0.0.0/8", false));
  /* The result is a fresh string the caller frees, even for one entry. */
  assert_int_equal(pp_ip_sort_list("::1", &out), PP_OK);
  assert_string_equal(out, "::1");
  free(out);
}

int main(int argc, char **argv) {
  if (argc > 1) pp_test_set_datadir(argv[1]);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases_file),
      cmocka_unit_test(test_null_and_output),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
