/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/wpad/lease.c: dhclient (named, unknown-252 hex and
 * octal-escaped values; the newest block wins), systemd-networkd
 * OPTION_252, NetworkManager's internal client (no 252 kept) and broken
 * files, driven by data/dhcp/leases.cases. Each file is also parsed at
 * every truncated length under ASan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/casefile.h"
#include "wpad/wpad_int.h"

static bool check_key(const pp_test_case_t *c, const pp_lease_t *l, const char *kv) {
  char got[512] = "-", removed[64], *url = NULL;
  const char *eq = strchr(kv, '=');
  if (!eq) return pp_test_case_fail(c, "bad check '%s'", kv), false;
  size_t kl = (size_t)(eq - kv);
  if (l->has_252 && pp_dhcp_clean_252(l->v252, l->v252_len, &url, removed, sizeof(removed)) != PP_OK) return false;
  if (!strncmp(kv, "kind", kl)) snprintf(got, sizeof(got), "%s", l->kind);
  else if (!strncmp(kv, "iface", kl) && l->interface) snprintf(got, sizeof(got), "%s", l->interface);
  else if (!strncmp(kv, "server", kl) && l->server_id) snprintf(got, sizeof(got), "%s", l->server_id);
  else if (!strncmp(kv, "url", kl) && url) snprintf(got, sizeof(got), "%s", url);
  free(url);
  if (!strcmp(got, eq + 1)) return true;
  pp_test_case_fail(c, "%.*s is '%s', expected '%s'", (int)kl, kv, got, eq + 1);
  return false;
}

static void parse_prefixes(const char *text, size_t n) {
  pp_lease_t l;
  for (size_t k = 0; k <= n; k++) {
    char *copy = malloc(k ? k : 1);
    memcpy(copy, text, k);
    if (pp_wpad_lease_parse(copy, k, "prefix", &l, NULL, 0) == PP_OK) pp_wpad_lease_clear(&l);
    free(copy);
  }
}

static pp_test_verdict_t check_lease(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 2) return pp_test_case_fail(c, "need FILE<TAB>EXPECTED"), PP_TEST_FAIL;
  char path[256], err[256] = "";
  size_t len = 0;
  snprintf(path, sizeof(path), "dhcp/%s", c->f[0]);
  char *text = pp_test_read_data(path, &len);
  if (!text) return pp_test_case_fail(c, "cannot read %s", path), PP_TEST_FAIL;
  pp_lease_t l;
  pp_status_t st = pp_wpad_lease_parse(text, len, c->f[0], &l, err, sizeof(err));
  bool ok = true;
  if (!strncmp(c->f[1], "error ", 6)) {
    ok = st == PP_EINVAL && strstr(err, c->f[1] + 6);
    if (!ok) pp_test_case_fail(c, "status %d, error '%s'; expected an error containing '%s'", st, err, c->f[1] + 6);
  } else if (st != PP_OK) {
    ok = false;
    pp_test_case_fail(c, "parse failed: %s", err);
  } else {
    char *copy = strdup(c->f[1]), *save = NULL;
    for (char *kv = strtok_r(copy, " ", &save); kv; kv = strtok_r(NULL, " ", &save))
      if (!check_key(c, &l, kv)) ok = false;
    free(copy);
  }
  if (st == PP_OK) pp_wpad_lease_clear(&l);
  parse_prefixes(text, len);
  free(text);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_leases(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("dhcp/leases.cases", check_lease, NULL);
  assert_true(t.cases >= 8);
  assert_int_equal(t.failures, 0);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_leases)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
