/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of return instrumentation (src/js/instrument.c). Cases live
 * in data/instrument.cases: SOURCE<TAB>REWRITTEN<TAB>SITES, SITES being
 * "LINE:COL" of each return in order ("-" for none), or
 * SOURCE<TAB>!error for a source the tokenizer rejects. Lines starting
 * "[calls]" switch on helper-call rewriting for the cases after it. A
 * property test checks on every case and on generated sources that the
 * rewrite never adds or removes a line break.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "js/instrument.h"
#include "support/casefile.h"
#include "util/str.h"

/* The line-break skeleton of a text: every CR, LF and U+2028/9 in order. */
static char *breaks(const char *s, size_t n) {
  pp_str_t out = PP_STR_INIT;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\r') pp_str_putc(&out, s[i]);
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
      pp_str_putc(&out, (char)s[i + 2]);
  }
  return pp_str_take(&out);
}

/* false when the rewrite moved a line break. */
static bool same_lines(const char *src, size_t n, const pp_instrumented_t *r) {
  char *a = breaks(src, n), *b = breaks(r->text, r->len);
  bool same = a && b && strcmp(a, b) == 0;
  free(a);
  free(b);
  return same;
}

static char *sites_text(const pp_instrumented_t *r) {
  pp_str_t s = PP_STR_INIT;
  for (size_t i = 0; i < r->nrets; i++) pp_str_printf(&s, "%s%d:%d", i ? " " : "", r->rets[i].line, r->rets[i].col);
  if (r->nrets == 0) pp_str_puts(&s, "-");
  return pp_str_take(&s);
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  unsigned *flags = ctx;
  if (c->n == 1 && strcmp(c->f[0], "[calls]") == 0) {
    *flags = PP_INSTR_CALLS;
    return PP_TEST_NOT_A_CASE;
  }
  if (c->n < 2) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  pp_instrumented_t r;
  pp_js_error_t err;
  size_t n = strlen(c->f[0]);
  pp_status_t st = pp_instrument(c->f[0], n, *flags, &r, &err);
  bool bad;
  if (strcmp(c->f[1], "!error") == 0) {
    bad = st != PP_ESYNTAX;
    if (bad) pp_test_case_fail(c, "\"%s\": expected a tokenizer error\n", c->f[0]);
    pp_instrumented_clear(&r);
    return bad ? PP_TEST_FAIL : PP_TEST_PASS;
  }
  if (st != PP_OK) {
    pp_test_case_fail(c, "\"%s\": status %d (%s)\n", c->f[0], (int)st, err.msg);
    return PP_TEST_FAIL;
  }
  char *sites = sites_text(&r);
  bad = strcmp(r.text, c->f[1]) != 0 || (c->n > 2 && strcmp(sites, c->f[2]) != 0);
  if (bad)
    pp_test_case_fail(c, "\"%s\"\n  expected %s [%s]\n  actual   %s [%s]\n", c->f[0], c->f[1],
                      c->n > 2 ? c->f[2] : "", r.text, sites);
  if (!same_lines(c->f[0], n, &r)) {
    bad = true;
    pp_test_case_fail(c, "\"%s\": line breaks changed\n", c->f[0]);
  }
  free(sites);
  pp_instrumented_clear(&r);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static void test_instrument_cases(void **state) {
  (void)state;
  unsigned flags = 0;
  pp_test_tally_t t = pp_test_run_cases("instrument.cases", check_case, &flags);
  assert_true(t.cases >= 20);
  assert_int_equal(t.failures, 0);
}

/* Property: random sources built from return-heavy fragments keep every
 * line break, and every `return` statement becomes a site. */
static void test_lines_never_move(void **state) {
  (void)state;
  static const char *const frag[] = {
      "return", " ", "\n", "\r\n", "\r", "x", "f(", ")", "{", "}", ";", "a ? b : c", ",",
      "/re/g", " / 2", "'s\\\n'", "// c\n", "/* \n */", "`t${", "}`", "\xe2\x80\xa8", "if (a)",
      "+", "++", "[", "]", "isInNet(", "function g(){", "obj.return", "{return: 1}"};
  const size_t nf = sizeof(frag) / sizeof(frag[0]);
  unsigned seed = 12345;
  size_t checked = 0;
  for (int iter = 0; iter < 3000; iter++) {
    pp_str_t s = PP_STR_INIT;
    int len = 1 + (int)(seed % 25);
    for (int k = 0; k < len; k++) {
      seed = seed * 1103515245u + 12345u;
      pp_str_puts(&s, frag[(seed >> 16) % nf]);
    }
    pp_instrumented_t r;
    pp_status_t st = pp_instrument(s.s, s.len, PP_INSTR_CALLS, &r, NULL);
    assert_true(st == PP_OK || st == PP_ESYNTAX);
    if (st == PP_OK) {
      if (!same_lines(s.s, s.len, &r)) fail_msg("line breaks moved in: %s", s.s);
      checked++;
    }
    pp_instrumented_clear(&r);
    pp_str_free(&s);
  }
  assert_true(checked > 500);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_instrument_cases),
      cmocka_unit_test(test_lines_never_move),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
