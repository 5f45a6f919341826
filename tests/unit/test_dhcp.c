/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/wpad/dhcp.c: the DHCPINFORM we send (byte layout of
 * docs/wpad-discovery.md §2.2) and the reply parser over the hex fixtures
 * in data/dhcp/ (parse.cases says what each must give), including the
 * malformed ones. Every fixture is also parsed at every truncated length,
 * so ASan sees any read past the end.
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

/* Reads "dhcp/NAME" (hex pairs, '#' comments) into a malloc'd array. */
static uint8_t *load_hex(const char *name, size_t *n) {
  char path[256];
  size_t len = 0;
  snprintf(path, sizeof(path), "dhcp/%s", name);
  char *text = pp_test_read_data(path, &len);
  if (!text) return NULL;
  uint8_t *out = malloc(len / 2 + 1);
  *n = 0;
  bool comment = false;
  int hi = -1;
  for (size_t i = 0; out && i < len; i++) {
    char c = text[i];
    if (c == '#') comment = true;
    if (c == '\n') comment = false;
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (comment || v < 0) continue;
    if (hi < 0) hi = v;
    else out[(*n)++] = (uint8_t)(hi * 16 + v), hi = -1;
  }
  free(text);
  return out;
}

static void ip4(const uint8_t *a, char *out, size_t n) { snprintf(out, n, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]); }

/* One "key=value" check against a parsed message; false with a message. */
static bool check_key(const pp_test_case_t *c, const pp_dhcp_msg_t *m, const char *kv) {
  char got[512] = "-", removed[64] = "", *url = NULL;
  const char *eq = strchr(kv, '=');
  if (!eq) return pp_test_case_fail(c, "bad check '%s'", kv), false;
  size_t kl = (size_t)(eq - kv);
  if (m->has_252 && pp_dhcp_clean_252(m->v252, m->v252_len, &url, removed, sizeof(removed)) != PP_OK) return false;
  for (char *p = removed; *p; p++)
    if (*p == ' ') *p = '_';
  if (!strncmp(kv, "type", kl)) snprintf(got, sizeof(got), "%d", m->msg_type);
  else if (!strncmp(kv, "server", kl) && m->has_server_id) ip4(m->server_id, got, sizeof(got));
  else if (!strncmp(kv, "url", kl) && url) snprintf(got, sizeof(got), "%s", url);
  else if (!strncmp(kv, "removed", kl) && *removed) snprintf(got, sizeof(got), "%s", removed);
  else if (!strncmp(kv, "parts", kl)) snprintf(got, sizeof(got), "%u", m->v252_parts);
  else if (!strncmp(kv, "len", kl)) snprintf(got, sizeof(got), "%zu", m->v252_len);
  free(url);
  if (!strcmp(got, eq + 1)) return true;
  pp_test_case_fail(c, "%.*s is '%s', expected '%s'", (int)kl, kv, got, eq + 1);
  return false;
}

/* Every prefix of the packet must parse or fail cleanly (ASan watches). */
static void parse_prefixes(const uint8_t *p, size_t n) {
  pp_dhcp_msg_t *m = malloc(sizeof(*m));
  for (size_t k = 0; m && k <= n; k++) {
    uint8_t *copy = malloc(k ? k : 1); /* exact size: a read past k is caught */
    memcpy(copy, p, k);
    pp_dhcp_parse(copy, k, m, NULL, 0);
    free(copy);
  }
  free(m);
}

static pp_test_verdict_t check_fixture(const pp_test_case_t *c, void *ctx) {
  (void)ctx;
  if (c->n < 2) return pp_test_case_fail(c, "need FILE<TAB>EXPECTED"), PP_TEST_FAIL;
  size_t n = 0;
  uint8_t *p = load_hex(c->f[0], &n);
  if (!p) return pp_test_case_fail(c, "cannot read fixture %s", c->f[0]), PP_TEST_FAIL;
  uint8_t *exact = malloc(n ? n : 1);
  memcpy(exact, p, n);
  pp_dhcp_msg_t *m = malloc(sizeof(*m));
  char err[256] = "";
  pp_status_t st = pp_dhcp_parse(exact, n, m, err, sizeof(err));
  bool ok = true;
  const char *want = c->f[1];
  if (!strncmp(want, "error ", 6)) {
    ok = st == PP_EINVAL && strstr(err, want + 6);
    if (!ok) pp_test_case_fail(c, "status %d, error '%s'; expected an error containing '%s'", st, err, want + 6);
  } else if (st != PP_OK) {
    ok = false;
    pp_test_case_fail(c, "parse failed: %s", err);
  } else {
    char *copy = strdup(want), *save = NULL;
    for (char *kv = strtok_r(copy, " ", &save); kv; kv = strtok_r(NULL, " ", &save))
      if (strcmp(kv, "ok") && !check_key(c, m, kv)) ok = false;
    free(copy);
  }
  parse_prefixes(p, n);
  free(m);
  free(exact);
  free(p);
  return ok ? PP_TEST_PASS : PP_TEST_FAIL;
}

static void test_fixtures(void **state) {
  (void)state;
  pp_test_tally_t t = pp_test_run_cases("dhcp/parse.cases", check_fixture, NULL);
  assert_true(t.cases >= 20);
  assert_int_equal(t.failures, 0);
}

/* The INFORM we send: the layout of wpad-discovery.md §2.2, and it parses. */
static void test_build_inform(void **state) {
  (void)state;
  uint8_t pkt[PP_DHCP_MAX_LEN];
  const uint8_t mac[6] = {0xde, 0x93, 0xcf, 0x09, 0xe8, 0x0f}, ci[4] = {10, 77, 0, 2};
  assert_int_equal(pp_dhcp_build_inform(pkt, 100, 1, mac, ci), 0); /* too small: nothing */
  size_t n = pp_dhcp_build_inform(pkt, sizeof(pkt), 0xa1b2c3d4, mac, ci);
  size_t expected_len = 0;
  uint8_t *want = load_hex("inform.hex", &expected_len);
  assert_non_null(want);
  assert_int_equal(n, expected_len);
  assert_memory_equal(pkt, want, n);
  free(want);
  pp_dhcp_msg_t m;
  assert_int_equal(pp_dhcp_parse(pkt, n, &m, NULL, 0), PP_OK);
  assert_int_equal(m.op, 1);
  assert_int_equal(m.msg_type, PP_DHCP_INFORM);
  assert_int_equal(m.xid, 0xa1b2c3d4);
  assert_memory_equal(m.ciaddr, ci, 4);
  assert_non_null(memchr(pkt + PP_DHCP_HEADER_LEN, 252, n - PP_DHCP_HEADER_LEN)); /* 252 requested */
  assert_int_equal(pkt[10] | pkt[11], 0); /* no broadcast flag: ciaddr is set */
}

static void test_escape(void **state) {
  (void)state;
  char *s = pp_dhcp_escape((const uint8_t *)"a\n\0\\b", 5);
  assert_string_equal(s, "a\\x0a\\x00\\x5cb");
  free(s);
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixtures),
      cmocka_unit_test(test_build_inform),
      cmocka_unit_test(test_escape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
