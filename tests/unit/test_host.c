/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of host canonicalisation (src/pac/host.c). The cases live in
 * data/host.cases: INPUT<TAB>EXPECTED or INPUT<TAB>!error, grouped in
 * sections: "[canonicalize]" (the default) tests pp_host_canonicalize,
 * "[idn]" pp_idn_to_ascii, "[ip_literal]" pp_host_is_ip_literal (EXPECTED
 * 0 or 1). Fields accept \t \\ and \xHH escapes. Every failing line is
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

#include "pac/host.h"
#include "pacprobe.h"
#include "support/casefile.h"

typedef enum section { SEC_CANON, SEC_IDN, SEC_LITERAL } section_t;

static const char *const section_names[] = {"canonicalize", "idn", "ip_literal"};

/* Runs the function under test; returns its output (malloc'd) or NULL for
 * an error, with the reason in err. */
static char *run(section_t sec, const char *in, char *err, size_t errlen) {
  switch (sec) {
  case SEC_CANON: return pp_host_canonicalize(in, strlen(in), err, errlen);
  case SEC_IDN: return pp_idn_to_ascii(in);
  default: return strdup(pp_host_is_ip_literal(in) ? "1" : "0");
  }
}

static pp_test_verdict_t check_host(section_t sec, const pp_test_case_t *c) {
  if (c->n < 2) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  char err[256] = "";
  char *got = run(sec, c->f[0], err, sizeof(err));
  bool want_err = strcmp(c->f[1], "!error") == 0;
  int bad = want_err ? got != NULL || (sec == SEC_CANON && !err[0])
                     : got == NULL || strcmp(got, c->f[1]) != 0;
  if (bad && got)
    pp_test_case_fail(c, "[%s] \"%s\"\n  expected \"%s\"\n  actual   \"%s\"\n",
                      section_names[sec], c->f[0], c->f[1], got);
  else if (bad)
    pp_test_case_fail(c, "[%s] \"%s\"\n  expected \"%s\"\n  actual   !error (%s)\n",
                      section_names[sec], c->f[0], c->f[1], err);
  free(got);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

/* A "[name]" line switches the section; false when the name is unknown. */
static bool section_line(const char *line, size_t n, section_t *sec) {
  for (size_t i = 0; i < sizeof(section_names) / sizeof(section_names[0]); i++) {
    size_t m = strlen(section_names[i]);
    if (n == m + 2 && memcmp(line + 1, section_names[i], m) == 0) {
      *sec = (section_t)i;
      return true;
    }
  }
  return false;
}

/* ctx is the current section, switched by "[name]" lines (not cases). An
 * unknown section name is a failure. */
static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  section_t *sec = ctx;
  const char *line = c->line;
  size_t n = c->len;
  if (line[0] == '[' && line[n - 1] == ']' && !memchr(line, '\t', n)) {
    if (section_line(line, n, sec)) return PP_TEST_NOT_A_CASE;
    pp_test_case_fail(c, "unknown section\n");
    return PP_TEST_FAIL;
  }
  return check_host(*sec, c);
}

static void test_host_cases(void **state) {
  (void)state;
  section_t sec = SEC_CANON;
  pp_test_tally_t t = pp_test_run_cases("host.cases", check_case, &sec);
  assert_true(t.cases >= 30);
  assert_int_equal(t.failures, 0);
}

/* Length-bounded input: bytes after len are never read or used. */
static void test_bounded(void **state) {
  (void)state;
  char err[128];
  char *h = pp_host_canonicalize("Example.COM:8080", 11, err, sizeof(err));
  assert_non_null(h);
  assert_string_equal(h, "example.com");
  free(h);
  assert_null(pp_host_canonicalize("x", 0, err, sizeof(err)));
  assert_string_equal(err, "empty host");
  assert_null(pp_host_canonicalize("a\0b", 3, NULL, 0));
  assert_null(pp_idn_to_ascii(NULL));
  assert_false(pp_host_is_ip_literal(NULL));
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_host_cases),
      cmocka_unit_test(test_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
