/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the result grammar (src/pac/result.c). The cases live in
 * data/result.cases: MODE<TAB>INPUT<TAB>CANONICAL[<TAB>INVALID1|INVALID2...].
 * A line without the fourth field expects no invalid entries. Fields accept
 * \t \n \r \\ and \xHH escapes so blanks stay visible. Every failing line is
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
#include "util/buf.h"
#include "util/str.h"

#define MAX_FIELDS 6

static const char *datadir;

typedef struct fields {
  char *f[MAX_FIELDS];
  size_t n;
} fields_t;

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static char *unescape(const char *p, size_t n) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c == '\\' && i + 1 < n) {
      char e = p[++i];
      if (e == 't') c = '\t';
      else if (e == 'n') c = '\n';
      else if (e == 'r') c = '\r';
      else if (e == 'x' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
        c = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
        i += 2;
      } else c = e;
    }
    pp_str_putc(&s, c);
  }
  return pp_str_take(&s);
}

static void split_fields(const char *line, size_t len, fields_t *fl) {
  fl->n = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len && fl->n < MAX_FIELDS; i++) {
    if (i == len || line[i] == '\t') {
      fl->f[fl->n++] = unescape(line + start, i - start);
      start = i + 1;
    }
  }
}

static void free_fields(fields_t *fl) {
  for (size_t i = 0; i < fl->n; i++) free(fl->f[i]);
  fl->n = 0;
}

static char *read_file(const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof(path), "%s/%s", datadir, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  pp_str_t s = PP_STR_INIT;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0) pp_str_append(&s, buf, n);
  fclose(f);
  *len = s.len;
  return pp_str_take(&s);
}

/* Joins the invalid list with '|' for comparison and printing. */
static char *join_invalid(const pp_result_t *r) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < r->ninvalid; i++) {
    if (i) pp_str_putc(&s, '|');
    pp_str_puts(&s, r->invalid[i]);
  }
  return pp_str_take(&s);
}

/* Rebuilds the canonical form from the route array, so the test checks the
 * structured routes (type, host without brackets, port) as well. */
static char *from_routes(const pp_result_t *r) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < r->nroutes; i++) {
    const pp_route_t *rt = &r->routes[i];
    if (i) pp_str_putc(&s, ';');
    pp_str_puts(&s, pp_route_type_name(rt->type));
    if (rt->type == PP_ROUTE_DIRECT) {
      if (rt->host || rt->port) pp_str_puts(&s, " <DIRECT with host/port>");
      continue;
    }
    if (!rt->host || strchr(rt->host, '[')) {
      pp_str_puts(&s, " <bad host>");
      continue;
    }
    pp_str_printf(&s, strchr(rt->host, ':') ? " [%s]:%d" : " %s:%d", rt->host, rt->port);
  }
  return pp_str_take(&s);
}

/* Checks one case line; returns 0 when it passes. */
static int check_case(const fields_t *fl, size_t lineno) {
  pp_emulation_t mode;
  if (fl->n < 3 || pp_emulation_parse(fl->f[0], &mode) != PP_OK) {
    fprintf(stderr, "result.cases:%zu: malformed line\n", lineno);
    return 1;
  }
  const char *want_inv = fl->n >= 4 ? fl->f[3] : "";
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  if (pp_result_parse(fl->f[1], mode, &r) != PP_OK) {
    fprintf(stderr, "result.cases:%zu: pp_result_parse failed\n", lineno);
    return 1;
  }
  char *inv = join_invalid(&r);
  char *rebuilt = from_routes(&r);
  int bad = 0;
  if (!r.canonical || strcmp(r.canonical, fl->f[2]) != 0 || strcmp(inv, want_inv) != 0 ||
      strcmp(rebuilt, fl->f[2]) != 0 || r.nroutes == 0) {
    fprintf(stderr,
            "result.cases:%zu: %s \"%s\"\n  expected \"%s\" invalid [%s]\n"
            "  actual   \"%s\" invalid [%s] routes \"%s\"\n",
            lineno, fl->f[0], fl->f[1], fl->f[2], want_inv,
            r.canonical ? r.canonical : "(null)", inv, rebuilt);
    bad = 1;
  }
  free(inv);
  free(rebuilt);
  pp_result_clear(&r);
  return bad;
}

static void test_result_cases(void **state) {
  (void)state;
  size_t len = 0;
  char *text = read_file("result.cases", &len);
  assert_non_null(text);
  pp_buf_t b;
  pp_buf_init(&b, text, len);
  const char *line;
  size_t n, lineno = 0, cases = 0;
  int failures = 0;
  while (pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    if (n == 0 || line[0] == '#') continue;
    fields_t fl;
    split_fields(line, n, &fl);
    failures += check_case(&fl, lineno);
    free_fields(&fl);
    cases++;
  }
  free(text);
  fprintf(stderr, "result.cases: %zu cases, %d failed\n", cases, failures);
  assert_true(cases >= 60);
  assert_int_equal(failures, 0);
}

static void test_route_type_names(void **state) {
  (void)state;
  assert_string_equal(pp_route_type_name(PP_ROUTE_DIRECT), "DIRECT");
  assert_string_equal(pp_route_type_name(PP_ROUTE_PROXY), "PROXY");
  assert_string_equal(pp_route_type_name(PP_ROUTE_HTTPS), "HTTPS");
  assert_string_equal(pp_route_type_name(PP_ROUTE_SOCKS4), "SOCKS");
  assert_string_equal(pp_route_type_name(PP_ROUTE_SOCKS5), "SOCKS5");
  assert_string_equal(pp_route_type_name(PP_ROUTE_QUIC), "QUIC");
  assert_non_null(pp_route_type_name((pp_route_type_t)99));
}

static void test_null_and_clear(void **state) {
  (void)state;
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  assert_int_equal(pp_result_parse(NULL, PP_EMU_CHROME, &r), PP_OK);
  assert_string_equal(r.canonical, "DIRECT");
  assert_int_equal(r.nroutes, 1);
  assert_int_equal(r.routes[0].type, PP_ROUTE_DIRECT);
  assert_null(r.routes[0].host);
  pp_result_clear(&r);
  assert_null(r.routes);
  assert_null(r.canonical);
  assert_int_equal(r.nroutes, 0);
  pp_result_clear(NULL);
}

static void test_route_fields(void **state) {
  (void)state;
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  assert_int_equal(pp_result_parse("PROXY [::1]:8080; socks5 Foo", PP_EMU_CHROME, &r), PP_OK);
  assert_int_equal(r.nroutes, 2);
  assert_int_equal(r.routes[0].type, PP_ROUTE_PROXY);
  assert_string_equal(r.routes[0].host, "::1");
  assert_int_equal(r.routes[0].port, 8080);
  assert_int_equal(r.routes[1].type, PP_ROUTE_SOCKS5);
  assert_string_equal(r.routes[1].host, "foo");
  assert_int_equal(r.routes[1].port, 1080);
  pp_result_clear(&r);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATADIR\n", argv[0]);
    return 2;
  }
  datadir = argv[1];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_result_cases),
      cmocka_unit_test(test_route_type_names),
      cmocka_unit_test(test_null_and_clear),
      cmocka_unit_test(test_route_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
