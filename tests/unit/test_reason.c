/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the proxy's own reason (src/route/reason.c) against the
 * recorded responses in data/blockpages/ (NAME.http). Each file opens with '#'
 * lines (where its shape comes from, then "expect-product:",
 * "expect-text:", "expect-block: yes|no" or "expect-none"), a "#---" line,
 * then the response as sent, header lines ending in LF here (given to the
 * parser with CRLF, as libcurl hands them) and the body in 100-byte
 * pieces, as a network would.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "route/reason.h"
#include "support/casefile.h"

static char *meta(const char *text, const char *key) {
  const char *p = strstr(text, key);
  if (!p) return NULL;
  p += strlen(key);
  while (*p == ' ') p++;
  size_t n = strcspn(p, "\n");
  char *v = malloc(n + 1);
  memcpy(v, p, n);
  v[n] = '\0';
  return v;
}

static void feed(pp_reason_t *r, const char *resp) {
  const char *p = resp;
  for (;;) {
    size_t n = strcspn(p, "\n");
    char line[2048];
    snprintf(line, sizeof(line), "%.*s\r\n", (int)n, p);
    pp_reason_header(r, line, strlen(line));
    p += n + (p[n] == '\n');
    if (n == 0 || !*p) break; /* the blank line ends the headers */
  }
  for (size_t left = strlen(p); left > 0;) {
    size_t k = left < 100 ? left : 100;
    pp_reason_body(r, p, k);
    p += k;
    left -= k;
  }
}

static int check_file(const char *name) {
  size_t len = 0;
  char path[600];
  snprintf(path, sizeof(path), "blockpages/%s", name);
  char *text = pp_test_read_data(path, &len);
  if (!text) return fprintf(stderr, "%s: unreadable\n", name), 1;
  char *resp = strstr(text, "#---\n");
  int bad = 0;
  pp_reason_t *r = calloc(1, sizeof(*r));
  if (!resp || !r) bad = 1;
  if (!bad) {
    resp += 5;
    feed(r, resp);
    const char *product = NULL;
    char got[400] = "";
    bool block = false;
    bool found = pp_reason_describe(r, &product, got, sizeof(got), &block);
    char *wp = meta(text, "# expect-product:"), *wt = meta(text, "# expect-text:"),
         *wb = meta(text, "# expect-block:");
    if (strstr(text, "# expect-none")) bad = found;
    else bad = !found || !wp || !wt || !wb || strcmp(product, wp) || strcmp(got, wt) ||
               block != (strcmp(wb, "yes") == 0);
    if (bad)
      fprintf(stderr, "%s: got found=%d product '%s' text '%s' block %d; expected '%s' '%s' %s\n",
              name, found, product ? product : "", got, block, wp ? wp : "-", wt ? wt : "-",
              wb ? wb : "-");
    free(wp);
    free(wt);
    free(wb);
  }
  free(r);
  free(text);
  return bad;
}

static void test_blockpages(void **state) {
  (void)state;
  char dir[600];
  assert_true(pp_test_data_path("blockpages", dir, sizeof(dir)));
  DIR *d = opendir(dir);
  assert_non_null(d);
  int files = 0, failed = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strstr(e->d_name, ".http")) {
      files++;
      failed += check_file(e->d_name);
    }
  closedir(d);
  fprintf(stderr, "blockpages: %d files, %d failed\n", files, failed);
  assert_true(files >= 7);
  assert_int_equal(failed, 0);
}

/* A second response (after a 407, say) forgets what the first one said. */
static void test_new_response_resets(void **state) {
  (void)state;
  pp_reason_t *r = calloc(1, sizeof(*r));
  assert_non_null(r);
  const char *product;
  char text[200];
  bool block;
  pp_reason_header(r, "HTTP/1.1 403 Forbidden\r\n", 24);
  pp_reason_header(r, "X-Squid-Error: ERR_ACCESS_DENIED 0\r\n", 36);
  assert_true(pp_reason_describe(r, &product, text, sizeof(text), &block));
  pp_reason_header(r, "HTTP/1.1 200 OK\r\n", 17);
  assert_false(pp_reason_describe(r, &product, text, sizeof(text), &block));
  free(r);
}

/* The body kept is bounded: a huge page is cut, not grown. */
static void test_body_bounded(void **state) {
  (void)state;
  pp_reason_t *r = calloc(1, sizeof(*r));
  assert_non_null(r);
  pp_reason_header(r, "HTTP/1.1 502 Bad Gateway\r\n", 26);
  char chunk[4096];
  memset(chunk, 'x', sizeof(chunk));
  for (int i = 0; i < 100; i++) pp_reason_body(r, chunk, sizeof(chunk));
  assert_int_equal(r->nbody, PP_REASON_BODY_MAX);
  free(r);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_blockpages),
      cmocka_unit_test(test_new_response_resets),
      cmocka_unit_test(test_body_bounded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
