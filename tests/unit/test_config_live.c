/* SPDX-License-Identifier: MIT */
/*
 * The portable half of the live Windows sources (src/config/live.c,
 * osview.c): pp_config_add_live says PP_EPLATFORM off Windows and adds
 * nothing; records without a file (what the live reader hands over) are
 * named by their key; and the comparison of the decision with what Windows
 * says (c->os, filled here by hand as the Windows reader would) gives
 * os-disagrees exactly when they differ. The Windows half runs under Wine
 * in tests/windows/sources-live.t.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/config_int.h"
#include "pacprobe.h"
#include "support/casefile.h"

#define CONN "HKEY_USERS\\S-1-5-19\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections"

static const char *data_dir;

static void load(pp_config_t *c, const char *file) {
  char path[512];
  size_t len = 0;
  snprintf(path, sizeof(path), "../../cli/data/sources/%s", file);
  char *text = pp_test_read_data(path, &len);
  assert_non_null(text);
  assert_int_equal(pp_config_add_reg(c, text, len, file), PP_OK);
  free(text);
}

static bool warned(const pp_config_t *c, const char *code) {
  for (size_t i = 0; i < c->nwarnings; i++)
    if (strcmp(c->warnings[i].code, code) == 0) return true;
  return false;
}

static void test_not_windows(void **state) {
  pp_config_t c = {0};
  assert_int_equal(pp_config_add_live(&c), PP_EPLATFORM);
  assert_int_equal(c.nsources, 0);
  assert_false(c.os.present);
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_false(c.os.compared);
  pp_config_clear(&c);
}

/* A record as the live reader hands it: no file, line 0. */
static void add_record(pp_config_t *c, const char *key, const char *name, uint32_t type,
                       const void *data, size_t len) {
  pp_reg_value_t v = {(char *)key, (char *)name, type, (unsigned char *)data, len, 0};
  assert_int_equal(pp_config_add_reg_value(c, NULL, &v), PP_OK);
}

static void test_live_records(void **state) {
  static const unsigned char pac[] = {
      0x46, 0, 0, 0, 1, 0, 0, 0, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0,
      'h', 't', 't', 'p', ':', '/', '/', 'p', '/'};
  static const unsigned char bad[] = {0x99, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
  pp_config_t c = {0};
  add_record(&c, CONN, "DefaultConnectionSettings", 3, pac, sizeof(pac));
  add_record(&c, CONN, "Office VPN", 3, bad, sizeof(bad));
  assert_int_equal(c.nsources, 2);
  assert_null(c.sources[0].file);
  assert_string_equal(c.sources[0].sid, "S-1-5-19");
  assert_int_equal(c.nerrors, 1);
  assert_string_equal(c.sources[1].error,
                      CONN ": \"Office VPN\" byte offset 0: unknown version 0x99 (expected "
                           "0x3c..0x46) (the blob is 12 bytes)");
  assert_int_equal(pp_config_decide(&c, PP_FOR_LOCALSERVICE), PP_OK);
  assert_int_equal(c.effective.mode, PP_MODE_PAC);
  assert_string_equal(c.effective.pac_url, "http://p/");
  assert_string_equal(c.decided_by,
                      "WinINet localservice (S-1-5-19) DefaultConnectionSettings (" CONN ")");
  pp_config_clear(&c);
}

/* Text values of one key without a file still make one source. */
static void test_live_text_values(void **state) {
  const char *key = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
  static const unsigned char on[] = {1, 0, 0, 0};
  pp_config_t c = {0};
  add_record(&c, key, "ProxyEnable", 4, on, 4);
  add_record(&c, key, "ProxyServer", 1, "p.test:3128", 11);
  add_record(&c, key, "ProxyOverride", 1, "<local>", 7);
  assert_int_equal(c.nsources, 1);
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_string_equal(c.effective.proxy, "p.test:3128");
  assert_true(warned(&c, "no-blob"));
  pp_config_clear(&c);
}

/* A REG_DWORD that is not 4 bytes (possible in a live registry, not in a
 * .reg) is an error source, never read past its end. */
static void test_short_dword(void **state) {
  const char *key = "HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\"
                    "Internet Settings";
  static const unsigned char one[] = {0};
  pp_config_t c = {0};
  add_record(&c, key, "ProxySettingsPerUser", 4, one, 1);
  assert_int_equal(c.nsources, 1);
  assert_int_equal(c.nerrors, 1);
  assert_non_null(strstr(c.sources[0].error, "\"ProxySettingsPerUser\" is a REG_DWORD of 1 bytes"));
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_int_equal(c.effective.mode, PP_MODE_AUTO_DETECT); /* not per-machine */
  pp_config_clear(&c);
}

static void os_user(pp_config_t *c, bool auto_detect, const char *proxy, const char *bypass) {
  c->os.present = true;
  c->os.running_as = PP_ACCT_USER;
  c->os.running_sid = strdup("S-1-5-21-1-2-3-1001");
  c->os.ie_auto_detect = auto_detect;
  c->os.ie_proxy = proxy ? strdup(proxy) : NULL;
  c->os.ie_bypass = bypass ? strdup(bypass) : NULL;
  c->os.winhttp_access = 1;
}

static void test_os_agrees(void **state) {
  pp_config_t c = {0};
  load(&c, "corp.reg");
  /* WinHTTP may separate with spaces and end with ';': same entries. */
  os_user(&c, true, "proxy.corp.test:8080", " <local> *.corp.test;");
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_true(c.os.compared);
  assert_true(c.os.agrees);
  assert_false(warned(&c, "os-disagrees"));
  pp_config_clear(&c);
}

static void test_os_disagrees(void **state) {
  pp_config_t c = {0};
  load(&c, "corp.reg");
  os_user(&c, false, "proxy.corp.test:8080", "<local>;*.corp.test"); /* auto-detect differs */
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_true(c.os.compared);
  assert_false(c.os.agrees);
  assert_true(warned(&c, "os-disagrees"));
  /* Another account, or the command line deciding: not compared. */
  assert_int_equal(pp_config_decide(&c, PP_FOR_LOCALSYSTEM), PP_OK);
  assert_false(c.os.compared);
  assert_false(warned(&c, "os-disagrees"));
  assert_int_equal(pp_config_add_option(&c, "--proxy", "http://x.test:1"), PP_OK);
  assert_int_equal(pp_config_decide(&c, PP_FOR_USER), PP_OK);
  assert_false(c.os.compared);
  pp_config_clear(&c);
}

static void test_os_winhttp(void **state) {
  pp_config_t c = {0};
  load(&c, "per-machine.reg");
  os_user(&c, true, NULL, NULL);
  assert_int_equal(pp_config_decide(&c, PP_FOR_WINHTTP), PP_OK);
  assert_true(c.os.compared);
  assert_false(c.os.agrees); /* access type 1: no proxy */
  assert_true(warned(&c, "os-disagrees"));
  c.os.winhttp_access = 3;
  c.os.winhttp_proxy = strdup("winhttp.corp.test:8080");
  c.os.winhttp_bypass = strdup("<local>");
  assert_int_equal(pp_config_decide(&c, PP_FOR_WINHTTP), PP_OK);
  assert_true(c.os.agrees);
  assert_false(warned(&c, "os-disagrees"));
  pp_config_clear(&c);
}

int main(int argc, char **argv) {
  data_dir = argc > 1 ? argv[1] : ".";
  pp_test_set_datadir(data_dir);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_not_windows),      cmocka_unit_test(test_live_records),
      cmocka_unit_test(test_live_text_values), cmocka_unit_test(test_os_agrees),
      cmocka_unit_test(test_os_disagrees),     cmocka_unit_test(test_os_winhttp),
      cmocka_unit_test(test_short_dword),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
