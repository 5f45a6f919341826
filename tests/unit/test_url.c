/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of URL preparation (src/pac/url.c). The cases live in
 * data/url.cases: MODE<TAB>URL<TAB>PAC_URL<TAB>HOST<TAB>BYPASS(0/1), or
 * MODE<TAB>URL<TAB>!badurl[<TAB>TEXT] where TEXT must appear in the error
 * message. Fields accept \t \\ and \xHH escapes. Every failing line is
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

static pp_test_verdict_t check_bad(const pp_test_case_t *c, pp_emulation_t mode) {
  pp_url_info_t u;
  char err[256] = "";
  pp_status_t st = pp_url_prepare(c->f[1], mode, &u, err, sizeof(err));
  const char *want = c->n >= 4 ? c->f[3] : "";
  int bad = st != PP_EBADURL || u.pac_url || u.host || u.implicit_bypass || !err[0] ||
            !strstr(err, want);
  if (bad)
    pp_test_case_fail(c,
                      "%s \"%s\"\n  expected !badurl (error containing \"%s\")\n"
                      "  actual   status %d, pac_url \"%s\", host \"%s\", error \"%s\"\n",
                      c->f[0], c->f[1], want, (int)st, u.pac_url ? u.pac_url : "(null)",
                      u.host ? u.host : "(null)", err);
  pp_url_info_clear(&u);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static pp_test_verdict_t check_good(const pp_test_case_t *c, pp_emulation_t mode) {
  pp_url_info_t u;
  char err[256] = "";
  if (c->n < 5 || (strcmp(c->f[4], "0") != 0 && strcmp(c->f[4], "1") != 0)) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  bool want_bypass = c->f[4][0] == '1';
  pp_status_t st = pp_url_prepare(c->f[1], mode, &u, err, sizeof(err));
  int bad = st != PP_OK || !u.pac_url || !u.host || strcmp(u.pac_url, c->f[2]) != 0 ||
            strcmp(u.host, c->f[3]) != 0 || u.implicit_bypass != want_bypass;
  if (bad)
    pp_test_case_fail(c,
                      "%s \"%s\"\n  expected pac_url \"%s\" host \"%s\" bypass %d\n"
                      "  actual   pac_url \"%s\" host \"%s\" bypass %d (status %d, error \"%s\")\n",
                      c->f[0], c->f[1], c->f[2], c->f[3], want_bypass,
                      u.pac_url ? u.pac_url : "(null)", u.host ? u.host : "(null)",
                      u.implicit_bypass, (int)st, err);
  pp_url_info_clear(&u);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  pp_emulation_t mode;
  if (c->n < 3 || pp_emulation_parse(c->f[0], &mode) != PP_OK) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  if (strcmp(c->f[2], "!badurl") == 0) return check_bad(c, mode);
  return check_good(c, mode);
}

static void test_url_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("url.cases", check_case, NULL);
  assert_true(t.cases >= 50);
  assert_int_equal(t.failures, 0);
}

/* NULL URL, NULL err buffer and clearing twice must all be safe. */
static void test_edges(void **state) {
  (void)state;
  pp_url_info_t u;
  assert_int_equal(pp_url_prepare(NULL, PP_EMU_CHROME, &u, NULL, 0), PP_EBADURL);
  assert_null(u.pac_url);
  assert_int_equal(pp_url_prepare("nope", PP_EMU_FIREFOX, &u, NULL, 0), PP_EBADURL);
  assert_int_equal(pp_url_prepare("http://h/", PP_EMU_CHROME, &u, NULL, 0), PP_OK);
  pp_url_info_clear(&u);
  pp_url_info_clear(&u);
  pp_url_info_clear(NULL);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_url_cases),
      cmocka_unit_test(test_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
