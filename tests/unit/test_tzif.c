/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/util/tzif.c (the Windows build's --tz): for zones of
 * every kind (northern and southern DST, 30/45-minute offsets, negative DST
 * in Europe/Dublin, no DST, rules only in the footer after 2037) the
 * offset at instants from 1901 to 2100 equals glibc's localtime on the
 * same zoneinfo file, and local times map back (mktime); malformed files
 * are refused with the reason. Skipped where the system has no zoneinfo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "util/tzif.h"

static const char *const zones[] = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney",
                                    "America/Sao_Paulo", "Pacific/Chatham", "Europe/Dublin", "America/St_Johns",
                                    "Africa/Casablanca", "Asia/Tehran", "Pacific/Apia", "UTC", "Etc/GMT+5"};

static uint8_t *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  uint8_t *p = malloc(PP_TZIF_MAX_BYTES);
  *n = p ? fread(p, 1, PP_TZIF_MAX_BYTES, f) : 0;
  fclose(f);
  return p;
}

static pp_tzif_t *load(const char *zone) {
  char path[256], err[200];
  snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
  size_t n = 0;
  uint8_t *p = slurp(path, &n);
  if (!p) return NULL;
  pp_tzif_t *z = pp_tzif_parse(p, n, err, sizeof(err));
  if (!z) fail_msg("%s: %s", zone, err);
  free(p);
  return z;
}

static void test_offsets_match_glibc(void **state) {
  (void)state;
  FILE *probe = fopen("/usr/share/zoneinfo/UTC", "rb");
  if (!probe) skip();
  fclose(probe);
  size_t checked = 0;
  for (size_t k = 0; k < sizeof(zones) / sizeof(zones[0]); k++) {
    pp_tzif_t *z = load(zones[k]);
    assert_non_null(z);
    setenv("TZ", zones[k], 1);
    tzset();
    /* 1901 .. 2100 in steps of 2.3 days, plus the hours around each change */
    for (int64_t t = -2177452800LL; t < 4102444800LL; t += 198533) {
      time_t tt = (time_t)t;
      struct tm tm;
      localtime_r(&tt, &tm);
      bool dst = false;
      long off = pp_tzif_offset(z, t, &dst);
      if (off != tm.tm_gmtoff || dst != (tm.tm_isdst > 0))
        fail_msg("%s at %lld: offset %ld dst %d, glibc %ld dst %d", zones[k], (long long)t, off, dst,
                 (long)tm.tm_gmtoff, tm.tm_isdst);
      int64_t back = pp_tzif_from_local(z, t + off);
      if (back + pp_tzif_offset(z, back, NULL) != t + off)
        fail_msg("%s: local %lld does not map back (%lld)", zones[k], (long long)(t + off), (long long)back);
      checked++;
    }
    pp_tzif_free(z);
  }
  unsetenv("TZ");
  tzset();
  assert_true(checked > 100000);
}

/* A wall-clock time that is not ambiguous maps to mktime's instant. */
static void test_from_local_matches_mktime(void **state) {
  (void)state;
  pp_tzif_t *z = load("Europe/Berlin");
  if (!z) skip();
  setenv("TZ", "Europe/Berlin", 1);
  tzset();
  static const int when[][5] = {{2026, 7, 1, 12, 0}, {2026, 1, 15, 8, 30}, {2045, 6, 30, 23, 59}, {2045, 12, 24, 0, 0},
                                {1980, 3, 1, 0, 0}, {2026, 3, 29, 2, 30} /* in the spring gap */};
  for (size_t i = 0; i < sizeof(when) / sizeof(when[0]); i++) {
    struct tm tm = {.tm_year = when[i][0] - 1900, .tm_mon = when[i][1] - 1, .tm_mday = when[i][2],
                    .tm_hour = when[i][3], .tm_min = when[i][4], .tm_isdst = -1};
    struct tm u = tm;
    int64_t local = (int64_t)timegm(&u);
    time_t want = mktime(&tm);
    assert_int_equal(pp_tzif_from_local(z, local), (int64_t)want);
  }
  unsetenv("TZ");
  tzset();
  pp_tzif_free(z);
}

/* A wall-clock time that happens twice (autumn): the rule of tzif.h. */
static void test_overlap(void **state) {
  (void)state;
  pp_tzif_t *be = load("Europe/Berlin"), *ny = load("America/New_York");
  if (!be || !ny) skip();
  struct tm b = {.tm_year = 145, .tm_mon = 9, .tm_mday = 29, .tm_hour = 2, .tm_min = 30};
  struct tm n = {.tm_year = 126, .tm_mon = 10, .tm_mday = 1, .tm_hour = 1, .tm_min = 30};
  int64_t lb = (int64_t)timegm(&b), ln = (int64_t)timegm(&n);
  assert_int_equal(pp_tzif_from_local(be, lb), lb - 3600); /* 02:30 CET, the later one */
  assert_int_equal(pp_tzif_from_local(ny, ln), ln + 4 * 3600); /* 01:30 EDT, the earlier one */
  pp_tzif_free(be);
  pp_tzif_free(ny);
}

static void test_malformed(void **state) {
  (void)state;
  char err[200];
  assert_null(pp_tzif_parse((const uint8_t *)"TZjf", 4, err, sizeof(err)));
  assert_non_null(strstr(err, "not a TZif file"));
  size_t n = 0;
  uint8_t *p = slurp("/usr/share/zoneinfo/Europe/Berlin", &n);
  if (!p) skip();
  for (size_t cut = 1; cut < n; cut += 97) { /* every truncation is refused, never read past */
    pp_tzif_t *z = pp_tzif_parse(p, cut, err, sizeof(err));
    assert_null(z);
    assert_non_null(strstr(err, "(at byte "));
  }
  p[n - 5] = '!'; /* CET-1CEST,M3.5.0,M10.5!/3 */
  assert_null(pp_tzif_parse(p, n, err, sizeof(err)));
  assert_non_null(strstr(err, "footer rule"));
  free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_offsets_match_glibc),
                                     cmocka_unit_test(test_from_local_matches_mktime),
                                     cmocka_unit_test(test_overlap),
                                     cmocka_unit_test(test_malformed)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
