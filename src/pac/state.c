/* SPDX-License-Identifier: MIT */
/*
 * Finding PACs that keep state between URLs (issue 15 item 13). A browser
 * evaluates every URL in one long-lived context, so a PAC that counts
 * requests, caches answers or rotates proxies answers according to the
 * URLs before; `eval -j N` spreads URLs over N engines and would answer
 * differently. This file only decides whether a script writes global state
 * from inside a function; the engine records the answer (engine.c) and the
 * runner then uses one engine in input order (src/cli/cmd_eval.c).
 *
 * The scan reads jslex tokens, no syntax tree. Inside a function body, a
 * write to global state is:
 *   1. NAME = / op= / ++ / -- where NAME is not a parameter, var, let,
 *      const or function name of any enclosing function (an undeclared
 *      name creates a global);
 *   2. the same on NAME.x, NAME[k] (any chain), `delete NAME...`, or a call
 *      of a mutating method (push, pop, shift, unshift, splice, sort,
 *      reverse, fill, copyWithin, set, add, delete, clear) on such a chain,
 *      where NAME is global;
 *   3. this.x = / this[k] = (a plain call's `this` is the global object);
 *   4. eval, Function or with inside a function: the scan cannot see
 *      through them, so the script counts as stateful.
 * Writes at the top level are the script's set-up and do not count. What
 * it cannot see: a global object reached through a local alias (var c =
 * cache; c[k] = v) and state inside closures; docs/engine.md says so.
 */
#include "pacprobe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/jslex.h"
#include "util/str.h"

#define NONE ((size_t)-1)

typedef struct scan {
  const char *src;
  pp_js_token_t *t;
  size_t n;
  size_t *match;  /* index of the matching bracket, NONE otherwise */
  size_t *owner;  /* for each token, the '{' of the innermost function body */
  size_t *fbody;  /* for each '{' opening a function body: the '(' of its params */
  size_t *parent; /* for each such '{': the body enclosing the function, or NONE */
  size_t *decl;   /* hash set of declared names: token index + 1, 0 empty */
  size_t ndecl;   /* a power of two */
} scan_t;

static bool is(const scan_t *s, size_t i, const char *text) {
  return i < s->n && s->t[i].kind != PP_JS_EOF && pp_js_tok_is(&s->t[i], s->src, text);
}

static bool is_ident(const scan_t *s, size_t i) { return i < s->n && s->t[i].kind == PP_JS_IDENT; }

static bool same_text(const scan_t *s, size_t a, size_t b) {
  return s->t[a].len == s->t[b].len && memcmp(s->src + s->t[a].off, s->src + s->t[b].off, s->t[a].len) == 0;
}

static void match_brackets(scan_t *s) {
  size_t stack[PP_JS_MAX_NEST + 1], depth = 0;
  for (size_t i = 0; i < s->n; i++) {
    s->match[i] = NONE;
    if (s->t[i].kind != PP_JS_PUNCT) continue;
    char c = s->src[s->t[i].off];
    if (s->t[i].len != 1) continue;
    if ((c == '(' || c == '[' || c == '{') && depth <= PP_JS_MAX_NEST) stack[depth++] = i;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      size_t o = stack[--depth];
      s->match[o] = i;
      s->match[i] = o;
    }
  }
}

/* Marks the body of every `function [NAME] (params) {` and of every arrow
 * `(params) => {` / `x => {`: owner[] of each token inside is the body's
 * '{' (innermost wins, bodies are visited outer first). */
static void find_functions(scan_t *s) {
  for (size_t i = 0; i < s->n; i++) s->owner[i] = s->fbody[i] = s->parent[i] = NONE;
  for (size_t i = 0; i < s->n; i++) {
    size_t params = NONE, body = NONE;
    if (is(s, i, "function")) {
      params = is(s, i + 1, "(") ? i + 1 : i + 2;
      if (!is(s, params, "(") || s->match[params] == NONE) continue;
      body = s->match[params] + 1;
    } else if (is(s, i, "=>") && i > 0) {
      params = is(s, i - 1, ")") ? s->match[i - 1] : i - 1;
      body = i + 1;
    } else {
      continue;
    }
    if (!is(s, body, "{") || s->match[body] == NONE || params == NONE) continue;
    s->fbody[body] = params;
    s->parent[body] = s->owner[i];
    for (size_t k = params; k <= s->match[body]; k++) s->owner[k] = body;
  }
}

static size_t hash_decl(const scan_t *s, size_t body, size_t i) {
  size_t h = (size_t)14695981039346656037ull ^ body;
  for (size_t k = 0; k < s->t[i].len; k++) h = (h ^ (unsigned char)s->src[s->t[i].off + k]) * 1099511628211ull;
  return h & (s->ndecl - 1);
}

/* The slot of (body, name of token i) in the declared-name set. */
static size_t decl_slot(const scan_t *s, size_t body, size_t i) {
  size_t h = hash_decl(s, body, i);
  while (s->decl[h] && !(s->owner[s->decl[h] - 1] == body && same_text(s, s->decl[h] - 1, i)))
    h = (h + 1) & (s->ndecl - 1);
  return h;
}

/* Token k (an identifier inside a function) declares a name of that
 * function: a parameter, var/let/const/function/catch, or a later name of a
 * var/let/const list. */
static bool declares(const scan_t *s, size_t k) {
  size_t body = s->owner[k];
  if (k < body) return true; /* between the parameters' '(' and the body */
  if (is(s, k - 1, "var") || is(s, k - 1, "let") || is(s, k - 1, "const") ||
      is(s, k - 1, "function") || (is(s, k - 1, "(") && k >= 2 && is(s, k - 2, "catch")))
    return true;
  if (!is(s, k - 1, ",")) return false;
  for (size_t j = k - 1; j > body && !is(s, j, ";") && !is(s, j, "{") && !is(s, j, "}"); j--) {
    if (s->match[j] != NONE && s->match[j] < j) j = s->match[j];
    if (is(s, j, "var") || is(s, j, "let") || is(s, j, "const")) return true;
  }
  return false;
}

static bool index_decls(scan_t *s) {
  s->ndecl = 16;
  while (s->ndecl < 2 * s->n) s->ndecl *= 2;
  s->decl = calloc(s->ndecl, sizeof(size_t));
  if (!s->decl) return false;
  for (size_t k = 0; k < s->n; k++) {
    if (!is_ident(s, k) || s->owner[k] == NONE || !declares(s, k)) continue;
    size_t h = decl_slot(s, s->owner[k], k);
    if (!s->decl[h]) s->decl[h] = k + 1;
  }
  return true;
}

/* NAME at token i is local to some function enclosing it. */
static bool is_local(const scan_t *s, size_t i) {
  for (size_t body = s->owner[i]; body != NONE; body = s->parent[body])
    if (s->decl[decl_slot(s, body, i)]) return true;
  return false;
}

static bool assign_op(const scan_t *s, size_t i) {
  static const char *const ops[] = {"=",   "+=",  "-=",  "*=",   "/=", "%=", "<<=", ">>=", ">>>=",
                                    "&=",  "|=",  "^=",  "**=",  "&&=", "||=", "?\?=", "++", "--"};
  for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
    if (is(s, i, ops[k])) return true;
  return false;
}

static bool mutating_method(const scan_t *s, size_t i) {
  static const char *const m[] = {"push", "pop",  "shift", "unshift", "splice", "sort", "reverse",
                                  "fill", "copyWithin", "set", "add", "delete", "clear"};
  for (size_t k = 0; k < sizeof(m) / sizeof(m[0]); k++)
    if (is(s, i, m[k])) return true;
  return false;
}

/* Follows .x / [k] after token i; returns the token after the chain. A
 * mutating method call at the end counts as a write (*mutates). */
static size_t chain_end(const scan_t *s, size_t i, bool *member, bool *mutates) {
  size_t k = i + 1;
  *member = *mutates = false;
  for (;;) {
    if ((is(s, k, ".") || is(s, k, "?.")) && k + 1 < s->n) {
      *member = true;
      if (mutating_method(s, k + 1) && is(s, k + 2, "(")) *mutates = true;
      k += 2;
    } else if (is(s, k, "[") && s->match[k] != NONE) {
      *member = true;
      k = s->match[k] + 1;
    } else {
      return k;
    }
  }
}

/* Token i (an identifier or `this` inside a function) starts a write to
 * global state. */
static bool writes_global(const scan_t *s, size_t i) {
  if (i > 0 && (is(s, i - 1, ".") || is(s, i - 1, "?."))) return false;
  bool member, mutates;
  size_t end = chain_end(s, i, &member, &mutates);
  bool written = mutates || (assign_op(s, end) && !is(s, end, "=>")) ||
                 (i > 0 && (is(s, i - 1, "++") || is(s, i - 1, "--") || is(s, i - 1, "delete")));
  if (!written) return false;
  if (is(s, i, "this")) return member;
  if (i > 0 && (is(s, i - 1, "var") || is(s, i - 1, "let") || is(s, i - 1, "const"))) return false;
  return !is_local(s, i);
}

static void describe(const scan_t *s, size_t i, const char *name, const char *what, char *why,
                     size_t whylen) {
  snprintf(why, whylen, "%s '%.*s' inside a function (%s:%d:%d)", what, (int)(s->t[i].len > 64 ? 64 : s->t[i].len),
           s->src + s->t[i].off, name, s->t[i].line, s->t[i].col);
}

static bool scan_writes(const scan_t *s, const char *name, char *why, size_t whylen) {
  for (size_t i = 0; i < s->n; i++) {
    if (s->owner[i] == NONE || s->fbody[i] != NONE) continue;
    if (is(s, i, "eval") || is(s, i, "Function") || is(s, i, "with")) {
      if (is(s, i + 1, "(") && !(i > 0 && is(s, i - 1, "."))) {
        describe(s, i, name, "calls", why, whylen);
        return true;
      }
    }
    if ((is_ident(s, i) || is(s, i, "this")) && writes_global(s, i)) {
      describe(s, i, name, is(s, i, "this") ? "writes the global object through" : "writes the global",
               why, whylen);
      return true;
    }
  }
  return false;
}

pp_status_t pp_pac_state_scan(const char *src, size_t len, const char *name,
                              unsigned memory_limit_mib, bool *found, char *why, size_t whylen) {
  *found = false;
  if (whylen) why[0] = '\0';
  pp_js_token_t *toks = NULL;
  size_t n = 0, budget = PP_JS_BUDGET(memory_limit_mib);
  bool modern;
  if (len / 2 >= budget) { /* a token takes 2 bytes at the least */
    pp_status_t sst = pp_js_survey(src, len, &n, &modern);
    if (sst == PP_ENOMEM) return sst;
    if (sst == PP_OK && n > budget) {
      *found = true;
      snprintf(why, whylen, "is not scanned: %zu tokens, over the compile budget of "
               "--memory-limit %u", n, memory_limit_mib);
      return PP_OK;
    }
  }
  pp_status_t st = pp_js_tokenize(src, len, 0, &toks, &n, NULL);
  if (st == PP_ESYNTAX) return PP_OK;
  if (st != PP_OK) return st;
  scan_t s = {src, toks, n, malloc(n * sizeof(size_t)), malloc(n * sizeof(size_t)),
              malloc(n * sizeof(size_t)), malloc(n * sizeof(size_t)), NULL, 0};
  if (!s.match || !s.owner || !s.fbody || !s.parent) {
    st = PP_ENOMEM;
  } else {
    match_brackets(&s);
    find_functions(&s);
    if (!index_decls(&s)) st = PP_ENOMEM;
    else *found = scan_writes(&s, name, why, whylen);
  }
  free(s.match);
  free(s.owner);
  free(s.fbody);
  free(s.parent);
  free(s.decl);
  free(toks);
  return st;
}
