/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the lint library (the files of src/lint/) without the program: a
 * table of small PACs, each with the exact list of "line:col:code" its
 * diagnostics must produce (empty for the ones that must stay silent), and
 * the edit distance behind the suggestions. Failures print the case, the
 * expected and the actual list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/lint.h"
#include "lint/lint_int.h"
#include "util/str.h"

typedef struct lint_case {
  const char *mode;
  const char *src;
  const char *want; /* "line:col:code" joined by spaces */
} lint_case_t;

#define FP "function FindProxyForURL(url, host) {\n"

static const lint_case_t cases[] = {
    {"chrome", FP "  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (isplainhostname(host)) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:7:unknown-function"},
    {"chrome", FP "  var f = function (h) { return h; };\n  return f(host) ? \"DIRECT\" : \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  return x.indexOf(\"a\") ? \"PROXY\" : \"DIRECT\";\n}\n", "2:27:bad-result"},
    {"chrome", FP "  return 'PROXY a:1; HTTP b:2';\n}\n", "2:10:bad-result"},
    {"firefox", FP "  return 'PROXY a:1; HTTP b:2';\n}\n", "2:10:mode-difference"},
    {"chrome", FP "  return\n  \"DIRECT\";\n}\n", "3:3:unreachable"},
    {"chrome", FP "  return \"DIRECT\";\n  function h() {}\n}\n", ""},
    {"chrome", FP "  switch (host) {\n  case 'a': return \"DIRECT\";\n  default: break;\n  }\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (timeRange(9, 17, 'GMT') && weekdayRange('MON', 'FRI', 'GMT')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (dateRange(1, 'JAN', 31, 'DEC') || dateRange(2026)) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (weekdayRange('MON', 'FRI', 'gmt')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:34:bad-date"},
    {"chrome", FP "  if (typeof isInNetEx == 'function' && isInNetEx(host, '10.0.0.0/8')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (isInNetEx(host, '10.0.0.0')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:7:mode-difference 2:23:bad-ip"},
    {"chrome", FP "  if (shExpMatch(host, '(*.a.com|a.com)')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (shExpMatch(host, '*.Example.com')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:24:never-matches"},
    {"pacparser", FP "  if (shExpMatch(host, '*.Example.com')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  // not for Chrome: it strips https paths\n  if (shExpMatch(url, 'https://a/b/*')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n", ""},
    {"chrome", FP "  if (url.indexOf('https://a.example/login') == 0) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:19:mode-difference"},
    {"chrome", FP "  if (isResolvable('wpad.corp') && isInNet(host, '10.0.0.0', '255.0.0.0')) return \"DIRECT\";\n  return \"DIRECT\";\n}\n",
     "2:7:dns-on-host"}, /* one warning per function (issue 18) */
    {"chrome", "function findProxyForURL(url, host) { return \"DIRECT\"; }\n", "1:10:no-findproxy"},
    {"chrome", FP "  return (;\n}\n", "2:11:syntax"}, /* the column of the ";" (lint_syntax.c) */
    {"chrome", FP "  return \"DIRECT;\n}\n", "2:10:syntax"},
};

static char *run_case(const lint_case_t *lc) {
  pp_engine_opts_t eo;
  pp_engine_opts_init(&eo);
  assert_int_equal(pp_emulation_parse(lc->mode, &eo.emulate), PP_OK);
  eo.resolver = pp_resolver_new();
  assert_non_null(eo.resolver);
  pp_resolver_set_offline(eo.resolver, true);
  pp_lint_report_t rep;
  memset(&rep, 0, sizeof(rep));
  assert_int_equal(pp_lint_source(lc->src, strlen(lc->src), "t.pac", &eo, &rep), PP_OK);
  pp_str_t got = PP_STR_INIT;
  pp_str_puts(&got, "");
  for (size_t i = 0; i < rep.n; i++) {
    pp_str_printf(&got, "%s%d:%d:%s", i ? " " : "", rep.v[i].line, rep.v[i].col, rep.v[i].code);
    assert_non_null(pp_lint_rule_find(rep.v[i].code)); /* every code is a listed rule */
  }
  pp_lint_report_clear(&rep);
  pp_resolver_free(eo.resolver);
  return pp_str_take(&got);
}

static void test_cases(void **state) {
  (void)state;
  int failed = 0;
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char *got = run_case(&cases[i]);
    assert_non_null(got);
    if (strcmp(got, cases[i].want) != 0) {
      printf("case %zu (%s):\n%s  expected [%s]\n  got      [%s]\n", i, cases[i].mode,
             cases[i].src, cases[i].want, got);
      failed++;
    }
    free(got);
  }
  assert_int_equal(failed, 0);
}

static void test_distance(void **state) {
  (void)state;
  assert_int_equal(pp_lint_distance("shExpMatchs", "shExpMatch"), 1);
  assert_int_equal(pp_lint_distance("isplainhostname", "isPlainHostName"), 0);
  assert_int_equal(pp_lint_distance("dnsDomainsI", "dnsDomainIs"), 1); /* transposition */
  assert_int_equal(pp_lint_distance("", "abc"), 3);
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_distance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
