/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/pac/regex.c, the pattern rewrite for Duktape, as data:
 * data/regex.cases (format in its header). What the rewritten patterns
 * match is tested through the engine in tests/cases/regexp.fcases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pac/regex.h"
#include "support/casefile.h"

static void names_of(const pp_regex_t *r, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < r->nnames && n < cap; k++)
    n += (size_t)snprintf(buf + n, cap - n, "%s%d=%s", k ? "," : "", r->name_group[k], r->name[k]);
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  char *const *f = c->f;
  if (c->n < 3) {
    pp_test_case_fail(c, "expected PATTERN<TAB>FLAGS<TAB>RESULT[<TAB>NAMES]\n");
    return PP_TEST_FAIL;
  }
  pp_regex_t r;
  assert_true(pp_regex_rewrite(f[0], strlen(f[0]), f[1], &r));
  char got[512], names[256];
  if (r.unsupported) snprintf(got, sizeof(got), "!unsupported %s", r.unsupported);
  else if (r.syntax[0]) snprintf(got, sizeof(got), "!syntax %s", r.syntax);
  else snprintf(got, sizeof(got), "%s/%s", r.src.s, r.flags);
  names_of(&r, names, sizeof(names));
  bool ok = strcmp(got, f[2]) == 0 && (c->n < 4 || strcmp(names, f[3]) == 0);
  bool same = !r.unsupported && !r.syntax[0] && !r.changed;
  if (ok && same && (strcmp(r.src.s, f[0]) != 0 || strcmp(r.flags, f[1]) != 0)) ok = false;
  if (!ok)
    pp_test_case_fail(c, "/%s/%s: expected %s [%s], got %s [%s]\n", f[0], f[1], f[2],
                      c->n >= 4 ? f[3] : "", got, names);
  pp_regex_clear(&r);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_cases_file(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("regex.cases", check_case, NULL);
  assert_true(t.cases >= 40);
  assert_int_equal(t.failures, 0);
}

/* Inputs a case file cannot spell: NUL bytes, a pattern cut mid-escape. */
static void test_bytes(void **state) {
  (void)state;
  pp_regex_t r;
  assert_true(pp_regex_rewrite("a\0b", 3, "s", &r));
  assert_int_equal(r.src.len, 3);
  assert_memory_equal(r.src.s, "a\0b", 3);
  pp_regex_clear(&r);
  assert_true(pp_regex_rewrite("(?<n>a)\\", 8, "", &r));
  assert_string_equal(r.syntax, "\\ at end of pattern");
  pp_regex_clear(&r);
  assert_true(pp_regex_rewrite("\\u{1F6", 6, "u", &r));
  assert_true(r.syntax[0] != '\0');
  pp_regex_clear(&r);
}

int main(int argc, char **argv) {
  if (argc > 1) pp_test_set_datadir(argv[1]);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases_file),
      cmocka_unit_test(test_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
