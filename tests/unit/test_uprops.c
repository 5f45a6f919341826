/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the generated Unicode property tables (src/pac/uprops.h,
 * tools/gen-uprops.py) and their lookup: keys sorted and unique, ranges
 * sorted and disjoint within U+0000-U+10FFFF, aliases sharing one set, and
 * known members from the Unicode data. What \p{…} matches is tested
 * through the engine in tests/cases/regexp-property.fcases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pac/uprops.h"

static const pp_uprop_t *find(const char *key) { return pp_uprop_find(key, strlen(key)); }

static int has(const char *key, uint32_t cp) {
  const pp_uprop_t *u = find(key);
  assert_non_null(u);
  for (size_t i = 0; i < u->n; i++)
    if (u->ranges[2 * i] <= cp && cp <= u->ranges[2 * i + 1]) return 1;
  return 0;
}

static void test_tables_well_formed(void **state) {
  (void)state;
  assert_true(pp_uprops_count > 500);
  for (size_t k = 0; k < pp_uprops_count; k++) {
    if (k) assert_true(strcmp(pp_uprops[k - 1].key, pp_uprops[k].key) < 0);
    const pp_uprop_t *u = &pp_uprops[k];
    for (size_t i = 0; i < u->n; i++) {
      assert_true(u->ranges[2 * i] <= u->ranges[2 * i + 1]);
      assert_true(u->ranges[2 * i + 1] <= 0x10FFFF);
      if (i) assert_true(u->ranges[2 * i] > u->ranges[2 * i - 1] + 1); /* disjoint, merged */
    }
    assert_ptr_equal(find(u->key), u);
  }
  assert_true(strlen(pp_uprops_version) >= 4);
}

static void test_lookup(void **state) {
  (void)state;
  assert_null(find("gc=L&"));     /* not an ECMAScript alias */
  assert_null(find("bin=ascii")); /* names are case-sensitive */
  assert_null(find("gc=Foo"));
  assert_ptr_equal(pp_uprop_find("gc=Lu", 4), find("gc=L")); /* the length counts */
  assert_ptr_equal(find("gc=Lu")->ranges, find("gc=Uppercase_Letter")->ranges);
  assert_ptr_equal(find("sc=Grek")->ranges, find("sc=Greek")->ranges);
  assert_ptr_equal(find("bin=space")->ranges, find("bin=White_Space")->ranges);
  assert_int_equal(find("bin=Any")->n, 1);
}

static void test_members(void **state) {
  (void)state;
  assert_true(has("gc=Lu", 'A'));
  assert_false(has("gc=Lu", 'a'));
  assert_true(has("gc=L", 0x1D400));     /* MATHEMATICAL BOLD CAPITAL A */
  assert_true(has("gc=Cn", 0x0378));     /* unassigned */
  assert_false(has("bin=Assigned", 0x0378));
  assert_true(has("sc=Greek", 0x03B1));
  assert_false(has("sc=Deva", 0x0964));  /* DEVANAGARI DANDA: Common … */
  assert_true(has("scx=Deva", 0x0964));  /* … with Devanagari among its extensions */
  assert_true(has("bin=Emoji", 0x1F600));
  assert_true(has("bin=White_Space", 0x3000));
  assert_true(has("gc=Cs", 0xD800));
  assert_true(has("bin=Changes_When_NFKC_Casefolded", 'A'));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tables_well_formed),
      cmocka_unit_test(test_lookup),
      cmocka_unit_test(test_members),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
