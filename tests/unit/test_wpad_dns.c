/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/wpad/dns.c: wpad.<suffix> candidates after devolution
 * (most specific first, the Windows devolution level, never a public
 * suffix by the PSL, never a single label) and the warnings that name the
 * stop, from data/wpad/candidates.cases; and reading the search list of a
 * resolv.conf plus the hostname's domain; the Windows DNS client's order
 * (primary, connection-specific, devolved primary; a search list alone)
 * from data/wpad/wincands.cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/casefile.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

static pp_test_verdict_t check_cands(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 4) return pp_test_case_fail(c, "need DOMAINS<TAB>LEVEL<TAB>CANDIDATES<TAB>WARNINGS"), PP_TEST_FAIL;
  char **doms = NULL, *copy = strdup(c->f[0]), *save = NULL;
  const char *origins[8];
  size_t n = 0;
  for (char *d = strtok_r(copy, ",", &save); d && n < 8; d = strtok_r(NULL, ",", &save)) {
    pp_strlist_push(&doms, &n, d);
    origins[n - 1] = "--domain";
  }
  free(copy);
  pp_discovery_t d;
  memset(&d, 0, sizeof(d));
  pp_wpad_cand_t *cands = NULL;
  size_t nc = 0;
  assert_int_equal(pp_wpad_dns_candidates(doms, origins, n, (unsigned)atoi(c->f[1]), &d, &cands, &nc), PP_OK);
  pp_str_t got = PP_STR_INIT, warns = PP_STR_INIT;
  for (size_t i = 0; i < nc; i++) pp_str_printf(&got, "%s%s", i ? " " : "", cands[i].name);
  for (size_t i = 0; i < d.nwarnings; i++) pp_str_printf(&warns, "%s%s", i ? " " : "", d.warnings[i].code);
  const char *g = got.s ? got.s : "-", *w = warns.s ? warns.s : "-";
  bool ok = !strcmp(g, c->f[2]) && !strcmp(w, c->f[3]);
  if (!ok) pp_test_case_fail(c, "candidates '%s' warnings '%s'; expected '%s' / '%s'", g, w, c->f[2], c->f[3]);
  pp_str_free(&got);
  pp_str_free(&warns);
  pp_wpad_dns_cands_free(cands, nc);
  pp_discovery_clear(&d);
  pp_strlist_free(doms, n);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_candidates(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("wpad/candidates.cases", check_cands, NULL);
  assert_true(t.cases >= 10);
  assert_int_equal(t.failures, 0);
}

static char **split(const char *f, size_t *n) {
  char **v = NULL, *copy = strdup(f), *save = NULL;
  *n = 0;
  if (strcmp(f, "-"))
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) pp_strlist_push(&v, n, t);
  free(copy);
  return v;
}

/* The Windows DNS client's order (pp_wpad_dns_candidates_win). */
static pp_test_verdict_t check_win(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 8) return pp_test_case_fail(c, "need 8 fields (see the file's header)"), PP_TEST_FAIL;
  pp_wpad_dnsclient_t wc;
  memset(&wc, 0, sizeof(wc));
  wc.search = split(c->f[0], &wc.nsearch);
  wc.primary = strcmp(c->f[1], "-") ? strdup(c->f[1]) : NULL;
  wc.conn = split(c->f[2], &wc.nconn);
  for (size_t i = 0, k = 0; i < wc.nconn; i++) pp_strlist_push(&wc.conn_from, &k, "connection-specific suffix");
  wc.primary_from = "primary DNS suffix";
  wc.search_from = "suffix search list";
  wc.devolution = atoi(c->f[3]);
  wc.level = (unsigned)atoi(c->f[4]);
  pp_discovery_t d;
  memset(&d, 0, sizeof(d));
  pp_wpad_cand_t *cands = NULL;
  size_t nc = 0;
  assert_int_equal(pp_wpad_dns_candidates_win(&wc, (unsigned)atoi(c->f[5]), &d, &cands, &nc), PP_OK);
  pp_str_t got = PP_STR_INIT, warns = PP_STR_INIT;
  for (size_t i = 0; i < nc; i++) pp_str_printf(&got, "%s%s%s", i ? " " : "", cands[i].name, cands[i].devolved ? "~" : "");
  for (size_t i = 0; i < d.nwarnings; i++) pp_str_printf(&warns, "%s%s", i ? " " : "", d.warnings[i].code);
  const char *g = got.s ? got.s : "-", *w = warns.s ? warns.s : "-";
  bool ok = !strcmp(g, c->f[6]) && !strcmp(w, c->f[7]);
  if (!ok) pp_test_case_fail(c, "candidates '%s' warnings '%s'; expected '%s' / '%s'", g, w, c->f[6], c->f[7]);
  pp_str_free(&got);
  pp_str_free(&warns);
  pp_wpad_dns_cands_free(cands, nc);
  pp_discovery_clear(&d);
  pp_wpad_dnsclient_clear(&wc);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_windows_order(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("wpad/wincands.cases", check_win, NULL);
  assert_true(t.cases >= 12);
  assert_int_equal(t.failures, 0);
}

/* Linux has no Windows DNS client: discover reads resolv.conf instead. */
static void test_dnsclient_seam(void **state) {
  (void)state;
  pp_wpad_dnsclient_t wc;
  assert_int_equal(pp_wpad_dnsclient_read(&wc), PP_EPLATFORM);
}

/* resolv.conf: the last search/domain line wins; the hostname adds its domain. */
static void test_domains(void **state) {
  (void)state;
  char path[] = "/tmp/pp-resolv-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  const char *conf = "nameserver 10.0.0.1\nsearch old.example\nsearch Eng.Corp.Example.test. corp.example.test\n";
  assert_int_equal(write(fd, conf, strlen(conf)), (ssize_t)strlen(conf));
  close(fd);
  char **doms = NULL;
  const char **origins = NULL;
  size_t n = 0;
  assert_true(pp_wpad_dns_domains(path, "laptop.site.example.org", &doms, &origins, &n));
  unlink(path);
  assert_int_equal(n, 3);
  assert_string_equal(doms[0], "eng.corp.example.test");
  assert_string_equal(doms[1], "corp.example.test");
  assert_string_equal(doms[2], "site.example.org");
  assert_string_equal(origins[2], "hostname");
  pp_strlist_free(doms, n);
  free(origins);
  char *reg = pp_wpad_dns_registrable("eng.corp.example.co.uk");
  assert_string_equal(reg, "example.co.uk");
  free(reg);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_candidates), cmocka_unit_test(test_domains),
                                     cmocka_unit_test(test_windows_order), cmocka_unit_test(test_dnsclient_seam)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
