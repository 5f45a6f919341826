/* SPDX-License-Identifier: MIT */
/*
 * The constructs pacprobe does not lower, found on the original tokens so
 * the distinct "unsupported JavaScript feature" error points at the
 * original line:col (issue 9), and the built-ins 05-polyfills.js provides,
 * listed for the WinHTTP warnings. Each entry names the ECMAScript edition
 * that introduced it (the edition tables of MDN / ECMA-262 editions).
 */
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* A name written where a property name goes (x.class, {class: 1}). */
static bool property_name(const lw_t *w, long k) {
  return is(w, k - 1, ".") || is(w, k - 1, "?.") || is(w, k + 1, ":") || (w->fl[k] & LW_KEY);
}

static void regex_flags(lw_t *w, long k) {
  const char *p = w->src + w->t[k].off;
  size_t n = w->t[k].len, i = n;
  while (i > 1 && p[i - 1] != '/') i--;
  for (; i < n; i++) {
    switch (p[i]) {
    case 'u': return pp_lower_unsupported(w, k, "regex flag 'u'", "ES2015");
    case 'y': return pp_lower_unsupported(w, k, "regex flag 'y'", "ES2015");
    case 's': return pp_lower_unsupported(w, k, "regex flag 's'", "ES2018");
    case 'd': return pp_lower_unsupported(w, k, "regex flag 'd'", "ES2022");
    case 'v': return pp_lower_unsupported(w, k, "regex flag 'v'", "ES2024");
    default: break;
    }
  }
}

static void keyword(lw_t *w, long k) {
  if (property_name(w, k)) return;
  if (is(w, k, "class")) pp_lower_unsupported(w, k, "class", "ES2015");
  else if (is(w, k, "import")) pp_lower_unsupported(w, k, "import", "ES2015");
  else if (is(w, k, "export")) pp_lower_unsupported(w, k, "export", "ES2015");
  else if (is(w, k, "super")) pp_lower_unsupported(w, k, "super", "ES2015");
  else if (is(w, k, "function") && is(w, k + 1, "*"))
    pp_lower_unsupported(w, k, "generator function", "ES2015");
  else if (is(w, k, "new") && is(w, k + 1, ".") && is(w, k + 2, "target"))
    pp_lower_unsupported(w, k, "new.target", "ES2015");
}

static void ident(lw_t *w, long k) {
  if (property_name(w, k) || w->t[k + 1].nl_before) return;
  if (is(w, k, "async")) {
    if (is(w, k + 1, "function")) return pp_lower_unsupported(w, k, "async function", "ES2017");
    if ((pp_lower_kind(w, k + 1, PP_JS_IDENT) && is(w, k + 2, "=>")) ||
        (is(w, k + 1, "(") && w->match[k + 1] > 0 && is(w, w->match[k + 1] + 1, "=>")))
      return pp_lower_unsupported(w, k, "async arrow function", "ES2017");
    if (w->parent[k] >= 0 && (w->fl[w->parent[k]] & LW_OBJ) && pp_lower_kind(w, k + 1, PP_JS_IDENT))
      return pp_lower_unsupported(w, k, "async method", "ES2017");
  } else if (is(w, k, "await") && w->t[k + 1].kind != PP_JS_PUNCT &&
             pp_lower_ends_operand(w, k + 1)) {
    pp_lower_unsupported(w, k, "await", "ES2017");
  }
}

static void punct(lw_t *w, long k) {
  if (is(w, k, "?.")) return pp_lower_unsupported(w, k, "optional chaining ?.", "ES2020");
  if (is(w, k, "??")) return pp_lower_unsupported(w, k, "nullish coalescing ??", "ES2020");
  if (is(w, k, "?\?=") || is(w, k, "||=") || is(w, k, "&&="))
    return pp_lower_unsupported(w, k, "logical assignment", "ES2021");
  if (is(w, k, "#")) return pp_lower_unsupported(w, k, "private name #", "ES2022");
  if (is(w, k, "@")) return pp_lower_unsupported(w, k, "decorator @", "ES2023");
  if ((is(w, k, "[") && (w->fl[k] & LW_ARRAYLIT)) || (is(w, k, "{") && (w->fl[k] & LW_OBJ))) {
    long c = w->match[k];
    if (w->owner[k] >= 0 && c > 0 && is(w, c + 1, "="))
      pp_lower_unsupported(w, k, "destructuring assignment", "ES2015");
  }
}

static void literal(lw_t *w, long k) {
  const pp_js_token_t *t = &w->t[k];
  const char *p = w->src + t->off;
  if (t->kind == PP_JS_NUMBER && p[t->len - 1] == 'n')
    return pp_lower_unsupported(w, k, "BigInt literal", "ES2020");
  if (t->kind == PP_JS_NUMBER && pp_lower_kind(w, k + 1, PP_JS_IDENT) && w->t[k + 1].off == t->off + t->len &&
      p[t->len] == '_')
    return pp_lower_unsupported(w, k, "numeric separator", "ES2021");
  if (t->kind == PP_JS_STRING || t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_HEAD ||
      t->kind == PP_JS_TEMPLATE_MID || t->kind == PP_JS_TEMPLATE_TAIL) {
    for (size_t i = 0; i + 2 < t->len; i++) {
      if (p[i] == '\\') {
        if (p[i + 1] == 'u' && p[i + 2] == '{')
          return pp_lower_unsupported(w, k, "code point escape \\u{...}", "ES2015");
        i++;
      }
    }
  }
}

/* Built-ins 05-polyfills.js adds: fine here, missing in WinHTTP's engine. */
static const struct { const char *name, *es; } BUILTINS[] = {
    {"includes", "ES2016"}, {"find", "ES2015"}, {"findIndex", "ES2015"}, {"fill", "ES2015"},
    {"padStart", "ES2017"}, {"padEnd", "ES2017"}, {"repeat", "ES2015"},
    {"trimStart", "ES2019"}, {"trimEnd", "ES2019"}, {"startsWith", "ES2015"},
    {"endsWith", "ES2015"}, {"entries", "ES2017"}, {"values", "ES2017"},
    {"isInteger", "ES2015"}, {"from", "ES2015"}, {"assign", "ES2015"}, {"flat", "ES2019"},
    {"some", "ES5"}, {NULL, NULL}};

static void builtin(lw_t *w, long k) {
  if (!is(w, k - 1, ".") || !is(w, k + 1, "(")) return;
  for (size_t i = 0; BUILTINS[i].name; i++) {
    if (!is(w, k, BUILTINS[i].name) || strcmp(BUILTINS[i].es, "ES5") == 0) continue;
    char f[48];
    snprintf(f, sizeof(f), ".%s()", BUILTINS[i].name);
    for (size_t j = 0; j < w->res->nlowered; j++)
      if (strcmp(w->res->lowered[j].feature, f) == 0) return;
    pp_lower_used(w, k, 0, f, BUILTINS[i].es);
    return;
  }
}

void pp_lower_check_token(lw_t *w, long k) {
  switch (w->t[k].kind) {
  case PP_JS_KEYWORD: keyword(w, k); break;
  case PP_JS_IDENT: ident(w, k); builtin(w, k); break;
  case PP_JS_REGEX: regex_flags(w, k); break;
  case PP_JS_PUNCT: punct(w, k); break;
  default: literal(w, k); break;
  }
}
