/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/pac/ipext.c: sortIpAddressList and isInNetEx as data.
 * Every case lives in data/ipext.cases (format in its header); this file
 * only reads it, runs each line and reports file:line for each mismatch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pac/ipext.h"
#include "util/buf.h"
#include "util/str.h"

static const char *data_dir = ".";

/* Splits a line on TAB into at most max fields, unescaping \t and \\. */
static size_t split_fields(const char *line, size_t len, char **fields, size_t max) {
  size_t n = 0;
  pp_str_t cur = PP_STR_INIT;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || line[i] == '\t') {
      if (n < max) fields[n++] = pp_str_take(&cur);
      else pp_str_free(&cur);
      continue;
    }
    if (line[i] == '\\' && i + 1 < len && (line[i + 1] == 't' || line[i + 1] == '\\')) {
      pp_str_putc(&cur, line[++i] == 't' ? '\t' : '\\');
      continue;
    }
    pp_str_putc(&cur, line[i]);
  }
  return n;
}

static bool run_sort(char **f, size_t nf, size_t lineno) {
  assert_int_equal(nf, 3);
  char *out = NULL;
  pp_status_t st = pp_ip_sort_list(f[1], &out);
  bool want_invalid = !strcmp(f[2], "!invalid");
  bool ok = want_invalid ? st == PP_EINVAL && !out : st == PP_OK && out && !strcmp(out, f[2]);
  if (!ok)
    print_error("ipext.cases:%zu: sort \"%s\": expected %s, got %s\n", lineno, f[1], f[2],
                st == PP_OK ? out : (st == PP_EINVAL ? "!invalid" : "other error"));
  free(out);
  return ok;
}

static bool run_innet(char **f, size_t nf, size_t lineno) {
  assert_int_equal(nf, 5);
  assert_true(!strcmp(f[3], "loose") || !strcmp(f[3], "strict"));
  assert_true(!strcmp(f[4], "true") || !strcmp(f[4], "false"));
  bool got = pp_ip_in_net_ex(f[1], f[2], !strcmp(f[3], "strict"));
  bool want = !strcmp(f[4], "true");
  if (got != want)
    print_error("ipext.cases:%zu: isInNetEx(\"%s\", \"%s\") %s: expected %s\n", lineno, f[1], f[2],
                f[3], f[4]);
  return got == want;
}

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  pp_str_t s = PP_STR_INIT;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) pp_str_append(&s, chunk, n);
  fclose(fp);
  *len = s.len;
  return pp_str_take(&s);
}

static void test_cases_file(void **state) {
  (void)state;
  char path[4096];
  snprintf(path, sizeof(path), "%s/ipext.cases", data_dir);
  size_t len = 0, lineno = 0, ncases = 0, nfail = 0;
  char *data = slurp(path, &len);
  assert_non_null(data);
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  const char *line;
  size_t llen;
  while (pp_buf_fetch_line(&b, &line, &llen)) {
    lineno++;
    if (llen == 0 || line[0] == '#') continue;
    char *f[8] = {0};
    size_t nf = split_fields(line, llen, f, 8);
    bool ok = false;
    if (!strcmp(f[0], "sort")) ok = run_sort(f, nf, lineno);
    else if (!strcmp(f[0], "innet")) ok = run_innet(f, nf, lineno);
    else fail_msg("ipext.cases:%zu: unknown case kind '%s'", lineno, f[0]);
    ncases++;
    nfail += !ok;
    for (size_t i = 0; i < nf; i++) free(f[i]);
  }
  free(data);
  print_message("ipext.cases: %zu passed, %zu failed\n", ncases - nfail, nfail);
  assert_true(ncases >= 40);
  assert_int_equal(nfail, 0);
}

/* Inputs a case file cannot spell. */
static void test_null_and_output(void **state) {
  (void)state;
  char *out = (char *)"sentinel";
  assert_int_equal(pp_ip_sort_list(NULL, &out), PP_EINVAL);
  assert_null(out);
  assert_false(pp_ip_in_net_ex(NULL, "10.0.0.0/8", false));
  assert_false(pp_ip_in_net_ex("10.0.0.1", NULL, false));
  assert_false(pp_ip_in_net_ex("10.0.0.1\xc3\xa9", "10.0.0.0/8", false));
  /* The result is a fresh string the caller frees, even for one entry. */
  assert_int_equal(pp_ip_sort_list("::1", &out), PP_OK);
  assert_string_equal(out, "::1");
  free(out);
}

int main(int argc, char **argv) {
  if (argc > 1) data_dir = argv[1];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases_file),
      cmocka_unit_test(test_null_and_output),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
