/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the `pacprobe test` case-file grammar (src/pac/cases.c). The
 * line cases are data/caseline.cases (INPUT<TAB>PARSE), the canonical
 * comparison of EXPECTED is data/caseexpect.cases (MODE<TAB>EXPECTED<TAB>
 * CANONICAL or !error SUBSTRING). Each failing line prints what was expected
 * and what the parser made of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pac/cases.h"
#include "support/casefile.h"
#include "util/str.h"

/* The parse in the data file's notation (see caseline.cases). */
static char *describe(const pp_case_line_t *l) {
  pp_str_t s = PP_STR_INIT;
  switch (l->kind) {
  case PP_CASE_NONE: pp_str_puts(&s, "none"); break;
  case PP_CASE_TEST: pp_str_printf(&s, "case %s|%s", l->url, l->expected); break;
  case PP_CASE_DIRECTIVE:
    pp_str_printf(&s, "dir %s %s", pp_case_dir_name(l->dir), l->value ? l->value : "-");
    for (size_t i = 0; i < l->nitems; i++) pp_str_printf(&s, "%s%s", i ? "|" : " [", l->items[i]);
    if (l->nitems) pp_str_putc(&s, ']');
    break;
  }
  return pp_str_take(&s);
}

static pp_test_verdict_t check_line(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n != 2) {
    pp_test_case_fail(c, "malformed line (%zu fields)\n", c->n);
    return PP_TEST_FAIL;
  }
  const char *want = c->f[1];
  bool want_error = strncmp(want, "error ", 6) == 0;
  char err[512];
  pp_case_line_t l;
  pp_status_t st = pp_case_line_parse(c->f[0], strlen(c->f[0]), &l, err, sizeof(err));
  char *got = st == PP_OK ? describe(&l) : NULL;
  bool ok = want_error ? st == PP_EINVAL && strstr(err, want + 6) && l.kind == PP_CASE_NONE
                       : st == PP_OK && got && strcmp(got, want) == 0;
  if (!ok)
    pp_test_case_fail(c, "\"%s\"\n  expected %s\n  actual   %s%s\n", c->f[0], want,
                      st == PP_OK ? (got ? got : "(oom)") : "error ", st == PP_OK ? "" : err);
  free(got);
  pp_case_line_clear(&l);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static pp_test_verdict_t check_expect(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  pp_emulation_t mode;
  if (c->n != 3 || pp_emulation_parse(c->f[0], &mode) != PP_OK) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  const char *want = c->f[2];
  bool want_error = strncmp(want, "!error ", 7) == 0;
  char err[512] = "";
  char *canon = NULL;
  pp_status_t st = pp_case_expected_canonical(c->f[1], mode, &canon, err, sizeof(err));
  bool ok = want_error ? st == PP_EINVAL && !canon && strstr(err, want + 7)
                       : st == PP_OK && canon && strcmp(canon, want) == 0;
  if (!ok)
    pp_test_case_fail(c, "%s \"%s\"\n  expected %s\n  actual   %s\n", c->f[0], c->f[1], want,
                      st == PP_OK ? canon : err);
  free(canon);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_line_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("caseline.cases", check_line, NULL);
  assert_true(t.cases >= 40);
  assert_int_equal(t.failures, 0);
}

static void test_expected_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("caseexpect.cases", check_expect, NULL);
  assert_true(t.cases >= 12);
  assert_int_equal(t.failures, 0);
}

/* Every directive has a distinct name, and clearing twice is safe. */
static void test_names_and_clear(void **state) {
  (void)state;
  for (int i = PP_CASE_DIR_NOW; i <= PP_CASE_DIR_RESET; i++)
    for (int j = i + 1; j <= PP_CASE_DIR_RESET; j++)
      assert_string_not_equal(pp_case_dir_name((pp_case_dir_t)i), pp_case_dir_name((pp_case_dir_t)j));
  assert_non_null(pp_case_dir_name((pp_case_dir_t)99));
  pp_case_line_t l;
  char err[64];
  assert_int_equal(pp_case_line_parse("@my-ip 10.0.0.1", 15, &l, err, sizeof(err)), PP_OK);
  pp_case_line_clear(&l);
  pp_case_line_clear(&l);
  pp_case_line_clear(NULL);
  assert_true(pp_case_expects_error("Error"));
  assert_false(pp_case_expects_error("ERRORS"));
}

/* The length bounds the line: bytes past it are never read. */
static void test_length_bounds(void **state) {
  (void)state;
  const char text[] = "http://a/\tDIRECT\tTRAILING";
  pp_case_line_t l;
  char err[64];
  assert_int_equal(pp_case_line_parse(text, 16, &l, err, sizeof(err)), PP_OK);
  assert_int_equal(l.kind, PP_CASE_TEST);
  assert_string_equal(l.expected, "DIRECT");
  pp_case_line_clear(&l);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_line_cases),
      cmocka_unit_test(test_expected_cases),
      cmocka_unit_test(test_names_and_clear),
      cmocka_unit_test(test_length_bounds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
