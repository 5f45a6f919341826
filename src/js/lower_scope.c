/* SPDX-License-Identifier: MIT */
/*
 * Scope repairs before let/const become var: a block-scoped binding whose
 * name is also used elsewhere in its function is renamed inside its block
 * (`x` -> `x$1`), which is exactly the shadowing var would lose; a
 * per-iteration loop binding captured by a closure is reported as a note
 * (one shared binding is the same unless the closure outlives the
 * iteration). Arrows get the lexical this/arguments of the function around
 * them through `__pp_this`/`__pp_args`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* Is token k a use of a variable (not a property name)? */
static bool is_ref(const lw_t *w, long k) {
  return w->t[k].kind == PP_JS_IDENT && !(w->fl[k] & LW_KEY) && !is(w, k - 1, ".") &&
         !is(w, k - 1, "?.");
}

static bool same_text(const lw_t *w, long a, long b) {
  return w->t[a].len == w->t[b].len &&
         memcmp(w->src + w->t[a].off, w->src + w->t[b].off, w->t[a].len) == 0;
}

/* The block a let/const at k is scoped to: [*lo, *hi]. False when it is the
 * function's (or program's) own level, where var means the same. */
static bool block_of(const lw_t *w, long k, long *lo, long *hi) {
  for (long p = w->parent[k]; p >= 0; p = w->parent[p]) {
    if (is(w, p, "(") && is(w, p - 1, "for")) {
      *lo = p - 1;
      *hi = pp_lower_stmt_end(w, p - 1);
      return true;
    }
    if (!is(w, p, "{") || (w->fl[p] & LW_OBJ)) continue;
    long f = w->fn_of[p];
    if (f >= 0 && w->fns[f].body_lo == p) return false;
    *lo = p;
    *hi = w->match[p];
    return true;
  }
  return false;
}

static void rename_binding(lw_t *w, long b, long lo, long hi) {
  long f = w->fn_of[lo];
  long flo = f >= 0 ? w->fns[f].start : 0, fhi = f >= 0 ? w->fns[f].body_hi : w->n - 2;
  bool clash = false;
  for (long k = flo; k <= fhi && !clash; k++)
    if ((k < lo || k > hi) && is_ref(w, k) && same_text(w, k, b)) clash = true;
  if (!clash) return;
  char name[160];
  snprintf(name, sizeof(name), "%.*s$%d", (int)w->t[b].len, w->src + w->t[b].off, ++w->nrename);
  for (long k = lo; k <= hi; k++)
    if (is_ref(w, k) && same_text(w, k, b)) pp_lower_repl(w, k, name);
}

/* A closure inside the loop body [lo, hi] that uses binding b. */
static void closure_note(lw_t *w, long b, long loop, long lo, long hi) {
  for (long k = lo; k <= hi; k++) {
    if (w->fn_of[k] == w->fn_of[loop] || !is_ref(w, k) || !same_text(w, k, b)) continue;
    char msg[160];
    snprintf(msg, sizeof(msg),
             "a closure captures the loop variable '%.*s'; pacprobe shares one binding across "
             "iterations (differs only if the closure runs later)",
             (int)w->t[b].len, w->src + w->t[b].off);
    pp_lower_note(w, k, "loop closure", msg);
    return;
  }
}

typedef void (*binding_fn)(lw_t *w, long b, long decl, long lo, long hi);

static void walk_pattern(lw_t *w, long p, long decl, long lo, long hi, binding_fn fn);

static void visit(lw_t *w, long t, long decl, long lo, long hi, binding_fn fn) {
  if ((is(w, t, "[") || is(w, t, "{")) && w->match[t] > t) walk_pattern(w, t, decl, lo, hi, fn);
  else if (w->t[t].kind == PP_JS_IDENT) fn(w, t, decl, lo, hi);
}

static void walk_pattern(lw_t *w, long p, long decl, long lo, long hi, binding_fn fn) {
  long close = w->match[p];
  bool obj = is(w, p, "{");
  for (long j = p + 1; j < close;) {
    if (is(w, j, ",")) {
      j++;
      continue;
    }
    long target = is(w, j, "...") ? j + 1 : (obj && is(w, j + 1, ":")) ? j + 2 : j;
    visit(w, target, decl, lo, hi, fn);
    while (j < close && !is(w, j, ",")) {
      bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
                w->t[j].kind == PP_JS_TEMPLATE_HEAD;
      j = op ? pp_lower_template_end(w, j) + 1 : j + 1;
    }
  }
}

static void on_binding(lw_t *w, long b, long decl, long lo, long hi) {
  rename_binding(w, b, lo, hi);
  if (is(w, lo, "for") && w->match[lo + 1] > 0) closure_note(w, b, lo, w->match[lo + 1] + 1, hi);
  (void)decl;
}

/* Each declarator of the let/const at k. */
static void block_scoped(lw_t *w, long k) {
  long lo, hi;
  if (!block_of(w, k, &lo, &hi)) return; /* function level: var means the same */
  for (long j = k + 1; j < w->n - 1;) {
    visit(w, j, k, lo, hi, on_binding);
    long e = (is(w, j, "[") || is(w, j, "{")) && w->match[j] > j ? w->match[j] : j;
    if (is(w, e + 1, "=")) e = pp_lower_expr_end(w, e + 2, true);
    if (!is(w, e + 1, ",")) return;
    j = e + 2;
  }
}

/* this/arguments inside an arrow: the nearest enclosing non-arrow function. */
static void lexical_this(lw_t *w, long k, bool *program) {
  long f = w->fn_of[k];
  if (f < 0 || w->fns[f].arrow < 0) return;
  bool args = is(w, k, "arguments");
  while (f >= 0 && w->fns[f].arrow >= 0) f = w->fns[f].up;
  if (f < 0 && args) return; /* global code has no arguments: keep the ReferenceError */
  if (f >= 0) w->fns[f].needs_this = true;
  else *program = true;
  pp_lower_repl(w, k, args ? "__pp_args" : "__pp_this");
}

void pp_lower_scopes(lw_t *w) {
  bool program = false;
  for (long k = 0; k < w->n - 1 && !w->oom; k++) {
    if ((w->fl[k] & LW_DECL) && (is(w, k, "let") || is(w, k, "const"))) block_scoped(w, k);
    else if ((w->t[k].kind == PP_JS_KEYWORD && is(w, k, "this")) ||
             (is_ref(w, k) && is(w, k, "arguments")))
      lexical_this(w, k, &program);
  }
  if (program) pp_lower_before(w, 0, w->n, "var __pp_this = this; ");
}
