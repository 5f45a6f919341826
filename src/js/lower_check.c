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

/* Is token k inside a class body (lower_class.c rewrites its super)? */
static bool in_class(const lw_t *w, long k) {
  if (!w->parent) return false;
  for (long p = w->parent[k]; p >= 0; p = w->parent[p])
    if (w->fl[p] & LW_CLASS) return true;
  return false;
}

static void regex_flags(lw_t *w, long k) { pp_lower_regex(w, k); }

static void keyword(lw_t *w, long k) {
  if (property_name(w, k)) return;
  if (is(w, k, "import")) pp_lower_unsupported(w, k, "import", "ES2015");
  else if (is(w, k, "export")) pp_lower_unsupported(w, k, "export", "ES2015");
  else if (is(w, k, "super") && !in_class(w, k)) pp_lower_unsupported(w, k, "super", "ES2015");
  else if (is(w, k, "new") && is(w, k + 1, ".") && is(w, k + 2, "target"))
    pp_lower_unsupported(w, k, "new.target", "ES2015");
}

static void ident(lw_t *w, long k) {
  if (property_name(w, k)) return;
  if (is(w, k, "BigInt")) return pp_lower_unsupported(w, k, "BigInt", "ES2020");
  if (w->t[k + 1].nl_before) return;
  if (is(w, k, "async")) {
    if (is(w, k + 1, "function") && is(w, k + 2, "*"))
      return pp_lower_unsupported(w, k, "async generator function", "ES2018");
  } else if (is(w, k, "await") && is(w, k - 1, "for")) {
    pp_lower_unsupported(w, k, "for await…of", "ES2018");
  } else if (is(w, k, "await") && w->t[k + 1].kind != PP_JS_PUNCT &&
             pp_lower_ends_operand(w, k + 1) && !pp_lower_in_async(w, k)) {
    pp_lower_unsupported(w, k, "await", "ES2017");
  }
}

static void punct(lw_t *w, long k) {
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

/* Built-ins the runtime (pacscripts/runtime/05-08) adds or Duktape has:
 * fine here, missing in WinHTTP's and pactester's engines (ES3/JScript). */
static const struct { const char *name, *es; } BUILTINS[] = {
    {"includes", "ES2016"}, {"find", "ES2015"}, {"findIndex", "ES2015"}, {"fill", "ES2015"},
    {"padStart", "ES2017"}, {"padEnd", "ES2017"}, {"repeat", "ES2015"},
    {"trimStart", "ES2019"}, {"trimEnd", "ES2019"}, {"startsWith", "ES2015"},
    {"endsWith", "ES2015"}, {"entries", "ES2017"}, {"values", "ES2017"},
    {"isInteger", "ES2015"}, {"from", "ES2015"}, {"assign", "ES2015"}, {"flat", "ES2019"},
    {"flatMap", "ES2019"}, {"at", "ES2022"}, {"findLast", "ES2023"}, {"findLastIndex", "ES2023"},
    {"toSorted", "ES2023"}, {"toReversed", "ES2023"}, {"toSpliced", "ES2023"}, {"with", "ES2023"},
    {"copyWithin", "ES2015"}, {"replaceAll", "ES2021"}, {"normalize", "ES2015"},
    {"matchAll", "ES2020"}, {"codePointAt", "ES2015"}, {"fromEntries", "ES2019"},
    {"groupBy", "ES2024"}, {"hasOwn", "ES2022"}, {"isWellFormed", "ES2024"},
    {"toWellFormed", "ES2024"}, {"union", "ES2025"}, {"intersection", "ES2025"},
    {"difference", "ES2025"}, {"symmetricDifference", "ES2025"}, {"isSubsetOf", "ES2025"},
    {"isSupersetOf", "ES2025"}, {"isDisjointFrom", "ES2025"},
    {"some", "ES5"}, {NULL, NULL}};

/* Global objects of ES2015+ (the runtime's or Duktape's own). */
static const struct { const char *name, *es; } GLOBALS[] = {
    {"Map", "ES2015"}, {"Set", "ES2015"}, {"WeakMap", "ES2015"}, {"WeakSet", "ES2015"},
    {"Symbol", "ES2015"}, {"Reflect", "ES2015"}, {"Promise", "ES2015"},
    {"AggregateError", "ES2021"}, {"Proxy", "ES2015"}, {"globalThis", "ES2020"},
    {NULL, NULL}};

/* Records built-in f (first use only). */
static void used_builtin(lw_t *w, long k, const char *f, const char *es) {
  for (size_t j = 0; j < w->res->nlowered; j++)
    if (strcmp(w->res->lowered[j].feature, f) == 0) return;
  pp_lower_used(w, k, 0, f, es);
}

static void builtin(lw_t *w, long k) {
  if (!is(w, k - 1, ".")) {
    if (property_name(w, k) || is(w, k - 1, "var") || is(w, k - 1, "function")) return;
    for (size_t i = 0; GLOBALS[i].name; i++)
      if (is(w, k, GLOBALS[i].name)) return used_builtin(w, k, GLOBALS[i].name, GLOBALS[i].es);
    return;
  }
  if (!is(w, k + 1, "(")) return;
  for (size_t i = 0; BUILTINS[i].name; i++) {
    if (!is(w, k, BUILTINS[i].name) || strcmp(BUILTINS[i].es, "ES5") == 0) continue;
    char f[48];
    snprintf(f, sizeof(f), ".%s()", BUILTINS[i].name);
    return used_builtin(w, k, f, BUILTINS[i].es);
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
