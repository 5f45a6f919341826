/* SPDX-License-Identifier: MIT */
/*
 * First pass of the lowering: bracket matching (template chains included),
 * the innermost opener of each token, which braces are object literals and
 * which names are property keys, declarations, and the functions (arrows,
 * methods, `function`) with the innermost one around every token. Unbalanced
 * brackets make the pass give up (PP_ESYNTAX): Duktape then reports the
 * syntax error on the original text.
 */
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

static pp_status_t match_brackets(lw_t *w) {
  long *stack = malloc((size_t)w->n * sizeof(*stack));
  long sp = 0;
  if (!stack) return PP_ENOMEM;
  pp_status_t st = PP_ESYNTAX;
  for (long k = 0; k < w->n; k++) w->match[k] = w->parent[k] = -1; /* defined after a bail-out */
  for (long k = 0; k < w->n; k++) {
    w->parent[k] = sp ? stack[sp - 1] : -1;
    pp_js_kind_t kind = w->t[k].kind;
    bool open = kind == PP_JS_TEMPLATE_HEAD || is(w, k, "(") || is(w, k, "[") || is(w, k, "{");
    bool close = kind == PP_JS_TEMPLATE_MID || kind == PP_JS_TEMPLATE_TAIL || is(w, k, ")") ||
                 is(w, k, "]") || is(w, k, "}");
    if (close) {
      if (!sp) goto done;
      long o = stack[--sp];
      bool tpl = w->t[o].kind == PP_JS_TEMPLATE_HEAD || w->t[o].kind == PP_JS_TEMPLATE_MID;
      bool want_tpl = kind == PP_JS_TEMPLATE_MID || kind == PP_JS_TEMPLATE_TAIL;
      if (tpl != want_tpl) goto done;
      w->match[o] = k;
      if (kind != PP_JS_TEMPLATE_MID) w->match[k] = o;
      w->parent[k] = sp ? stack[sp - 1] : -1;
    }
    if (open || kind == PP_JS_TEMPLATE_MID) stack[sp++] = k;
  }
  st = sp ? PP_ESYNTAX : PP_OK;
done:
  free(stack);
  return st;
}

static bool brace_is_object(const lw_t *w, long k) {
  long p = k - 1;
  if (p < 0) return false;
  if (w->t[k].nl_before && pp_lower_ends_operand(w, p) && !is(w, p, "=>")) return false;
  switch (w->t[p].kind) {
  case PP_JS_PUNCT:
    if (is(w, p, "=>") || is(w, p, ";") || is(w, p, "{") || is(w, p, "}") || is(w, p, ")"))
      return false;
    if (!is(w, p, ":")) return true;
    if (w->parent[k] >= 0 && (!is(w, w->parent[k], "{") || (w->fl[w->parent[k]] & LW_OBJ)))
      return true;
    for (long j = p - 1; j >= 0 && j > w->parent[k]; j--) {
      if (w->parent[j] != w->parent[k]) continue;
      if (is(w, j, "?")) return true;
      if (is(w, j, ";") || is(w, j, "case") || is(w, j, "default") || is(w, j, "{")) break;
    }
    return false;
  case PP_JS_KEYWORD:
    return !(is(w, p, "else") || is(w, p, "do") || is(w, p, "try") || is(w, p, "finally") ||
             is(w, p, "catch"));
  default: return true;
  }
}

static bool add_fn(lw_t *w, const lw_fn_t *f) {
  if (w->nfns == w->capfns) {
    long ncap = w->capfns ? w->capfns * 2 : 16;
    lw_fn_t *p = realloc(w->fns, (size_t)ncap * sizeof(*p));
    if (!p) return false;
    w->fns = p;
    w->capfns = ncap;
  }
  w->fns[w->nfns++] = *f;
  return true;
}

static bool is_name_tok(const lw_t *w, long k) {
  pp_js_kind_t kd = w->t[k].kind;
  return kd == PP_JS_IDENT || kd == PP_JS_KEYWORD || kd == PP_JS_STRING || kd == PP_JS_NUMBER;
}

/* Registers a method `name(...) {...}` whose `(` is at p. */
static bool add_method(lw_t *w, long p, bool gen, bool async) {
  long c = w->match[p];
  if (c < 0 || !is(w, c + 1, "{")) return true;
  lw_fn_t f = {p, p + 1, c - 1, c + 1, w->match[c + 1], -1, false, -1, gen, async};
  return add_fn(w, &f);
}

/* Marks the property names of the object literal opened at k. */
static bool scan_object(lw_t *w, long k) {
  long close = w->match[k];
  for (long j = k + 1; j < close;) {
    if (pp_lower_kind(w, j, PP_JS_IDENT) && (is(w, j, "get") || is(w, j, "set") ||
                                             is(w, j, "async")) &&
        is_name_tok(w, j + 1) && is(w, j + 2, "(")) {
      w->fl[j + 1] |= LW_KEY;
      if (!add_method(w, j + 2, false, is(w, j, "async"))) return false;
    } else if (is(w, j, "*") && is_name_tok(w, j + 1) && is(w, j + 2, "(")) {
      w->fl[j + 1] |= LW_KEY;
      if (!add_method(w, j + 2, true, false)) return false;
    } else if (is_name_tok(w, j) && (is(w, j + 1, ":") || is(w, j + 1, "("))) {
      w->fl[j] |= LW_KEY;
      if (is(w, j + 1, "(") && !add_method(w, j + 1, false, false)) return false;
    }
    while (j < close && !is(w, j, ",")) {
      bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
                w->t[j].kind == PP_JS_TEMPLATE_HEAD;
      j = op ? pp_lower_template_end(w, j) + 1 : j + 1;
    }
    j++;
  }
  return true;
}

/* Marks the member names of the class body opened at k and registers its
 * methods (accessors and the constructor included) as functions. */
static bool scan_class(lw_t *w, long k) {
  long close = w->match[k];
  lw_member_t m;
  for (long j = k + 1; pp_lower_class_next(w, &j, close, &m);) {
    if (m.key >= 0 && m.key == m.key_end && !is(w, m.key, "#")) w->fl[m.key] |= LW_KEY;
    if (m.paren >= 0 && !add_method(w, m.paren, m.star >= 0, m.async_at >= 0)) return false;
  }
  return true;
}

static bool decl_start(const lw_t *w, long k) {
  long p = k - 1;
  if (!(pp_lower_kind(w, k + 1, PP_JS_IDENT) || is(w, k + 1, "[") || is(w, k + 1, "{")))
    return false;
  if (w->t[k].kind == PP_JS_KEYWORD) return (is(w, k, "const") || is(w, k, "var")) && !is(w, p, ".");
  if (w->t[k].kind != PP_JS_IDENT || !is(w, k, "let")) return false;
  if (p < 0 || is(w, p, ";") || is(w, p, "{") || is(w, p, "}") || is(w, p, ")") ||
      is(w, p, "else") || is(w, p, "do"))
    return true;
  if (is(w, p, "(") && is(w, p - 1, "for")) return true;
  if (is(w, p, ":") && !(w->parent[k] >= 0 && (w->fl[w->parent[k]] & LW_OBJ))) return true;
  return w->t[k].nl_before && pp_lower_ends_operand(w, p);
}

static bool add_arrow(lw_t *w, long k) {
  lw_fn_t f = {-1, 0, -1, k + 1, -1, k, false, -1, false, false};
  if (pp_lower_kind(w, k - 1, PP_JS_IDENT)) {
    f.start = f.params_lo = f.params_hi = k - 1;
  } else if (is(w, k - 1, ")") && w->match[k - 1] >= 0) {
    f.start = w->match[k - 1];
    f.params_lo = f.start + 1;
    f.params_hi = k - 2;
  } else {
    return true; /* not an arrow we understand; Duktape will complain */
  }
  f.is_async = pp_lower_kind(w, f.start - 1, PP_JS_IDENT) && is(w, f.start - 1, "async") &&
               !w->t[f.start].nl_before;
  f.body_hi = is(w, k + 1, "{") ? w->match[k + 1] : pp_lower_expr_end(w, k + 1, true);
  if (f.body_hi < k + 1) f.body_hi = k;
  return add_fn(w, &f);
}

static bool add_function(lw_t *w, long k) {
  long j = k + 1;
  bool gen = is(w, j, "*");
  if (gen) j++;
  if (pp_lower_kind(w, j, PP_JS_IDENT)) j++;
  if (!is(w, j, "(") || !is(w, w->match[j] + 1, "{")) return true;
  long c = w->match[j];
  bool async = pp_lower_kind(w, k - 1, PP_JS_IDENT) && is(w, k - 1, "async") && !w->t[k].nl_before;
  lw_fn_t f = {k, j + 1, c - 1, c + 1, w->match[c + 1], -1, false, -1, gen, async};
  return add_fn(w, &f);
}

static bool classify(lw_t *w) {
  for (long k = 0; k < w->n - 1; k++) {
    if (w->t[k].kind == PP_JS_KEYWORD && is(w, k, "class") && !is(w, k - 1, ".") &&
        !is(w, k - 1, "?.")) {
      long body = pp_lower_class_body(w, k);
      if (body > k) w->fl[body] |= LW_CLASS;
    }
    if (is(w, k, "{") && (w->fl[k] & LW_CLASS)) {
      if (!scan_class(w, k)) return false;
    } else if (is(w, k, "{") && brace_is_object(w, k)) {
      w->fl[k] |= LW_OBJ;
      if (!scan_object(w, k)) return false;
    } else if (is(w, k, "[") && !pp_lower_ends_operand(w, k - 1)) {
      w->fl[k] |= LW_ARRAYLIT;
    } else if (is(w, k, "(") && pp_lower_ends_operand(w, k - 1) &&
               !pp_lower_kind(w, k - 1, PP_JS_KEYWORD) && !(w->fl[k - 1] & LW_KEY) &&
               !is(w, k - 2, "function") && !(is(w, k - 2, "*") && is(w, k - 3, "function"))) {
      w->fl[k] |= LW_CALL;
    } else if (is(w, k, "=>")) {
      if (!add_arrow(w, k)) return false;
    } else if (w->t[k].kind == PP_JS_KEYWORD && is(w, k, "function")) {
      if (!add_function(w, k)) return false;
    }
    if ((is(w, k, "let") || is(w, k, "const") || is(w, k, "var")) && decl_start(w, k))
      w->fl[k] |= LW_DECL;
  }
  return true;
}

static int cmp_fn(const void *a, const void *b) {
  const lw_fn_t *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return x->body_hi > y->body_hi ? -1 : x->body_hi < y->body_hi;
}

static bool sweep_functions(lw_t *w) {
  if (w->nfns) qsort(w->fns, (size_t)w->nfns, sizeof(*w->fns), cmp_fn);
  long *stack = malloc(((size_t)w->nfns + 1) * sizeof(*stack));
  if (!stack) return false;
  long sp = 0, next = 0;
  for (long k = 0; k < w->n; k++) {
    w->arrow_at[k] = -1;
    while (sp && w->fns[stack[sp - 1]].body_hi < k) sp--;
    while (next < w->nfns && w->fns[next].start == k) {
      if (w->arrow_at[k] < 0) w->arrow_at[k] = next;
      w->fns[next].up = sp ? stack[sp - 1] : -1;
      stack[sp++] = next++;
    }
    while (next < w->nfns && w->fns[next].start < k) next++; /* overlapping: ignore */
    w->fn_of[k] = sp ? stack[sp - 1] : -1;
  }
  free(stack);
  return true;
}

pp_status_t pp_lower_structure(lw_t *w) {
  size_t n = (size_t)w->n;
  w->match = malloc(n * sizeof(long));
  w->parent = malloc(n * sizeof(long));
  w->fn_of = malloc(n * sizeof(long));
  w->arrow_at = malloc(n * sizeof(long));
  w->aux = malloc(n * sizeof(long));
  w->fl = calloc(n, 1);
  w->repl = calloc(n, sizeof(char *));
  w->owner = calloc(n, sizeof(int));
  if (!w->match || !w->parent || !w->fn_of || !w->arrow_at || !w->aux || !w->fl || !w->repl ||
      !w->owner)
    return PP_ENOMEM;
  for (size_t k = 0; k < n; k++) w->aux[k] = w->fn_of[k] = -1;
  pp_status_t st = match_brackets(w);
  if (st != PP_OK) return st;
  if (!classify(w) || !sweep_functions(w)) return PP_ENOMEM;
  return PP_OK;
}
