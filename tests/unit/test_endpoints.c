/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the Microsoft 365 endpoints reader (src/route/endpoints.c):
 * the concrete URL per urls entry (wildcards, scheme, port), sets without
 * urls, per-set problems that leave the rest, and whole-file errors with
 * FILE:LINE:COL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pacprobe.h"

static pp_status_t parse(const char *json, pp_endpoints_t *e, char *err) {
  return pp_endpoints_parse(json, strlen(json), "t.json", "contoso", e, err, 256);
}

static void test_urls(void **state) {
  (void)state;
  pp_endpoints_t e;
  char err[256];
  assert_int_equal(parse("[{\"id\":1,\"serviceArea\":\"Exchange\",\"category\":\"Optimize\",\"required\":true,"
                         "\"urls\":[\"Outlook.Office.com\",\"*-my.sharepoint.com\",\"autodiscover.*.onmicrosoft.com\"],"
                         "\"tcpPorts\":\"80,443\"},"
                         "{\"id\":2,\"category\":\"Allow\",\"urls\":[\"smtp.office365.com\"],\"tcpPorts\":\"587\"},"
                         "{\"id\":3,\"category\":\"Default\",\"urls\":[\"a.example\"],\"tcpPorts\":\"80\"},"
                         "{\"id\":4,\"category\":\"Default\",\"urls\":[\"b.example\"]},"
                         "{\"id\":5,\"category\":\"Default\",\"urls\":[\"c.example\"],\"tcpPorts\":\"1-65535\"},"
                         "{\"id\":6,\"category\":\"Optimize\",\"ips\":[\"13.107.64.0/18\"],\"udpPorts\":\"3478\"}]",
                         &e, err),
                   PP_OK);
  assert_int_equal(e.n, 7);
  assert_string_equal(e.v[0].url, "https://outlook.office.com/");
  assert_string_equal(e.v[0].pattern, "Outlook.Office.com");
  assert_string_equal(e.v[0].service_area, "Exchange");
  assert_true(e.v[0].required);
  assert_int_equal(e.v[0].category, PP_EP_OPTIMIZE);
  assert_string_equal(e.v[1].url, "https://contoso-my.sharepoint.com/");
  assert_string_equal(e.v[2].url, "https://autodiscover.contoso.onmicrosoft.com/");
  assert_string_equal(e.v[3].url, "https://smtp.office365.com:587/");
  assert_false(e.v[3].required);
  assert_string_equal(e.v[4].url, "http://a.example/");
  assert_string_equal(e.v[5].url, "https://b.example/");
  assert_string_equal(e.v[6].url, "https://c.example/");
  assert_int_equal(e.ip_only, 1);
  assert_int_equal(e.nproblems, 0);
  pp_endpoints_clear(&e);
  assert_null(e.v);
}

static void test_problems_keep_the_rest(void **state) {
  (void)state;
  pp_endpoints_t e;
  char err[256];
  assert_int_equal(parse("[7,{\"category\":\"Allow\",\"urls\":[\"a.example\"]},"
                         "{\"id\":3,\"category\":\"optimize\",\"urls\":[\"b.example\"]},"
                         "{\"id\":4,\"category\":\"Allow\",\"urls\":[\"ok.example\",5,\"bad/host\",\"\"]},"
                         "{\"id\":5,\"category\":\"Allow\",\"urls\":\"x\"},"
                         "{\"id\":6,\"category\":\"Allow\",\"urls\":[\"y.example\"],\"tcpPorts\":443}]",
                         &e, err),
                   PP_OK);
  assert_int_equal(e.n, 1);
  assert_string_equal(e.v[0].url, "https://ok.example/");
  assert_int_equal(e.nproblems, 8);
  assert_string_equal(e.problems[0], "t.json: endpoint set 1: not an object");
  assert_string_equal(e.problems[1], "t.json: endpoint set 2: no integer \"id\"");
  assert_non_null(strstr(e.problems[2], "endpoint set 3 (id 3): \"category\" is not Optimize"));
  assert_non_null(strstr(e.problems[3], "(id 4): a urls entry is not a string"));
  assert_non_null(strstr(e.problems[4], "(id 4): urls entry with a character"));
  assert_non_null(strstr(e.problems[5], "(id 4): urls entry with an empty host name"));
  assert_non_null(strstr(e.problems[6], "(id 5): \"urls\" is not an array"));
  assert_non_null(strstr(e.problems[7], "(id 6): \"tcpPorts\" is not a string"));
  pp_endpoints_clear(&e);
}

static void test_file_errors(void **state) {
  (void)state;
  pp_endpoints_t e;
  char err[256];
  assert_int_equal(parse("[{\"id\":1,\n \"category\": }]", &e, err), PP_EINVAL);
  assert_non_null(strstr(err, "t.json:2:"));
  assert_int_equal(parse("{}", &e, err), PP_EINVAL);
  assert_string_equal(err, "t.json:1:1: not an endpoints file: expected a JSON array of endpoint sets "
                           "(endpoints.office.com/endpoints/Worldwide)");
  assert_int_equal(parse("[{\"id\":1,\"id\":2}]", &e, err), PP_EINVAL); /* duplicate keys */
  assert_int_equal(parse("[]", &e, err), PP_OK);
  assert_int_equal(e.n, 0);
  pp_endpoints_clear(&e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_urls),
      cmocka_unit_test(test_problems_keep_the_rest),
      cmocka_unit_test(test_file_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
