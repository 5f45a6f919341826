/* SPDX-License-Identifier: MIT */
/*
 * \p{…} and \P{…} under u (regex_prop.h). The name is looked up as
 * ECMAScript reads it, case-sensitively and without loose matching:
 * NAME=VALUE for General_Category/gc, Script/sc, Script_Extensions/scx,
 * else a General_Category value, else a binary property. \P is the
 * complement over U+0000-U+10FFFF. The result is
 *   (?:\uH[\uL-\uL]|[\uH-\uH][\uL-\uL]|…|[BMP ranges])
 * the astral code points grouped by high surrogate (runs of high
 * surrogates with the same low ranges share one class), pairs first. A
 * BMP part holding surrogates is kept from matching half a pair:
 * (?!P)[…] forward, […](?<!P) when reading right to left. An empty set
 * is (?!).
 */
#include "pac/regex_prop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/uprops.h"

#define PAIR "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]"
#define MAX_PAIRS 4096

typedef struct {
  uint32_t lo, hi;
} range_t;

static bool name_char(char c) {
  return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The property named by \p{…} at p, or NULL with r->syntax. */
static const pp_uprop_t *lookup(const char *p, const char *end, pp_regex_prop_t *r) {
  r->syntax = "Invalid property name";
  if (end - p < 4 || p[2] != '{') return NULL;
  const char *name = p + 3, *q = name, *eq = NULL;
  for (; q < end && *q != '}'; q++) {
    if (*q == '=' && !eq) eq = q;
    else if (!name_char(*q)) return NULL;
  }
  if (q >= end || q == name || eq == name || eq == q - 1) return NULL;
  r->len = (size_t)(q + 1 - p);
  char key[96];
  const pp_uprop_t *u = NULL;
  if (eq) {
    size_t n = (size_t)(eq - name), vn = (size_t)(q - eq - 1);
    const char *pre = NULL;
    if ((n == 16 && !memcmp(name, "General_Category", 16)) || (n == 2 && !memcmp(name, "gc", 2))) pre = "gc=";
    else if ((n == 6 && !memcmp(name, "Script", 6)) || (n == 2 && !memcmp(name, "sc", 2))) pre = "sc=";
    else if ((n == 17 && !memcmp(name, "Script_Extensions", 17)) || (n == 3 && !memcmp(name, "scx", 3))) pre = "scx=";
    if (!pre || vn + 5 > sizeof(key)) return NULL;
    int k = snprintf(key, sizeof(key), "%s%.*s", pre, (int)vn, eq + 1);
    u = pp_uprop_find(key, (size_t)k);
  } else {
    size_t n = (size_t)(q - name);
    if (n + 5 > sizeof(key)) return NULL;
    int k = snprintf(key, sizeof(key), "gc=%.*s", (int)n, name);
    u = pp_uprop_find(key, (size_t)k);
    if (!u) {
      k = snprintf(key, sizeof(key), "bin=%.*s", (int)n, name);
      u = pp_uprop_find(key, (size_t)k);
    }
  }
  if (u) r->syntax = NULL;
  return u;
}

void pp_regex_prop_check(const char *p, const char *end, pp_regex_prop_t *r) {
  memset(r, 0, sizeof(*r));
  (void)lookup(p, end, r);
}

/* The set (complemented for \P) as ranges; *n set; NULL when out of memory. */
static range_t *ranges_of(const pp_uprop_t *u, bool neg, size_t *n) {
  range_t *v = malloc((u->n + 1) * sizeof(*v));
  if (!v) return NULL;
  size_t k = 0;
  if (!neg) {
    for (size_t i = 0; i < u->n; i++) v[k++] = (range_t){u->ranges[2 * i], u->ranges[2 * i + 1]};
  } else {
    uint32_t next = 0;
    for (size_t i = 0; i < u->n; i++) {
      if (u->ranges[2 * i] > next) v[k++] = (range_t){next, u->ranges[2 * i] - 1};
      next = u->ranges[2 * i + 1] + 1;
    }
    if (next <= 0x10FFFF) v[k++] = (range_t){next, 0x10FFFF};
  }
  *n = k;
  return v;
}

static void put_unit(pp_str_t *o, uint32_t c) { pp_str_printf(o, "\\u%04X", (unsigned)c); }

static void put_range(pp_str_t *o, uint32_t lo, uint32_t hi) {
  put_unit(o, lo);
  if (hi != lo) {
    pp_str_putc(o, '-');
    put_unit(o, hi);
  }
}

/* The low-surrogate ranges of high surrogate h in v (astral part). */
static void lows_of(const range_t *v, size_t n, uint32_t h, pp_str_t *o) {
  uint32_t base = 0x10000 + ((h - 0xD800) << 10), top = base + 0x3FF;
  for (size_t i = 0; i < n; i++) {
    if (v[i].hi < base || v[i].lo > top) continue;
    uint32_t a = v[i].lo < base ? base : v[i].lo, b = v[i].hi > top ? top : v[i].hi;
    put_range(o, 0xDC00 + (a - base), 0xDC00 + (b - base));
  }
}

static void astral(const range_t *v, size_t n, pp_str_t *o, bool *any) {
  pp_str_t prev = PP_STR_INIT, cur = PP_STR_INIT;
  uint32_t run = 0;
  for (uint32_t h = 0xD800; h <= 0xDC00; h++) {
    cur.len = 0;
    if (h < 0xDC00) lows_of(v, n, h, &cur);
    bool same = prev.len && cur.len == prev.len && !memcmp(cur.s, prev.s, cur.len);
    if (same) continue;
    if (prev.len) { /* close the run [run, h-1] */
      pp_str_puts(o, *any ? "|" : "");
      *any = true;
      if (run == h - 1) put_unit(o, run);
      else {
        pp_str_putc(o, '[');
        put_range(o, run, h - 1);
        pp_str_putc(o, ']');
      }
      pp_str_putc(o, '[');
      pp_str_append(o, prev.s, prev.len);
      pp_str_putc(o, ']');
    }
    prev.len = 0;
    if (cur.len) pp_str_append(&prev, cur.s, cur.len);
    run = h;
  }
  if (prev.oom || cur.oom) o->oom = true;
  pp_str_free(&prev);
  pp_str_free(&cur);
}

void pp_regex_prop(const char *p, const char *end, bool back, pp_str_t *out, pp_regex_prop_t *r) {
  memset(r, 0, sizeof(*r));
  const pp_uprop_t *u = lookup(p, end, r);
  if (!u) return;
  size_t n = 0;
  range_t *v = ranges_of(u, p[1] == 'P', &n);
  if (!v) {
    out->oom = true;
    return;
  }
  bool any = false;
  pp_str_t cls = PP_STR_INIT;
  pp_str_puts(out, "(?:");
  astral(v, n, out, &any);
  for (size_t i = 0; i < n && v[i].lo <= 0xFFFF; i++) {
    uint32_t hi = v[i].hi > 0xFFFF ? 0xFFFF : v[i].hi;
    if (v[i].lo <= 0xDFFF && hi >= 0xD800) r->halves = true;
    put_range(&cls, v[i].lo, hi);
  }
  if (cls.len) {
    pp_str_puts(out, any ? "|" : "");
    if (r->halves && !back) pp_str_puts(out, "(?!" PAIR ")");
    pp_str_putc(out, '[');
    pp_str_append(out, cls.s, cls.len);
    pp_str_putc(out, ']');
    if (r->halves && back) pp_str_puts(out, "(?<!" PAIR ")");
  } else if (!any) {
    pp_str_puts(out, "(?!)");
  }
  pp_str_putc(out, ')');
  if (cls.oom) out->oom = true;
  pp_str_free(&cls);
  free(v);
}
