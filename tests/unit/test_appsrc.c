/* SPDX-License-Identifier: MIT */
/*
 * The application and runtime source readers of src/config (firefox.c,
 * dotnet.c, java.c, macos.c, xml.c): each fixture of tests/cli/data/sources against
 * what the reader makes of it, hand-written malformed inputs against their
 * one-line error, and every fixture cut at every length: an error naming
 * the file or a source, never a crash (run under ASan in CI).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/config_int.h"
#include "config/xml.h"
#include "pacprobe.h"
#include "support/casefile.h"

/* The fixtures of the scenario tests (tests/cli/data/sources), from the
 * unit data directory. */
#define SRC "../../cli/data/sources/"

typedef pp_status_t (*reader_t)(pp_config_t *, const void *, size_t, const char *);

static const char *value(const pp_source_t *s, const char *name) {
  const pp_setting_t *v = pp_config_setting(s, name, false);
  return v ? v->value : NULL;
}

/* Reads one fixture into c (zeroed by the caller). */
static void load(pp_config_t *c, reader_t r, const char *file) {
  size_t len = 0;
  char *data = pp_test_read_data(file, &len);
  assert_non_null(data);
  assert_int_equal(r(c, data, len, file), PP_OK);
  free(data);
}

/* One input given as a string: the error text of its one source. */
static const char *error_of(pp_config_t *c, reader_t r, const char *text) {
  memset(c, 0, sizeof(*c));
  assert_int_equal(r(c, text, strlen(text), "t"), PP_OK);
  assert_int_equal(c->nsources, 1);
  return c->sources[0].error;
}

static void expect_error(reader_t r, const char *text, const char *want) {
  pp_config_t c;
  const char *e = error_of(&c, r, text);
  if (!e || !strstr(e, want)) fail_msg("'%s': got '%s', want '%s'", text, e ? e : "(no error)", want);
  assert_int_equal(c.nerrors, 1);
  pp_config_clear(&c);
}

static void test_firefox(void **state) {
  (void)state;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  load(&c, pp_config_add_firefox_policies, SRC "firefox-policies.json");
  load(&c, pp_config_add_firefox_prefs, SRC "firefox-prefs.js");
  assert_int_equal(c.nsources, 2);
  assert_true(c.sources[0].locked);
  assert_string_equal(c.sources[0].mode, "manual");
  assert_string_equal(value(&c.sources[0], "network.proxy.ssl"), "proxy.corp.test");
  assert_string_equal(value(&c.sources[0], "network.proxy.socks_port"), "3128");
  assert_string_equal(value(&c.sources[1], "network.proxy.type"), "1");
  assert_string_equal(value(&c.sources[1], "network.proxy.http_port"), "8080");
  assert_null(value(&c.sources[1], "app.normandy.first_run")); /* not a proxy pref */
  assert_int_equal(pp_config_decide(&c, PP_FOR_FIREFOX), PP_OK);
  assert_int_equal(c.effective.mode, PP_MODE_PROXY);
  assert_string_equal(c.effective.proxy, "http=proxy.corp.test:3128;https=proxy.corp.test:3128");
  pp_config_clear(&c);
  /* the prefs grammar: comments, single quotes, escapes, attributes */
  memset(&c, 0, sizeof(c));
  const char *js = "# hash\n/* block\n comment */ user_pref('network.proxy.http', \"p\\x2eq\");\n"
                   "pref(\"network.proxy.http_port\", -0, locked);\n";
  assert_int_equal(pp_config_add_firefox_prefs(&c, js, strlen(js), "p.js"), PP_OK);
  assert_null(c.sources[0].error);
  assert_string_equal(value(&c.sources[0], "network.proxy.http"), "p.q");
  assert_int_equal(c.sources[0].settings[1].line, 4);
  pp_config_clear(&c);
  expect_error(pp_config_add_firefox_prefs, "user_pref(\"a\", 1)\n", "t:1: ';' expected");
  expect_error(pp_config_add_firefox_prefs, "user_pref(\"a\", 1.5);", "t:1: ')' expected");
  expect_error(pp_config_add_firefox_prefs, "\n\nuser_pref(\"a\", \"x\n\");", "t:3: a newline inside");
  expect_error(pp_config_add_firefox_prefs, "user_pref(\"a\", \"x);", "t:1: unterminated string");
  expect_error(pp_config_add_firefox_prefs, "/* open", "unterminated /* comment");
  expect_error(pp_config_add_firefox_prefs, "eval(\"x\");", "t:1: not user_pref");
  expect_error(pp_config_add_firefox_policies, "{\"policies\":{\"Proxy\":{\"Mode\":\"auto\"}}}",
               "t:1: policy Proxy.Mode 'auto' is not none");
  expect_error(pp_config_add_firefox_policies, "{\"policies\":{\"Proxy\":{\"SOCKSVersion\":6}}}",
               "SOCKSVersion must be 4 or 5");
  expect_error(pp_config_add_firefox_policies, "[]", "t:1: a policies file is a JSON object");
  expect_error(pp_config_add_firefox_policies, "{\n\"policies\": {\n}\n", "t:4: 0: not a JSON");
}

static void test_java(void **state) {
  (void)state;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  load(&c, pp_config_add_java_props, SRC "java-net.properties");
  load(&c, pp_config_add_java_cmdline, SRC "java-cmdline.txt");
  assert_string_equal(value(&c.sources[0], "http.proxyPort"), "3128");            /* key: value */
  assert_string_equal(value(&c.sources[0], "https.proxyHost"), "proxy.corp.test"); /* key = value */
  assert_string_equal(value(&c.sources[0], "http.nonProxyHosts"), "localhost|127.*|[::1]|*.corp.test");
  assert_string_equal(value(&c.sources[1], "http.proxyPassword"), "****");
  assert_null(value(&c.sources[1], "http.proxyHost")); /* after -jar: the program's */
  assert_int_equal(pp_config_decide(&c, PP_FOR_JAVA), PP_OK);
  assert_string_equal(c.effective.proxy, "http=proxy.corp.test:3128;https=secure.corp.test:8443");
  pp_config_clear(&c);
  /* escapes and separators of Properties.load */
  memset(&c, 0, sizeof(c));
  const char *p = "http.proxyHost\\u003dx=a\\\n   b\n! c\nhttp.proxyPort 81\nsocksProxyHost:\n";
  assert_int_equal(pp_config_add_java_props(&c, p, strlen(p), "n.p"), PP_OK);
  assert_null(value(&c.sources[0], "http.proxyHost")); /* the key is "http.proxyHost=x" */
  assert_string_equal(value(&c.sources[0], "http.proxyPort"), "81");
  assert_string_equal(value(&c.sources[0], "socksProxyHost"), "");
  pp_config_clear(&c);
  expect_error(pp_config_add_java_props, "a=1\nhttp.proxyHost=\\u12", "t:2: malformed \\uxxxx");
  expect_error(pp_config_add_java_cmdline, "java '-Dhttp.proxyHost=a", "t:1: unterminated ' quote");
  /* argument-taking options are skipped with their argument */
  memset(&c, 0, sizeof(c));
  const char *cl = "java -cp -Dnot=1 -Dhttp.proxyHost=h Main -Dhttp.proxyPort=1";
  assert_int_equal(pp_config_add_java_cmdline(&c, cl, strlen(cl), "c"), PP_OK);
  assert_string_equal(value(&c.sources[0], "http.proxyHost"), "h");
  assert_null(value(&c.sources[0], "http.proxyPort"));
  pp_config_clear(&c);
}

static void test_dotnet(void **state) {
  (void)state;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  load(&c, pp_config_add_dotnet, SRC "dotnet-machine.config");
  load(&c, pp_config_add_dotnet, SRC "dotnet-app.config");
  assert_string_equal(value(&c.sources[0], "proxy.usesystemdefault"), "true");
  assert_string_equal(value(&c.sources[1], "proxy.proxyaddress"), "http://proxy.corp.test:8080");
  assert_int_equal(pp_config_decide(&c, PP_FOR_DOTNET), PP_OK);
  assert_int_equal(c.effective.mode, PP_MODE_PROXY);
  assert_int_equal(c.effective.nbypass, 3); /* two adds of the app, <remove>d machine entry, <local> */
  pp_config_clear(&c);
  expect_error(pp_config_add_dotnet, "<configuration><system.net><defaultProxy enabled=\"yes\"/>"
               "</system.net></configuration>", "t:1: <defaultProxy enabled='yes'> is not true");
  expect_error(pp_config_add_dotnet, "<configuration>\n<system.net><defaultProxy><foo/>"
               "</defaultProxy></system.net></configuration>", "t:2: <foo> is not allowed");
  expect_error(pp_config_add_dotnet, "<configuration a=b/>", "an attribute value must be quoted");
  expect_error(pp_config_add_dotnet, "<configuration>&nbsp;</configuration>", "unknown entity");
  expect_error(pp_config_add_dotnet, "<configuration>", "ends inside an element");
  expect_error(pp_config_add_dotnet, "", "no root element");
  { /* a NUL byte in text and in an attribute: an error, not a loop */
    static const char t1[] = "<configuration>a\0b</configuration>";
    static const char t2[] = "<configuration x='a\0b'/>";
    pp_config_t c2;
    memset(&c2, 0, sizeof(c2));
    assert_int_equal(pp_config_add_dotnet(&c2, t1, sizeof(t1) - 1, "t"), PP_OK);
    assert_int_equal(pp_config_add_dotnet(&c2, t2, sizeof(t2) - 1, "t"), PP_OK);
    assert_non_null(strstr(c2.sources[0].error, "a NUL byte"));
    assert_non_null(strstr(c2.sources[1].error, "a NUL byte"));
    pp_config_clear(&c2);
  }
  /* enabled="false": no proxy, whatever else */
  memset(&c, 0, sizeof(c));
  const char *x = "<?xml version='1.0'?><!-- c --><configuration><system.net>"
                  "<defaultProxy enabled='False'><proxy proxyaddress='http://p:1'/></defaultProxy>"
                  "</system.net></configuration>";
  assert_int_equal(pp_config_add_dotnet(&c, x, strlen(x), "w"), PP_OK);
  assert_int_equal(pp_config_decide(&c, PP_FOR_DOTNET), PP_OK);
  assert_int_equal(c.effective.mode, PP_MODE_DIRECT);
  pp_config_clear(&c);
}

static void test_macos(void **state) {
  (void)state;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  load(&c, pp_config_add_macos_plist, SRC "macos-preferences.plist");
  assert_int_equal(c.nsources, 2); /* two services with Proxies, ServiceOrder first */
  assert_non_null(strstr(c.sources[0].value, "USB"));
  assert_string_equal(value(&c.sources[0], "HTTPPort"), "8080");
  load(&c, pp_config_add_scutil, SRC "scutil-proxy.txt");
  assert_int_equal(c.nsources, 3);
  assert_null(c.sources[2].error);
  assert_int_equal(pp_config_decide(&c, PP_FOR_MACOS), PP_OK);
  assert_true(c.sources[2].in_effect); /* scutil beats the plist */
  assert_int_equal(c.effective.nbypass, 4);
  pp_config_clear(&c);
  expect_error(pp_config_add_scutil, "<dictionary> {\n  A : 1\n", "t:2: the output ends inside");
  expect_error(pp_config_add_scutil, "HTTPEnable : 1\n", "t:1: not scutil --proxy output");
  expect_error(pp_config_add_scutil, "<dictionary> {\n}\n}\n", "t:3: text after the dictionary");
  expect_error(pp_config_add_macos_plist, "bplist00\x01", "t:1: a binary property list");
  /* an error of the XML reader itself (its text lives in the reader) */
  expect_error(pp_config_add_macos_plist, "<plist>\n<dict>&bad;</dict></plist>",
               "t:2: not an XML property list: an unknown entity");
  expect_error(pp_config_add_macos_plist, "<plist><dict><key>a</key></dict></plist>",
               "a <key> without its value");
  expect_error(pp_config_add_macos_plist, "<plist><dict><string>a</string></dict></plist>",
               "a value without its <key>");
}

/* Every fixture cut at every length, through every reader: an error that
 * names the file, or sources; decisions for every new consumer. */
static void test_truncations(void **state) {
  (void)state;
  static const char *const files[] = {
      SRC "firefox-policies.json", SRC "firefox-prefs.js", SRC "dotnet-machine.config",
      SRC "java-net.properties", SRC "java-cmdline.txt", SRC "scutil-proxy.txt",
      SRC "macos-preferences.plist"};
  static const reader_t readers[] = {
      pp_config_add_firefox_policies, pp_config_add_firefox_prefs, pp_config_add_dotnet,
      pp_config_add_java_props, pp_config_add_java_cmdline, pp_config_add_scutil,
      pp_config_add_macos_plist};
  static const pp_consumer_t who[] = {PP_FOR_FIREFOX, PP_FOR_DOTNET, PP_FOR_JAVA, PP_FOR_MACOS};
  for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
    size_t len = 0;
    char *data = pp_test_read_data(files[i], &len);
    assert_non_null(data);
    for (size_t cut = 0; cut <= len; cut++) {
      char *copy = malloc(cut ? cut : 1);
      memcpy(copy, data, cut);
      for (size_t r = 0; r < sizeof(readers) / sizeof(readers[0]); r++) {
        pp_config_t c;
        memset(&c, 0, sizeof(c));
        assert_int_equal(readers[r](&c, copy, cut, "f"), PP_OK);
        for (size_t k = 0; k < c.nsources; k++)
          if (c.sources[k].error) assert_true(strncmp(c.sources[k].error, "f:", 2) == 0);
        if (cut % 7 == 0 || cut == len)
          for (size_t w = 0; w < sizeof(who) / sizeof(who[0]); w++)
            assert_int_equal(pp_config_decide(&c, who[w]), PP_OK);
        pp_config_clear(&c);
      }
      free(copy);
    }
    free(data);
  }
}

int main(int argc, char **argv) {
  if (!pp_test_datadir_from_args(argc, argv)) return 2;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_firefox),  cmocka_unit_test(test_java),
      cmocka_unit_test(test_dotnet),   cmocka_unit_test(test_macos),
      cmocka_unit_test(test_truncations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
