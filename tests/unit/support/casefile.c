/* SPDX-License-Identifier: MIT */
/* The unit tests' one case-file reader (casefile.h): finds a file in the
 * data dir, walks its case lines through pp_buf, splits and unescapes the
 * TAB-separated fields and runs a check per line, so each test_*.c keeps
 * only its checks and messages. What a field means stays in the test; the
 * format is the one the jq-style case files use (docs/style.md "Tests"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/casefile.h"
#include "util/str.h"

static const char *datadir = ".";

void pp_test_set_datadir(const char *dir) { datadir = dir ? dir : "."; }

bool pp_test_datadir_from_args(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATADIR\n", argc > 0 ? argv[0] : "test");
    return false;
  }
  pp_test_set_datadir(argv[1]);
  return true;
}

bool pp_test_data_path(const char *name, char *out, size_t cap) {
  int n = snprintf(out, cap, "%s/%s", datadir, name);
  return n >= 0 && (size_t)n < cap;
}

char *pp_test_read_data(const char *name, size_t *len) {
  char path[4096], chunk[4096];
  if (!pp_test_data_path(name, path, sizeof(path))) return NULL;
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  pp_str_t s = PP_STR_INIT;
  size_t n;
  pp_str_append(&s, "", 0); /* an empty file is "", not NULL */
  while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) pp_str_append(&s, chunk, n);
  bool failed = ferror(fp) != 0;
  fclose(fp);
  *len = s.len;
  if (failed) pp_str_free(&s);
  return failed ? NULL : pp_str_take(&s);
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes the escape at p[*i] (the character after '\\'), advancing *i past
 * any \xHH digits. An incomplete \x stands for 'x'. */
static char escaped(const char *p, size_t n, size_t *i) {
  char e = p[*i];
  if (e == 't') return '\t';
  if (e == 'n') return '\n';
  if (e == 'r') return '\r';
  if (e == 'x' && *i + 2 < n && hexval(p[*i + 1]) >= 0 && hexval(p[*i + 2]) >= 0) {
    *i += 2;
    return (char)(hexval(p[*i - 1]) * 16 + hexval(p[*i]));
  }
  return e;
}

char *pp_test_unescape(const char *p, size_t n) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c == '\\' && i + 1 < n) {
      i++;
      c = escaped(p, n, &i);
    }
    pp_str_putc(&s, c);
  }
  return pp_str_take(&s);
}

bool pp_test_split_fields(const char *line, size_t len, pp_test_fields_t *fl) {
  size_t start = 0;
  fl->n = 0;
  for (size_t i = 0; i <= len && fl->n < PP_TEST_MAX_FIELDS; i++) {
    if (i < len && line[i] != '\t') continue;
    char *f = pp_test_unescape(line + start, i - start);
    if (!f) return false;
    fl->f[fl->n++] = f;
    start = i + 1;
  }
  return true;
}

void pp_test_fields_free(pp_test_fields_t *fl) {
  for (size_t i = 0; i < fl->n; i++) free(fl->f[i]);
  fl->n = 0;
}

bool pp_test_casefile_open(pp_test_casefile_t *cf, const char *name) {
  size_t len = 0;
  memset(cf, 0, sizeof(*cf));
  cf->name = name;
  cf->text = pp_test_read_data(name, &len);
  if (!cf->text) return false;
  pp_buf_init(&cf->buf, cf->text, len);
  return true;
}

bool pp_test_casefile_next(pp_test_casefile_t *cf, const char **line, size_t *len) {
  while (pp_buf_fetch_line(&cf->buf, line, len)) {
    cf->lineno++;
    if (*len > 0 && (*line)[0] != '#') return true;
  }
  return false;
}

void pp_test_casefile_close(pp_test_casefile_t *cf) {
  free(cf->text);
  cf->text = NULL;
  pp_buf_init(&cf->buf, NULL, 0);
}

void pp_test_case_fail(const pp_test_case_t *c, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s:%zu: ", c->file, c->lineno);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}

/* Splits and checks one line, adding it to the tally. */
static void run_one(const pp_test_casefile_t *cf, const char *line, size_t len,
                    pp_test_check_fn check, void *ctx, pp_test_tally_t *t) {
  pp_test_fields_t fl;
  pp_test_case_t c = {cf->name, cf->lineno, line, len, fl.f, 0};
  pp_test_verdict_t v = PP_TEST_FAIL;
  if (pp_test_split_fields(line, len, &fl)) {
    c.n = fl.n;
    v = check(&c, ctx);
  } else {
    pp_test_case_fail(&c, "out of memory splitting the line\n");
  }
  pp_test_fields_free(&fl);
  if (v == PP_TEST_NOT_A_CASE) return;
  t->cases++;
  t->failures += v != PP_TEST_PASS;
}

pp_test_tally_t pp_test_run_cases(const char *name, pp_test_check_fn check, void *ctx) {
  pp_test_tally_t t = {0, 0};
  pp_test_casefile_t cf;
  const char *line;
  size_t len;
  if (!pp_test_casefile_open(&cf, name)) fail_msg("cannot read %s/%s", datadir, name);
  while (pp_test_casefile_next(&cf, &line, &len)) run_one(&cf, line, len, check, ctx, &t);
  pp_test_casefile_close(&cf);
  fprintf(stderr, "%s: %zu cases, %zu failed\n", name, t.cases, t.failures);
  return t;
}
