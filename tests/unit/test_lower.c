/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the ES2015+ lowering (src/js/lower*.c). The cases live in
 * data/lower.cases: SOURCE<TAB>EXPECTED, where EXPECTED is the lowered text,
 * "=" (an ES5 source comes back unchanged), "!unsupported LINE:COL FEATURE
 * (ES)" or "!syntax LINE:COL". An optional third field "note LINE:COL" wants
 * a loop-closure note there. Every case also checks the invariant that
 * carries positions: the output has exactly the line breaks of the input.
 * A bounded random-token-stream test (any compiler) complements the
 * libFuzzer target tests/fuzz/fuzz_lower.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "js/lower.h"
#include "support/casefile.h"
#include "util/str.h"

static size_t count_breaks(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))) k++;
  return k;
}

/* What the case file compares: the lowered text, "=", or the error. */
static char *render(const char *src, pp_lower_result_t *r, pp_status_t st) {
  pp_str_t out = PP_STR_INIT;
  if (st == PP_EUNSUPPORTED)
    pp_str_printf(&out, "!unsupported %d:%d %s (%s)", r->error.line, r->error.col,
                  r->error.feature, r->error.es);
  else if (st == PP_ESYNTAX)
    pp_str_printf(&out, "!syntax %d:%d", r->error.line, r->error.col);
  else if (st != PP_OK)
    pp_str_printf(&out, "!status %d", (int)st);
  else if (!r->changed)
    pp_str_puts(&out, "=");
  else
    pp_str_append(&out, r->text, r->len);
  (void)src;
  return pp_str_take(&out);
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 2) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  const char *src = c->f[0];
  pp_lower_result_t r;
  pp_status_t st = pp_lower(src, strlen(src), &r);
  char *got = render(src, &r, st);
  bool bad = !got || strcmp(got, c->f[1]) != 0;
  if (bad)
    pp_test_case_fail(c, "lowering of \"%s\"\n  expected %s\n  actual   %s\n", src, c->f[1],
                      got ? got : "(oom)");
  if (!bad && st == PP_OK && r.changed &&
      count_breaks(r.text, r.len) != count_breaks(src, strlen(src))) {
    bad = true;
    pp_test_case_fail(c, "line breaks changed: %s\n", r.text);
  }
  if (!bad && c->n > 2) {
    char want[64] = "";
    if (r.nnotes) snprintf(want, sizeof(want), "note %d:%d", r.notes[0].line, r.notes[0].col);
    if (strcmp(want, c->f[2]) != 0) {
      bad = true;
      pp_test_case_fail(c, "expected %s, got '%s'\n", c->f[2], want);
    }
  }
  free(got);
  pp_lower_clear(&r);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static void test_lower_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("lower.cases", check_case, NULL);
  assert_true(t.cases >= 50);
  assert_int_equal(t.failures, 0);
}

/* The position map sends a lowered offset back to the original token. */
static void test_map(void **state) {
  (void)state;
  const char *src = "let a = 1;\nconst b = x => a;";
  pp_lower_result_t r;
  assert_int_equal(pp_lower(src, strlen(src), &r), PP_OK);
  assert_true(r.changed);
  const char *at = strstr(r.text, "x)");
  assert_non_null(at);
  int line = 0, col = 0;
  assert_true(pp_lower_map(&r, (size_t)(at - r.text), &line, &col));
  assert_int_equal(line, 2);
  assert_int_equal(col, 11);
  pp_lower_clear(&r);
}

/* The formatted message is the one the CLI prints (issue 9, must-show 2). */
static void test_format(void **state) {
  (void)state;
  const char *src = "var a;\n\n\n\n\n\n\n\nexport var g;";
  pp_lower_result_t r;
  assert_int_equal(pp_lower(src, strlen(src), &r), PP_EUNSUPPORTED);
  char buf[256];
  pp_lower_format_unsupported(&r.error, "p.pac", buf, sizeof(buf));
  assert_string_equal(buf, "p.pac:9:1: unsupported JavaScript feature 'export' (ES2015) \xe2\x80\x94 "
                           "browsers accept this; pacprobe's engine does not");
  pp_lower_clear(&r);
}

/* Random streams of real tokens: pp_lower must return, never crash or read
 * out of bounds (ASan build), and keep the line breaks whenever it
 * rewrites. Bounded: 3000 streams of up to 120 tokens. */
static const char *const VOCAB[] = {
    "let", "const", "var", "x", "y", "of", "in", "for", "(", ")", "{", "}", "[", "]", "=>",
    "=", ",", ";", "...", "**", "**=", "`a${", "}b`", "`t`", "\n", "function", "return",
    "catch", "try", "0b11", "0o7", ".", "?", ":", "+", "this", "arguments", "class", "/re/u",
    "async", "if", "else", "\"s\"", "1", "f(", "o.m(", "...z)", "= 1", "{a, b}", "[c, d]", NULL};

static uint32_t next_rand(uint32_t *s) {
  *s = *s * 1103515245u + 12345u;
  return *s >> 8;
}

static void test_random_tokens(void **state) {
  (void)state;
  size_t nv = 0;
  while (VOCAB[nv]) nv++;
  uint32_t seed = 42;
  size_t rewritten = 0;
  for (int round = 0; round < 3000; round++) {
    pp_str_t s = PP_STR_INIT;
    int len = (int)(next_rand(&seed) % 120);
    for (int i = 0; i < len; i++) {
      pp_str_puts(&s, VOCAB[next_rand(&seed) % nv]);
      pp_str_putc(&s, ' ');
    }
    const char *src = s.s ? s.s : "";
    pp_lower_result_t r;
    pp_status_t st = pp_lower(src, s.len, &r);
    if (!(st == PP_OK || st == PP_EUNSUPPORTED || st == PP_ESYNTAX)) fprintf(stderr, "status %d for: %s\n", (int)st, src);
    assert_true(st == PP_OK || st == PP_EUNSUPPORTED || st == PP_ESYNTAX);
    if (st == PP_OK && r.changed) {
      rewritten++;
      assert_int_equal(count_breaks(r.text, r.len), count_breaks(src, s.len));
    }
    pp_lower_clear(&r);
    pp_str_free(&s);
  }
  assert_true(rewritten > 0);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lower_cases),
      cmocka_unit_test(test_map),
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_random_tokens),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
