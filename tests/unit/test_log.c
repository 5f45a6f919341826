/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the log parsers and the format detection (src/log, issue
 * 22). The cases live in data/log.cases (FORMAT, LINE, VERDICT, URL or
 * reason, bytes); a FORMAT written "+fmt" keeps the previous case's parser,
 * so W3C and CSV headers are tested with the entries after them. The
 * readers of compressed input are tested end to end (tests/cli/scenarios/logs.t).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "log/log.h"
#include "support/casefile.h"

typedef struct ctx {
  pp_log_parser_t p;
  bool live;
  unsigned entries, skips, bads, detects;
} ctx_t;

static pp_test_verdict_t check_detect(const pp_test_case_t *c, ctx_t *x) {
  bool decided;
  pp_log_format_t f = pp_log_detect(c->f[1], strlen(c->f[1]), &decided);
  const char *got = decided ? pp_log_format_name(f) : "undecided";
  x->detects++;
  if (strcmp(got, c->f[2]) == 0) return PP_TEST_PASS;
  pp_test_case_fail(c, "detected %s, expected %s\n", got, c->f[2]);
  return PP_TEST_FAIL;
}

static bool start_parser(const pp_test_case_t *c, ctx_t *x) {
  const char *fmt = c->f[0];
  if (fmt[0] == '+' && x->live) return true;
  if (x->live) pp_log_parser_free(&x->p);
  x->live = pp_log_parser_init(&x->p, fmt[0] == '+' ? fmt + 1 : fmt);
  if (!x->live) pp_test_case_fail(c, "unknown format %s\n", fmt);
  return x->live;
}

static pp_test_verdict_t check_case(const pp_test_case_t *c, void *udata) {
  ctx_t *x = udata;
  if (c->n < 3) {
    pp_test_case_fail(c, "malformed line\n");
    return PP_TEST_FAIL;
  }
  if (strcmp(c->f[0], "detect") == 0) return check_detect(c, x);
  if (!start_parser(c, x)) return PP_TEST_FAIL;
  pp_log_rec_t rec;
  pp_log_line_t r = pp_log_parse_line(&x->p, c->f[1], strlen(c->f[1]), &rec);
  const char *want = c->f[2];
  bool ok = false;
  if (strcmp(want, "skip") == 0) {
    ok = r == PP_LOG_SKIP;
    x->skips++;
  } else if (strcmp(want, "bad") == 0) {
    ok = r == PP_LOG_BAD && c->n >= 4 && strstr(x->p.err, c->f[3]) && !strchr(x->p.err, '\n');
    x->bads++;
  } else if (strcmp(want, "entry") == 0 && c->n >= 5) {
    ok = r == PP_LOG_ENTRY && rec.url_len == strlen(c->f[3]) &&
         memcmp(rec.url, c->f[3], rec.url_len) == 0 && rec.bytes == atoll(c->f[4]);
    x->entries++;
  }
  if (ok) return PP_TEST_PASS;
  pp_test_case_fail(c, "expected %s %s\n  actual   %s url '%.*s' bytes %lld err '%s'\n", want,
                    c->n >= 4 ? c->f[3] : "",
                    r == PP_LOG_ENTRY ? "entry" : r == PP_LOG_SKIP ? "skip" : "bad",
                    (int)rec.url_len, rec.url ? rec.url : "", rec.bytes, x->p.err);
  return PP_TEST_FAIL;
}

static void test_log_cases(void **state) {
  (void)state;
  ctx_t x;
  memset(&x, 0, sizeof(x));
  pp_test_tally_t t = pp_test_run_cases("log.cases", check_case, &x);
  if (x.live) pp_log_parser_free(&x.p);
  assert_int_equal(t.failures, 0);
  /* every verdict kind in every format is exercised */
  assert_true(x.entries >= 15 && x.skips >= 8 && x.bads >= 15 && x.detects >= 10);
}

/* Format names, aliases and the csv:COLUMN form. */
static void test_names(void **state) {
  (void)state;
  pp_log_parser_t p;
  assert_true(pp_log_parser_init(&p, "bluecoat") && p.format == PP_LOG_W3C);
  assert_true(pp_log_parser_init(&p, "csv:Request URL") && p.format == PP_LOG_CSV);
  assert_string_equal(p.csv_column, "Request URL");
  assert_false(pp_log_parser_init(&p, "squid:x"));
  assert_false(pp_log_parser_init(&p, "csv:"));
  assert_false(pp_log_parser_init(&p, "syslog"));
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_log_cases),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
