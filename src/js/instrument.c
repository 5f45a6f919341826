/* SPDX-License-Identifier: MIT */
/*
 * Source instrumentation of a PAC (issue 4, `explain` and `test
 * --coverage`): every `return` reports its site to the native __pp_ret, and
 * with PP_INSTR_CALLS every call of a PAC helper goes through __pp_call so a
 * trace knows the exact call site. The natives live in trace.c; this file
 * only rewrites text, using the tokens of jslex.c.
 */
#include "js/instrument.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/*
 * Rules (each keeps the script's meaning and its line numbers):
 *  1. A `return` keyword is a statement unless it follows `.`/`?.` or is
 *     followed by `:` (a property name).
 *  2. It is bare when the next token is `;`, `}`, the end, or stands after a
 *     line break: ECMAScript's [no LineTerminator here] makes `return\nx`
 *     return undefined. A bare return gets ` __pp_ret(ID)` plus a `;` unless
 *     one follows, so `return\n(x)` cannot turn into a call.
 *  3. Otherwise the expression runs to the first token at bracket depth 0
 *     that is `;` `)` `]` `}` or the end, or that follows a line break where
 *     automatic semicolon insertion applies (the previous token ends an
 *     operand and the next cannot continue it: a name, literal, keyword
 *     other than in/instanceof, `{`, `++`, `--`). It is wrapped as
 *     `__pp_ret(ID,(EXPR))`: the parentheses keep a comma expression one
 *     argument, and __pp_ret runs after EXPR, so a helper's own return
 *     inside EXPR is recorded first.
 *  4. Edits only insert or delete characters inside a line, never a line
 *     break: Duktape's error lines stay those of the original file.
 */

static const char *const HELPERS[] = {
    "convert_addr", "dateRange", "dnsDomainIs", "dnsDomainLevels", "dnsResolve",
    "dnsResolveEx", "getClientVersion", "isInNet", "isInNetEx", "isPlainHostName",
    "isResolvable", "isResolvableEx", "isValidIpAddress", "localHostOrDomainIs", "myIpAddress",
    "myIpAddressEx", "shExpMatch", "sortIpAddressList", "timeRange", "weekdayRange", NULL};

typedef struct edit {
  size_t off;
  size_t del;
  size_t seq; /* insertion order, to keep ties stable */
  char text[48];
} edit_t;

typedef struct rewriter {
  const char *src;
  const pp_js_token_t *t;
  size_t n;
  edit_t *edits;
  size_t nedits, cap;
  pp_instrumented_t *out;
} rewriter_t;

static bool add_edit(rewriter_t *rw, size_t off, size_t del, const char *text) {
  if (rw->nedits == rw->cap) {
    size_t ncap = rw->cap ? rw->cap * 2 : 64;
    edit_t *p = realloc(rw->edits, ncap * sizeof(*p));
    if (!p) return false;
    rw->edits = p;
    rw->cap = ncap;
  }
  edit_t *e = &rw->edits[rw->nedits];
  e->off = off;
  e->del = del;
  e->seq = rw->nedits++;
  snprintf(e->text, sizeof(e->text), "%s", text);
  return true;
}

static bool is(const rewriter_t *rw, size_t i, const char *text) {
  return i < rw->n && rw->t[i].kind != PP_JS_EOF && pp_js_tok_is(&rw->t[i], rw->src, text);
}

static bool is_kw(const rewriter_t *rw, size_t i, const char *word) {
  return i < rw->n && rw->t[i].kind == PP_JS_KEYWORD && is(rw, i, word);
}

/* Does token i end an operand (so a following name would need ASI)? */
static bool ends_operand(const rewriter_t *rw, size_t i) {
  switch (rw->t[i].kind) {
  case PP_JS_IDENT: case PP_JS_NUMBER: case PP_JS_STRING: case PP_JS_TEMPLATE:
  case PP_JS_TEMPLATE_TAIL: case PP_JS_REGEX: return true;
  case PP_JS_KEYWORD:
    return is(rw, i, "this") || is(rw, i, "null") || is(rw, i, "true") || is(rw, i, "false") ||
           is(rw, i, "super");
  case PP_JS_PUNCT:
    if (is(rw, i, ")") || is(rw, i, "]") || is(rw, i, "}")) return true;
    /* postfix ++/-- follow an operand */
    return (is(rw, i, "++") || is(rw, i, "--")) && i > 0 && ends_operand(rw, i - 1);
  default: return false;
  }
}

/* Does a line break before token k end the statement (ASI)? */
static bool asi_at(const rewriter_t *rw, size_t k) {
  if (!ends_operand(rw, k - 1)) return false;
  const pp_js_token_t *t = &rw->t[k];
  switch (t->kind) {
  case PP_JS_IDENT: case PP_JS_NUMBER: case PP_JS_STRING: case PP_JS_REGEX: return true;
  case PP_JS_KEYWORD: return !is(rw, k, "in") && !is(rw, k, "instanceof");
  case PP_JS_PUNCT: return is(rw, k, "{") || is(rw, k, "++") || is(rw, k, "--");
  default: return false;
  }
}

static int depth_delta(const rewriter_t *rw, size_t k) {
  const pp_js_token_t *t = &rw->t[k];
  if (t->kind == PP_JS_TEMPLATE_HEAD) return 1;
  if (t->kind == PP_JS_TEMPLATE_TAIL) return -1;
  if (t->kind != PP_JS_PUNCT || t->len != 1) return 0;
  char c = rw->src[t->off];
  return (c == '(' || c == '[' || c == '{') ? 1 : (c == ')' || c == ']' || c == '}') ? -1 : 0;
}

/* Index of the last token of the expression starting at token `first`. */
static size_t expr_end(const rewriter_t *rw, size_t first) {
  int depth = 0;
  size_t last = first;
  for (size_t k = first; k < rw->n && rw->t[k].kind != PP_JS_EOF; k++) {
    if (k > first && depth == 0) {
      if (is(rw, k, ";") || is(rw, k, ")") || is(rw, k, "]") || is(rw, k, "}")) break;
      if (rw->t[k].nl_before && asi_at(rw, k)) break;
    }
    depth += depth_delta(rw, k);
    if (depth < 0) break; /* unbalanced: leave the rest to the compiler */
    last = k;
  }
  return last;
}

static bool push_site(pp_return_site_t **arr, size_t *n, const pp_js_token_t *t) {
  pp_return_site_t *p = realloc(*arr, (*n + 1) * sizeof(**arr));
  if (!p) return false;
  *arr = p;
  p[*n].line = t->line;
  p[*n].col = t->col;
  p[*n].hits = 0;
  (*n)++;
  return true;
}

static bool rewrite_return(rewriter_t *rw, size_t i) {
  const pp_js_token_t *r = &rw->t[i];
  size_t id = rw->out->nrets;
  if (!push_site(&rw->out->rets, &rw->out->nrets, r)) return false;
  char buf[48];
  size_t next = i + 1;
  bool bare = rw->t[next].kind == PP_JS_EOF || rw->t[next].nl_before || is(rw, next, ";") ||
              is(rw, next, "}");
  if (bare) {
    snprintf(buf, sizeof(buf), " " PP_INSTR_RET "(%zu)%s", id, is(rw, next, ";") ? "" : ";");
    return add_edit(rw, r->off + r->len, 0, buf);
  }
  size_t last = expr_end(rw, next);
  snprintf(buf, sizeof(buf), " " PP_INSTR_RET "(%zu,(", id);
  return add_edit(rw, r->off + r->len, 0, buf) &&
         add_edit(rw, rw->t[last].off + rw->t[last].len, 0, "))");
}

static const char *helper_name(const rewriter_t *rw, size_t i) {
  if (rw->t[i].kind != PP_JS_IDENT || !is(rw, i + 1, "(")) return NULL;
  if (i > 0 && (is(rw, i - 1, ".") || is(rw, i - 1, "?.") || is_kw(rw, i - 1, "function")))
    return NULL;
  for (size_t h = 0; HELPERS[h]; h++)
    if (is(rw, i, HELPERS[h])) return HELPERS[h];
  return NULL;
}

static bool rewrite_call(rewriter_t *rw, size_t i, const char *name) {
  pp_instrumented_t *o = rw->out;
  size_t id = o->ncalls;
  pp_instr_loc_t *p = realloc(o->calls, (id + 1) * sizeof(*p));
  if (!p) return false;
  o->calls = p;
  p[id].line = rw->t[i].line;
  p[id].col = rw->t[i].col;
  size_t nn = id;
  if (!pp_strlist_push(&o->call_names, &nn, name)) return false;
  o->ncalls++;
  char buf[48];
  snprintf(buf, sizeof(buf), PP_INSTR_CALL "(%zu,", id);
  /* "(" becomes "," before the first argument, and disappears before ")". */
  return add_edit(rw, rw->t[i].off, 0, buf) &&
         add_edit(rw, rw->t[i + 1].off, 1, is(rw, i + 2, ")") ? "" : ",");
}

static int cmp_edit(const void *a, const void *b) {
  const edit_t *x = a, *y = b;
  if (x->off != y->off) return x->off < y->off ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool apply_edits(rewriter_t *rw, size_t len) {
  if (rw->nedits) qsort(rw->edits, rw->nedits, sizeof(edit_t), cmp_edit);
  pp_str_t s = PP_STR_INIT;
  size_t pos = 0;
  for (size_t k = 0; k < rw->nedits; k++) {
    const edit_t *e = &rw->edits[k];
    if (e->off < pos) continue; /* overlapping deletion: cannot happen with rules 1-3 */
    pp_str_append(&s, rw->src + pos, e->off - pos);
    pp_str_puts(&s, e->text);
    pos = e->off + e->del;
  }
  pp_str_append(&s, rw->src + pos, len - pos);
  rw->out->len = s.len;
  rw->out->text = pp_str_take(&s);
  return rw->out->text != NULL;
}

pp_status_t pp_instrument(const char *src, size_t len, unsigned flags, pp_instrumented_t *out,
                          pp_js_error_t *err) {
  rewriter_t rw = {.src = src, .out = out};
  pp_js_token_t *toks = NULL;
  memset(out, 0, sizeof(*out));
  pp_status_t st = pp_js_tokenize(src, len, 0, &toks, &rw.n, err);
  if (st != PP_OK) goto done;
  rw.t = toks;
  st = PP_ENOMEM;
  for (size_t i = 0; i + 1 < rw.n; i++) {
    const char *h;
    if (is_kw(&rw, i, "return") && !(i > 0 && (is(&rw, i - 1, ".") || is(&rw, i - 1, "?."))) &&
        !is(&rw, i + 1, ":")) {
      if (!rewrite_return(&rw, i)) goto done;
    } else if ((flags & PP_INSTR_CALLS) && (h = helper_name(&rw, i)) != NULL) {
      if (!rewrite_call(&rw, i, h)) goto done;
    }
  }
  if (apply_edits(&rw, len)) st = PP_OK;
done:
  free(toks);
  free(rw.edits);
  if (st != PP_OK) pp_instrumented_clear(out);
  return st;
}

void pp_instrumented_clear(pp_instrumented_t *r) {
  if (!r) return;
  free(r->text);
  free(r->rets);
  free(r->calls);
  pp_strlist_free(r->call_names, r->ncalls);
  memset(r, 0, sizeof(*r));
}
