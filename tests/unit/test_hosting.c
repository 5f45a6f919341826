/* SPDX-License-Identifier: MIT */
/* PAC hosting checks (src/wpad/hosting.c): which finding each URL, answer
 * and body gives, and that foreign header text is escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pacprobe.h"

/* The codes found, space-separated, into buf. */
static const char *codes(const char *src, const pp_fetch_info_t *f, const char *body, size_t len,
                         char *buf, size_t n) {
  pp_pac_finding_t *v = NULL;
  size_t k = 0;
  assert_int_equal(pp_pac_hosting_check(src, f, body, len, &v, &k), PP_OK);
  buf[0] = '\0';
  for (size_t i = 0; i < k; i++) {
    assert_non_null(v[i].clients);
    assert_null(strchr(v[i].message, '\033'));
    strncat(buf, v[i].code, n - strlen(buf) - 2);
    if (i + 1 < k) strcat(buf, " ");
  }
  pp_pac_findings_free(v, k);
  return buf;
}

/* The refuses mask of the finding `code` (which must be there). */
static unsigned refuses(const char *src, const pp_fetch_info_t *f, const char *body, size_t len,
                        const char *code) {
  pp_pac_finding_t *v = NULL;
  size_t k = 0;
  unsigned m = 0;
  bool found = false;
  assert_int_equal(pp_pac_hosting_check(src, f, body, len, &v, &k), PP_OK);
  for (size_t i = 0; i < k; i++)
    if (!strcmp(v[i].code, code)) {
      m = v[i].refuses;
      found = true;
      assert_int_equal(v[i].refuses & ~v[i].affects, 0); /* a refusing client is an affected one */
    }
  pp_pac_findings_free(v, k);
  assert_true(found);
  return m;
}

static pp_fetch_info_t good(void) {
  pp_fetch_info_t f;
  memset(&f, 0, sizeof(f));
  f.http_status = 200;
  f.headers = true;
  f.content_length = 10;
  f.content_type = "application/x-ns-proxy-autoconfig";
  return f;
}

static void test_hosting(void **state) {
  (void)state;
  char b[256];
  const char *pac = "function FindProxyForURL(u,h){}";
  size_t n = strlen(pac);
  pp_fetch_info_t f = good();
  assert_string_equal(codes("http://p/x.pac", &f, pac, n, b, sizeof(b)), "");
  assert_string_equal(codes("file:///etc/x.pac", NULL, NULL, 0, b, sizeof(b)), "file-url");
  assert_string_equal(codes("FILE://srv/share/x.pac", NULL, NULL, 0, b, sizeof(b)), "file-url unc-path");
  assert_string_equal(codes("file://C:/x.pac", NULL, NULL, 0, b, sizeof(b)), "file-url");
  assert_string_equal(codes("\\\\srv\\share\\x.pac", NULL, NULL, 0, b, sizeof(b)), "unc-path");
  assert_string_equal(codes("/etc/x.pac", NULL, NULL, 0, b, sizeof(b)), "");
  f.content_type = "TEXT/plain\033[31m";
  f.cache_control = "public, max-age=31536000";
  f.content_length = -1;
  f.chunked = true;
  assert_string_equal(codes("http://p/x.pac", &f, "\xEF\xBB\xBF" "function FindProxyForURL(){}", 31, b, sizeof(b)),
                      "content-type no-content-length long-cache bom");
  f = good();
  f.cache_control = "max-age=86400"; /* a day is fine */
  assert_string_equal(codes("http://p/x.pac", &f, pac, n, b, sizeof(b)), "");
  f.content_type = "Application/X-NS-Proxy-Autoconfig; charset=utf-8";
  assert_string_equal(codes("http://p/x.pac", &f, pac, n, b, sizeof(b)), "");
  assert_string_equal(codes("http://p/x.pac", &f, "function FindProxyForURL(){'\xC3\xBC'}", 31, b, sizeof(b)),
                      "charset");
  f = good();
  f.http_status = 404;
  assert_string_equal(codes("http://p/x.pac", &f, NULL, 0, b, sizeof(b)), "http-status");
  f = good();
  char *r[] = {"https://q/y.pac", "http://q/z.pac"};
  f.redirects = r;
  f.nredirects = 2;
  assert_string_equal(codes("https://p/x.pac", &f, pac, n, b, sizeof(b)), "redirect redirect-to-http");
  f = good();
  assert_string_equal(codes("http://p/x.pac", &f, "\xFF\xFEv\0", 4, b, sizeof(b)), "utf16");
  assert_string_equal(codes("http://p/x.pac", &f, "var x;", 6, b, sizeof(b)), "no-findproxyforurl");
  size_t big = 1048577;
  char *huge = malloc(big);
  memset(huge, ' ', big);
  memcpy(huge, pac, n);
  assert_string_equal(codes("http://p/x.pac", &f, huge, big, b, sizeof(b)), "too-big");
  free(huge);
}

/* Which clients do not use the PAC, per finding (docs/sources.md). */
static void test_refuses(void **state) {
  (void)state;
  char b[256];
  const char *pac = "function FindProxyForURL(u,h){}";
  size_t n = strlen(pac);
  unsigned cr = PP_PAC_CLIENT_CHROMIUM, wh = PP_PAC_CLIENT_WINHTTP, ff = PP_PAC_CLIENT_FIREFOX;
  assert_int_equal(refuses("file:///etc/x.pac", NULL, NULL, 0, "file-url"), cr | wh);
  pp_fetch_info_t f = good();
  f.content_type = "text/plain";
  /* the WinHTTP proxy service takes text/plain for .pac/.dat/.js/.jvs only */
  assert_int_equal(refuses("http://p/x.pac", &f, pac, n, "content-type"), 0);
  assert_int_equal(refuses("http://p/WPAD.DAT?v=2", &f, pac, n, "content-type"), 0);
  assert_int_equal(refuses("http://p/proxy", &f, pac, n, "content-type"), wh);
  f.effective_url = "http://p/x.js"; /* the final URL after redirects decides */
  assert_int_equal(refuses("http://p/proxy", &f, pac, n, "content-type"), 0);
  f = good();
  f.http_status = 404;
  assert_int_equal(refuses("http://p/x.pac", &f, NULL, 0, "http-status"), cr | wh | ff);
  f.http_status = 203; /* Firefox takes any 2xx */
  assert_int_equal(refuses("http://p/x.pac", &f, pac, n, "http-status"), cr | wh);
  f = good();
  char *r[] = {"http://q/z.pac"};
  f.redirects = r;
  f.nredirects = 1;
  assert_string_equal(codes("http://p/x.pac", &f, pac, n, b, sizeof(b)), "redirect"); /* no downgrade */
  assert_int_equal(refuses("https://p/x.pac", &f, pac, n, "redirect-to-http"), wh);
  f = good();
  assert_int_equal(refuses("http://p/x.pac", &f, "var x;", 6, "no-findproxyforurl"), cr);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_hosting),
                                     cmocka_unit_test(test_refuses)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
