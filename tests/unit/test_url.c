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

static int check_bad(const fields_t *fl, size_t lineno, pp_emulation_t mode) {
  pp_url_info_t u;
  char err[256] = "";
  pp_status_t st = pp_url_prepare(fl->f[1], mode, &u, err, sizeof(err));
  const char *want = fl->n >= 4 ? fl->f[3] : "";
  int bad = st != PP_EBADURL || u.pac_url || u.host || u.implicit_bypass || !err[0] ||
            !strstr(err, want);
  if (bad)
    fprintf(stderr,
            "url.cases:%zu: %s \"%s\"\n  expected !badurl (error containing \"%s\")\n"
            "  actual   status %d, pac_url \"%s\", host \"%s\", error \"%s\"\n",
            lineno, fl->f[0], fl->f[1], want, (int)st, u.pac_url ? u.pac_url : "(null)",
            u.host ? u.host : "(null)", err);
  pp_url_info_clear(&u);
  return bad;
}

static int check_good(const fields_t *fl, size_t lineno, pp_emulation_t mode) {
  pp_url_info_t u;
  char err[256] = "";
  if (fl->n < 5 || (strcmp(fl->f[4], "0") != 0 && strcmp(fl->f[4], "1") != 0)) {
    fprintf(stderr, "url.cases:%zu: malformed line\n", lineno);
    return 1;
  }
  bool want_bypass = fl->f[4][0] == '1';
  pp_status_t st = pp_url_prepare(fl->f[1], mode, &u, err, sizeof(err));
  int bad = st != PP_OK || !u.pac_url || !u.host || strcmp(u.pac_url, fl->f[2]) != 0 ||
            strcmp(u.host, fl->f[3]) != 0 || u.implicit_bypass != want_bypass;
  if (bad)
    fprintf(stderr,
            "url.cases:%zu: %s \"%s\"\n  expected pac_url \"%s\" host \"%s\" bypass %d\n"
            "  actual   pac_url \"%s\" host \"%s\" bypass %d (status %d, error \"%s\")\n",
            lineno, fl->f[0], fl->f[1], fl->f[2], fl->f[3], want_bypass,
            u.pac_url ? u.pac_url : "(null)", u.host ? u.host : "(null)", u.implicit_bypass,
            (int)st, err);
  pp_url_info_clear(&u);
  return bad;
}

static int check_case(const fields_t *fl, size_t lineno) {
  pp_emulation_t mode;
  if (fl->n < 3 || pp_emulation_parse(fl->f[0], &mode) != PP_OK) {
    fprintf(stderr, "url.cases:%zu: malformed line\n", lineno);
    return 1;
  }
  if (strcmp(fl->f[2], "!badurl") == 0) return check_bad(fl, lineno, mode);
  return check_good(fl, lineno, mode);
}

static void test_url_cases(void **state) {
  (void)state;
  size_t len = 0;
  char *text = read_file("url.cases", &len);
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
  fprintf(stderr, "url.cases: %zu cases, %d failed\n", cases, failures);
  assert_true(cases >= 50);
  assert_int_equal(failures, 0);
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
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATADIR\n", argv[0]);
    return 2;
  }
  datadir = argv[1];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_url_cases),
      cmocka_unit_test(test_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
