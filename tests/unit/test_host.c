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

static int check_case(section_t sec, const fields_t *fl, size_t lineno) {
  if (fl->n < 2) {
    fprintf(stderr, "host.cases:%zu: malformed line\n", lineno);
    return 1;
  }
  char err[256] = "";
  char *got = run(sec, fl->f[0], err, sizeof(err));
  bool want_err = strcmp(fl->f[1], "!error") == 0;
  int bad = want_err ? got != NULL || (sec == SEC_CANON && !err[0])
                     : got == NULL || strcmp(got, fl->f[1]) != 0;
  if (bad && got)
    fprintf(stderr, "host.cases:%zu: [%s] \"%s\"\n  expected \"%s\"\n  actual   \"%s\"\n",
            lineno, section_names[sec], fl->f[0], fl->f[1], got);
  else if (bad)
    fprintf(stderr, "host.cases:%zu: [%s] \"%s\"\n  expected \"%s\"\n  actual   !error (%s)\n",
            lineno, section_names[sec], fl->f[0], fl->f[1], err);
  free(got);
  return bad;
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

static void test_host_cases(void **state) {
  (void)state;
  size_t len = 0;
  char *text = read_file("host.cases", &len);
  assert_non_null(text);
  pp_buf_t b;
  pp_buf_init(&b, text, len);
  const char *line;
  size_t n, lineno = 0, cases = 0;
  int failures = 0;
  section_t sec = SEC_CANON;
  while (pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    if (n == 0 || line[0] == '#') continue;
    if (line[0] == '[' && line[n - 1] == ']' && !memchr(line, '\t', n)) {
      if (!section_line(line, n, &sec)) {
        fprintf(stderr, "host.cases:%zu: unknown section\n", lineno);
        failures++;
      }
      continue;
    }
    fields_t fl;
    split_fields(line, n, &fl);
    failures += check_case(sec, &fl, lineno);
    free_fields(&fl);
    cases++;
  }
  free(text);
  fprintf(stderr, "host.cases: %zu cases, %d failed\n", cases, failures);
  assert_true(cases >= 30);
  assert_int_equal(failures, 0);
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
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATADIR\n", argv[0]);
    return 2;
  }
  datadir = argv[1];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_host_cases),
      cmocka_unit_test(test_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
