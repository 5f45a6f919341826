/* SPDX-License-Identifier: MIT */
/*
 * The regular expression rewrite (regex.h, issue 16): a pattern in the
 * ECMAScript 2024 syntax becomes one Duktape 2.7 (ES5.1 patterns, flags
 * g i m, and as patched in cmake/duktape-patches lookbehind and flags y d)
 * matches the same way.
 *
 *  (?<name>x)   -> (x), the name kept for .groups and $<name>
 *  \k<name>     -> (?:\N), N the group's number
 *  .  with s    -> [\s\S]
 *  with u: a code point, not a code unit, is the unit of ., negated classes
 *  and \S \D \W, and astral characters stay whole under a quantifier:
 *  .            -> (?:P|(?!P)[^\n\r\u2028\u2029])  P = [\uD800-\uDBFF][\uDC00-\uDFFF]
 *  [^abc]       -> (?:P|(?!P)[^abc])
 *  \u{1F600}    -> (?:\uD83D\uDE00)     \u{41} -> \u0041
 *  with i and u: simple case folding adds U+017F to s and U+212A to k.
 *
 * Lookbehind (?<=…) (?<!…) passes through: Duktape's engine runs it as
 * patched (cmake/duktape-patches/01-lookbehind.patch, right to left); the
 * rewrites above that hold a lookahead take their backward form inside a
 * lookbehind: .  -> (?:P|[^\n\r\u2028\u2029](?<!P)). Under u a pattern
 * with such a set is prefixed so no match starts between a pair's halves.
 *
 * Refused as unsupported (the feature named, never a different match):
 * \p{…} inside a class or with flags iu (regex_prop.c expands it
 * elsewhere), the flag v, and under u the constructs whose
 * rewrite is not exact (astral characters or surrogates in a class, lone
 * surrogate escapes; with i also \w \W \b \B, backreferences and non-ASCII
 * characters, whose folding differs). A pattern browsers reject gets the
 * SyntaxError they raise (duplicate or unknown group names, and under u
 * invalid escapes and lone brackets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/regex.h"
#include "pac/regex_prop.h"

#define PP_REGEX_MAX_DEPTH 256
#define PAIR "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]"

typedef struct {
  const char *p, *end;
  bool u, s, i, named;
  pp_regex_t *r;
  bool units;                      /* a unit_open set: may match half a pair */
  bool meta_flag;                  /* y or d: the runtime's RegExp shows them */
  int depth;                       /* open groups */
  bool back[PP_REGEX_MAX_DEPTH];   /* a group reads right to left */
} rx_t;

static bool failed(const rx_t *x) { return x->r->unsupported || x->r->syntax[0]; }

static void unsupported(rx_t *x, const char *feature, const char *es) {
  if (failed(x)) return;
  x->r->unsupported = feature;
  x->r->es = es;
}

static void syntax(rx_t *x, const char *msg) {
  if (!failed(x)) snprintf(x->r->syntax, sizeof(x->r->syntax), "%s", msg);
}

/* The reading direction of each open group: a lookbehind's body runs
 * right to left (cmake/duktape-patches/01-lookbehind.patch), a
 * lookahead's left to right, any other group as the one around it. */
static bool dir_back(const rx_t *x) { return x->depth > 0 && x->back[x->depth - 1]; }

static void push_dir(rx_t *x, bool back) {
  if (x->depth >= PP_REGEX_MAX_DEPTH) return unsupported(x, "regex groups nested deeper than 256", "ES3");
  x->back[x->depth++] = back;
}

static void put(rx_t *x, const char *s) { pp_str_puts(&x->r->src, s); }
static void putn(rx_t *x, const char *s, size_t n) { pp_str_append(&x->r->src, s, n); }

/* Under u, one code point of a set X that may hold astral ones: a whole
 * pair first, else one code unit that is not half of a pair in the
 * reading direction. Forward (?:P|(?!P)X); in a lookbehind, which reads
 * right to left, (?:P|X(?<!P)). */
static void unit_open(rx_t *x) { x->units = true; put(x, dir_back(x) ? "(?:" PAIR "|" : "(?:" PAIR "|(?!" PAIR ")"); }
static void unit_close(rx_t *x) { put(x, dir_back(x) ? "(?<!" PAIR "))" : ")"); }

static bool parse_flags(rx_t *x, const char *flags) {
  char *o = x->r->flags;
  for (const char *f = flags; *f; f++) {
    if (!strchr("dgimsuyv", *f) || strchr(f + 1, *f)) {
      snprintf(x->r->syntax, sizeof(x->r->syntax), "Invalid regular expression flags '%s'", flags);
      return false;
    }
    if (*f == 'v') unsupported(x, "regex flag 'v'", "ES2024");
    else if (*f == 'u') x->u = true;
    else if (*f == 's') x->s = true;
    else { /* g i m, and y d: Duktape's engine as patched (02-sticky-indices.patch) */
      if (*f == 'i') x->i = true;
      if (*f == 'y' || *f == 'd') x->meta_flag = true;
      *o++ = *f;
    }
  }
  *o = '\0';
  return !failed(x);
}

/* Length of the UTF-8/CESU-8 sequence at p (1 for a stray byte). */
static size_t seq_len(const char *p, const char *end) {
  unsigned char c = (unsigned char)*p;
  size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return p + n <= end ? n : 1;
}

/* The code unit of a 3-byte sequence, or 0. */
static unsigned unit3(const char *p, const char *end) {
  if (seq_len(p, end) != 3) return 0;
  const unsigned char *q = (const unsigned char *)p;
  return (unsigned)(q[0] & 0x0F) << 12 | (unsigned)(q[1] & 0x3F) << 6 | (q[2] & 0x3F);
}

static bool is_high(unsigned c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_low(unsigned c) { return c >= 0xDC00 && c <= 0xDFFF; }

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* \uXXXX at p (p at the 'u'): the unit, or -1. */
static long hex4(const char *p, const char *end) {
  if (end - p < 5) return -1;
  long v = 0;
  for (int k = 1; k <= 4; k++) {
    int h = hexval(p[k]);
    if (h < 0) return -1;
    v = v << 4 | h;
  }
  return v;
}

/* \u{…} at p (p at the 'u'): the code point, its length in *n, or -1. */
static long hex_braced(const char *p, const char *end, size_t *n) {
  if (end - p < 3 || p[1] != '{') return -1;
  long v = 0;
  const char *q = p + 2;
  for (; q < end && *q != '}'; q++) {
    int h = hexval(*q);
    if (h < 0 || v > 0x10FFFF) return -1;
    v = v << 4 | h;
  }
  if (q >= end || q == p + 2 || v > 0x10FFFF) return -1;
  *n = (size_t)(q + 1 - p);
  return v;
}

static void put_unit(rx_t *x, unsigned long c) {
  char b[24];
  snprintf(b, sizeof(b), "\\u%04lX", c & 0xFFFF);
  put(x, b);
}

static void put_astral(rx_t *x, unsigned long cp) {
  cp -= 0x10000;
  put(x, "(?:");
  put_unit(x, 0xD800 | cp >> 10);
  put_unit(x, 0xDC00 | (cp & 0x3FF));
  put(x, ")");
}

/* A group name at p (after "(?<" or "\k<"): its length up to '>', or 0. */
static size_t name_len(const char *p, const char *end) {
  size_t n = 0;
  for (; p + n < end && p[n] != '>'; n++) {
    unsigned char c = (unsigned char)p[n];
    bool start = c >= 0x80 || c == '_' || c == '$' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!start && !(n > 0 && c >= '0' && c <= '9')) return 0;
  }
  return p + n < end ? n : 0;
}

static int find_name(const pp_regex_t *r, const char *p, size_t n) {
  for (size_t k = 0; k < r->nnames; k++)
    if (strlen(r->name[k]) == n && memcmp(r->name[k], p, n) == 0) return r->name_group[k];
  return 0;
}

/* Pass 1: the capturing groups and their names. */
static void scan_groups(rx_t *x, const char *src, size_t len) {
  const char *p = src, *end = src + len;
  bool cls = false;
  for (; p < end && !failed(x); p++) {
    if (*p == '\\') { p++; continue; }
    if (cls) { cls = *p != ']'; continue; }
    if (*p == '[') { cls = true; continue; }
    if (*p != '(') continue;
    if (p + 1 < end && p[1] == '?') {
      if (p + 2 >= end || p[2] != '<' || (p + 3 < end && (p[3] == '=' || p[3] == '!'))) continue;
      size_t n = name_len(p + 3, end);
      if (n == 0) return syntax(x, "Invalid capture group name");
      if (find_name(x->r, p + 3, n)) return syntax(x, "Duplicate capture group name");
      if (x->r->nnames >= PP_REGEX_MAX_NAMES) return unsupported(x, "more than 64 named groups", "ES2018");
      char *name = pp_strndup(p + 3, n);
      if (!name) { x->r->src.oom = true; return; }
      x->r->name[x->r->nnames] = name;
      x->r->name_group[x->r->nnames++] = ++x->r->ngroups;
      x->named = true;
    } else {
      x->r->ngroups++;
    }
  }
}

/* Under u, escapes that are not of the grammar are SyntaxErrors. */
static bool valid_u_escape(char c, bool in_class) {
  return strchr("^$\\.*+?()[]{}|/dDsSwWfnrtvcx0123456789ukpP", c) || (c == 'b') || (c == 'B' && !in_class) ||
         (c == '-' && in_class);
}

/* \p{…} or \P{…} outside a class (flag u), p at the backslash. */
static const char *prop_atom(rx_t *x, const char *p, const char *end) {
  pp_regex_prop_t pr;
  if (x->i) {
    pp_regex_prop_check(p, end, &pr);
    if (pr.syntax) syntax(x, pr.syntax);
    else unsupported(x, "regex \\p{...} with flags 'iu'", "ES2018");
    return end;
  }
  pp_regex_prop(p, end, dir_back(x), &x->r->src, &pr);
  if (pr.syntax) { syntax(x, pr.syntax); return end; }
  if (pr.halves) x->units = true;
  return p + pr.len;
}

/* An escape outside a class, p at the backslash. Returns the next p. */
static const char *escape_atom(rx_t *x, const char *p, const char *end) {
  if (p + 1 >= end) { syntax(x, "\\ at end of pattern"); return end; }
  char c = p[1];
  if (x->u && !valid_u_escape(c, false)) { syntax(x, "Invalid escape"); return end; }
  if (c == 'k' && (x->named || x->u)) {
    size_t n = p + 2 < end && p[2] == '<' ? name_len(p + 3, end) : 0;
    int g = n ? find_name(x->r, p + 3, n) : 0;
    if (!g) { syntax(x, "Invalid named capture referenced"); return end; }
    if (x->u && x->i) unsupported(x, "backreference in a regex with flags 'iu'", "ES2015");
    char b[24];
    snprintf(b, sizeof(b), "(?:\\%d)", g);
    put(x, b);
    return p + 3 + n + 1;
  }
  if (!x->u) {
    size_t n = seq_len(p + 1, end);
    putn(x, p, 1 + n);
    return p + 1 + n;
  }
  if (c == 'p' || c == 'P') return prop_atom(x, p, end);
  if (x->i && strchr("wWbB", c)) { unsupported(x, "\\w, \\W, \\b or \\B in a regex with flags 'iu'", "ES2015"); return end; }
  if (x->i && c >= '1' && c <= '9') { unsupported(x, "backreference in a regex with flags 'iu'", "ES2015"); return end; }
  if (c == 'S' || c == 'D' || c == 'W') {
    unit_open(x);
    putn(x, p, 2);
    unit_close(x);
    return p + 2;
  }
  if (c == 'u') {
    size_t n = 0;
    long cp = hex_braced(p + 1, end, &n);
    if (cp < 0 && p + 2 < end && p[2] == '{') { syntax(x, "Invalid Unicode escape"); return end; }
    if (cp >= 0x10000) { put_astral(x, (unsigned long)cp); return p + 1 + n; }
    if (cp >= 0) {
      if (is_high((unsigned)cp) || is_low((unsigned)cp)) { unsupported(x, "lone surrogate in a regex with flag 'u'", "ES2015"); return end; }
      put_unit(x, (unsigned long)cp);
      return p + 1 + n;
    }
    long h = hex4(p + 1, end);
    if (h < 0) { syntax(x, "Invalid Unicode escape"); return end; }
    long l = is_high((unsigned)h) && p + 6 < end && p[6] == '\\' ? hex4(p + 7, end) : -1;
    if (l >= 0 && is_low((unsigned)l)) {
      put(x, "(?:");
      putn(x, p, 12);
      put(x, ")");
      return p + 12;
    }
    if (is_high((unsigned)h) || is_low((unsigned)h)) { unsupported(x, "lone surrogate in a regex with flag 'u'", "ES2015"); return end; }
    putn(x, p, 6);
    return p + 6;
  }
  putn(x, p, 2);
  return p + 2;
}

/* Class analysis: does [lo, hi] contain the letter (either case)? */
static bool covers(long lo, long hi, char letter) {
  long a = letter, b = letter - 32;
  return (lo <= a && a <= hi) || (lo <= b && b <= hi);
}

/* One class atom at p: its code unit in *v (-1 for \d \s \w …), next p. */
static const char *class_atom(rx_t *x, const char *p, const char *end, long *v, bool *negesc) {
  *v = -1;
  if (*p != '\\') {
    size_t n = seq_len(p, end);
    unsigned c3 = unit3(p, end);
    if (n == 4 || (x->u && (is_high(c3) || is_low(c3))))
      unsupported(x, "a character outside the BMP in a regex class with flag 'u'", "ES2015");
    if (n > 1 && x->u && x->i) unsupported(x, "non-ASCII character in a regex with flags 'iu'", "ES2015");
    *v = n == 1 ? (unsigned char)*p : n == 3 ? (long)c3 : 0x80;
    putn(x, p, n);
    return p + n;
  }
  if (p + 1 >= end) { syntax(x, "\\ at end of pattern"); return end; }
  char c = p[1];
  if (x->u && !valid_u_escape(c, true)) { syntax(x, "Invalid escape"); return end; }
  if (x->u && (c == 'p' || c == 'P')) {
    pp_regex_prop_t pr;
    pp_regex_prop_check(p, end, &pr);
    if (pr.syntax) syntax(x, "Invalid property name in character class");
    else unsupported(x, "regex \\p{...} inside a character class", "ES2018");
    return end;
  }
  if (x->u && x->i && (c == 'w' || c == 'W')) { unsupported(x, "\\w, \\W, \\b or \\B in a regex with flags 'iu'", "ES2015"); return end; }
  if (c == 'S' || c == 'D' || c == 'W') *negesc = true;
  if (c == 'u') {
    size_t n = 0;
    long cp = x->u ? hex_braced(p + 1, end, &n) : -1;
    long h = cp < 0 ? hex4(p + 1, end) : cp;
    if (x->u && h < 0) { syntax(x, "Invalid Unicode escape"); return end; }
    if (h >= 0 && x->u && (h >= 0x10000 || is_high((unsigned)h) || is_low((unsigned)h)))
      unsupported(x, "a character outside the BMP in a regex class with flag 'u'", "ES2015");
    if (h >= 0) {
      *v = h;
      if (cp >= 0) put_unit(x, (unsigned long)cp); else putn(x, p, 6);
      return cp >= 0 ? p + 1 + n : p + 6;
    }
  }
  if (c == 'x' && p + 3 < end && hexval(p[2]) >= 0 && hexval(p[3]) >= 0) *v = hexval(p[2]) * 16 + hexval(p[3]);
  else if (c == 'n') *v = '\n';
  else if (c == 't') *v = '\t';
  else if (c == 'r') *v = '\r';
  else if (!strchr("dDsSwWbBfvcx0123456789", c)) *v = (unsigned char)c;
  size_t n = seq_len(p + 1, end);
  putn(x, p, 1 + n);
  return p + 1 + n;
}

/* A class, p at '['. */
static const char *class_(rx_t *x, const char *p, const char *end) {
  bool neg = p + 1 < end && p[1] == '^', negesc = false, has_s = false, has_k = false;
  size_t mark = x->r->src.len;
  put(x, neg ? "[^" : "[");
  p += neg ? 2 : 1;
  long prev = -1;
  bool range = false;
  while (p < end && *p != ']' && !failed(x)) {
    if (*p == '-' && prev >= 0 && p + 1 < end && p[1] != ']') {
      range = true;
      put(x, "-");
      p++;
      continue;
    }
    long v;
    p = class_atom(x, p, end, &v, &negesc);
    if (range && prev >= 0 && v >= 0) {
      if (v < prev) syntax(x, "Range out of order in character class");
      has_s = has_s || covers(prev, v, 's');
      has_k = has_k || covers(prev, v, 'k');
    } else if (v >= 0) {
      has_s = has_s || covers(v, v, 's');
      has_k = has_k || covers(v, v, 'k');
    }
    prev = range ? -1 : v;
    range = false;
  }
  if (p >= end) { syntax(x, "Unterminated character class"); return end; }
  if (x->u && x->i && has_s) put(x, "\\u017F");
  if (x->u && x->i && has_k) put(x, "\\u212A");
  put(x, "]");
  if (x->u && neg != negesc) { /* the class holds astral code points: whole pairs first */
    pp_str_t cls = PP_STR_INIT;
    pp_str_append(&cls, x->r->src.s + mark, x->r->src.len - mark);
    x->r->src.len = mark;
    unit_open(x);
    putn(x, cls.s ? cls.s : "", cls.len);
    unit_close(x);
    if (cls.oom) x->r->src.oom = true;
    pp_str_free(&cls);
  }
  return p + 1;
}

/* A group opening, p at '('. */
static const char *group(rx_t *x, const char *p, const char *end) {
  if (p + 2 < end && p[1] == '?' && p[2] == '<') {
    if (p + 3 < end && (p[3] == '=' || p[3] == '!')) { /* lookbehind: Duktape's patched engine */
      x->r->lookbehind = true;
      push_dir(x, true);
      putn(x, p, 4);
      return p + 4;
    }
    size_t n = name_len(p + 3, end);
    push_dir(x, dir_back(x));
    put(x, "(");
    return p + 3 + n + 1;
  }
  if (p + 2 < end && p[1] == '?' && (p[2] == '=' || p[2] == '!')) { /* lookahead: forward */
    push_dir(x, false);
    putn(x, p, 3);
    return p + 3;
  }
  if (x->u && p + 1 < end && p[1] == '?' && (p + 2 >= end || !strchr(":=!", p[2]))) {
    syntax(x, "Invalid group");
    return end;
  }
  push_dir(x, dir_back(x));
  put(x, "(");
  return p + 1;
}

/* Under u a brace is only a quantifier {n}, {n,}, {n,m}. */
static const char *brace(rx_t *x, const char *p, const char *end) {
  const char *q = p + 1;
  while (q < end && *q >= '0' && *q <= '9') q++;
  bool ok = q > p + 1;
  if (ok && q < end && *q == ',') {
    q++;
    while (q < end && *q >= '0' && *q <= '9') q++;
  }
  if (!ok || q >= end || *q != '}') { syntax(x, "Lone quantifier brackets"); return end; }
  putn(x, p, (size_t)(q + 1 - p));
  return q + 1;
}

static const char *literal(rx_t *x, const char *p, const char *end) {
  size_t n = seq_len(p, end);
  unsigned c3 = unit3(p, end);
  if (x->u && x->i && n > 1) { unsupported(x, "non-ASCII character in a regex with flags 'iu'", "ES2015"); return end; }
  if (x->u && n == 4) { /* an astral character as UTF-8: whole under a quantifier */
    put(x, "(?:");
    putn(x, p, 4);
    put(x, ")");
    return p + 4;
  }
  if (x->u && is_high(c3) && p + 6 <= end && is_low(unit3(p + 3, end))) {
    put(x, "(?:");
    putn(x, p, 6);
    put(x, ")");
    return p + 6;
  }
  if (x->u && (is_high(c3) || is_low(c3))) { unsupported(x, "lone surrogate in a regex with flag 'u'", "ES2015"); return end; }
  if (x->u && x->i && (*p | 0x20) == 's') put(x, "[sS\\u017F]");
  else if (x->u && x->i && (*p | 0x20) == 'k') put(x, "[kK\\u212A]");
  else if (x->u && (*p == '}' || *p == ']')) { syntax(x, "Lone quantifier brackets"); return end; }
  else putn(x, p, n);
  return p + n;
}

static void emit(rx_t *x, const char *src, size_t len) {
  const char *p = src, *end = src + len;
  while (p < end && !failed(x)) {
    if (*p == '\\') p = escape_atom(x, p, end);
    else if (*p == '[') p = class_(x, p, end);
    else if (*p == '(') p = group(x, p, end);
    else if (*p == ')') {
      if (x->depth > 0) x->depth--;
      p = literal(x, p, end);
    }
    else if (*p == '{' && x->u) p = brace(x, p, end);
    else if (*p == '.' && (x->s || x->u)) {
      const char *one = x->s ? "[\\s\\S]" : "[^\\n\\r\\u2028\\u2029]";
      if (x->u) unit_open(x);
      put(x, one);
      if (x->u) unit_close(x);
      p++;
    } else {
      p = literal(x, p, end);
    }
  }
}

/* Under u a match never starts between the halves of a pair (V8 steps by
 * code point), which a set that can match one half alone would allow. */
static void start_guard(rx_t *x) {
  pp_str_t all = PP_STR_INIT;
  pp_str_puts(&all, "(?:(?<![\\uD800-\\uDBFF])|(?![\\uDC00-\\uDFFF]))(?:");
  pp_str_append(&all, x->r->src.s ? x->r->src.s : "", x->r->src.len);
  pp_str_puts(&all, ")");
  if (x->r->src.oom) all.oom = true;
  pp_str_free(&x->r->src);
  x->r->src = all;
}

bool pp_regex_rewrite(const char *src, size_t len, const char *flags, pp_regex_t *out) {
  memset(out, 0, sizeof(*out));
  rx_t x = {0};
  x.r = out;
  if (parse_flags(&x, flags)) scan_groups(&x, src, len);
  if (!failed(&x)) emit(&x, src, len);
  if (!failed(&x) && x.units) start_guard(&x);
  if (out->src.oom) return false;
  if (failed(&x)) return true;
  if (!out->src.s && !pp_str_puts(&out->src, "")) return false;
  out->changed = out->src.len != len || memcmp(out->src.s, src, len) != 0 || strlen(flags) != strlen(out->flags) ||
                 x.meta_flag;
  return true;
}

void pp_regex_clear(pp_regex_t *r) {
  pp_str_free(&r->src);
  for (size_t k = 0; k < r->nnames; k++) free(r->name[k]);
  memset(r, 0, sizeof(*r));
}
