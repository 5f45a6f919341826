/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the JavaScript tokenizer (src/js/jslex.c). The cases live
 * in data/jslex.cases: SOURCE<TAB>TOKENS[<TAB>POSITIONS]. TOKENS is every
 * token but EOF as "kind:text" joined by one space, "^" in front of a token
 * with a line end before it, and "ERR@LINE:COL message" after the tokens
 * read before a lexing error. POSITIONS, when given, is "LINE:COL" of each
 * token. Fields use the case-file escapes (\t \n \r \\ \xHH).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "js/jslex.h"
#include "support/casefile.h"
#include "util/str.h"

/* Renders the tokens of src (and positions into *pos when non-NULL). */
static char *render(const char *src, size_t len, unsigned flags, char **pos) {
  pp_js_lexer_t lx;
  pp_js_token_t t;
  pp_str_t out = PP_STR_INIT, p = PP_STR_INIT;
  pp_js_lexer_init(&lx, src, len, flags);
  for (;;) {
    bool ok = pp_js_next(&lx, &t);
    if (ok && t.kind == PP_JS_EOF) break;
    if (out.len) pp_str_putc(&out, ' ');
    if (p.len) pp_str_putc(&p, ' ');
    if (!ok) {
      pp_str_printf(&out, "ERR@%d:%d %s", lx.err.line, lx.err.col, lx.err.msg);
      break;
    }
    pp_str_printf(&out, "%s%s:%.*s", t.nl_before ? "^" : "", pp_js_kind_name(t.kind),
                  (int)t.len, src + t.off);
    pp_str_printf(&p, "%d:%d", t.line, t.col);
  }
  if (pos) *pos = pp_str_take(&p);
  else pp_str_free(&p);
  return pp_str_take(&out);
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 2) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  char *pos = NULL;
  char *got = render(c->f[0], strlen(c->f[0]), 0, &pos);
  bool bad = !got || strcmp(got, c->f[1]) != 0;
  if (bad) pp_test_case_fail(c, "tokens of \"%s\"\n  expected %s\n  actual   %s\n", c->f[0], c->f[1], got ? got : "(oom)");
  if (!bad && c->n > 2 && (!pos || strcmp(pos, c->f[2]) != 0)) {
    bad = true;
    pp_test_case_fail(c, "positions of \"%s\"\n  expected %s\n  actual   %s\n", c->f[0], c->f[2], pos ? pos : "(oom)");
  }
  free(got);
  free(pos);
  return bad ? PP_TEST_FAIL : PP_TEST_PASS;
}

static void test_jslex_cases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("jslex.cases", check_case, NULL);
  assert_true(t.cases >= 40);
  assert_int_equal(t.failures, 0);
}

/* Bytes past len are never read: a source cut inside a string is an
 * unterminated string, not the full string of the longer buffer. */
static void test_bounded(void **state) {
  (void)state;
  const char *s = "x = 'abc';";
  char *got = render(s, 7, 0, NULL);
  assert_string_equal(got, "id:x p:= ERR@1:5 unterminated string literal");
  free(got);
  got = render("a/*b*/c", 7, PP_JS_KEEP_COMMENTS, NULL);
  assert_string_equal(got, "id:a com:/*b*/ id:c");
  free(got);
}

static void test_tokenize_array(void **state) {
  (void)state;
  pp_js_token_t *toks = NULL;
  size_t n = 0;
  pp_js_error_t err;
  assert_int_equal(pp_js_tokenize("return 1", 8, 0, &toks, &n, &err), PP_OK);
  assert_int_equal(n, 3);
  assert_int_equal(toks[0].kind, PP_JS_KEYWORD);
  assert_true(pp_js_tok_is(&toks[0], "return 1", "return"));
  assert_int_equal(toks[2].kind, PP_JS_EOF);
  free(toks);
  assert_int_equal(pp_js_tokenize("a\n/* x", 6, 0, &toks, &n, &err), PP_ESYNTAX);
  assert_null(toks);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.col, 1);
  assert_string_equal(err.msg, "unterminated comment");
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_jslex_cases),
      cmocka_unit_test(test_bounded),
      cmocka_unit_test(test_tokenize_array),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
