/* SPDX-License-Identifier: MIT */
/*
 * The lowering driver (lower.h): tokenizes with jslex, runs the structure
 * pass, the scope pass and the per-construct rewrites, then emits the text.
 * Rewrites are recorded as edits on tokens (lower_int.h) and applied only
 * here, so every construct is written in terms of the original tokens and
 * line breaks are emitted exactly where the original has them.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"
#include "util/str.h"

/* ---- edits -------------------------------------------------------------- */

static lw_item_t *new_item(lw_t *w, long k, bool after, long key) {
  if (w->oom || k < 0 || k >= w->n) return NULL;
  if (w->nitems == w->capitems) {
    size_t ncap = w->capitems ? w->capitems * 2 : 64;
    lw_item_t *p = realloc(w->items, ncap * sizeof(*p));
    if (!p) {
      w->oom = true;
      return NULL;
    }
    w->items = p;
    w->capitems = ncap;
  }
  lw_item_t *it = &w->items[w->nitems++];
  memset(it, 0, sizeof(*it));
  it->tok = k;
  it->after = after;
  it->key = key;
  it->seq = w->nitems;
  w->changed = true;
  return it;
}

__attribute__((format(printf, 5, 0)))
static void add_text(lw_t *w, long k, bool after, long key, const char *fmt, va_list ap) {
  char *buf = pp_vformat(fmt, ap);
  if (!buf) {
    w->oom = true;
    return;
  }
  lw_item_t *it = new_item(w, k, after, key);
  if (!it) {
    free(buf);
    return;
  }
  it->text = buf;
}

void pp_lower_before(lw_t *w, long k, long span_end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_text(w, k, false, span_end, fmt, ap);
  va_end(ap);
}

void pp_lower_after(lw_t *w, long k, long span_start, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_text(w, k, true, span_start, fmt, ap);
  va_end(ap);
}

void pp_lower_repl(lw_t *w, long k, const char *text) {
  if (k < 0 || k >= w->n - 1) return;
  char *c = strdup(text);
  if (!c) {
    w->oom = true;
    return;
  }
  free(w->repl[k]);
  w->repl[k] = c;
  w->changed = true;
}

void pp_lower_delete(lw_t *w, long a, long b) {
  for (long k = a < 0 ? 0 : a; k <= b && k < w->n - 1; k++) w->owner[k] = -1;
  w->changed = true;
}

void pp_lower_move_after(lw_t *w, long dest, long span_start, long a, long b) {
  if (a < 0 || b < a || b >= w->n - 1) return;
  int id = ++w->nmoves;
  int outer = w->owner[a];
  for (long k = a; k <= b; k++)
    if (w->owner[k] == outer) w->owner[k] = id;
  lw_item_t *it = new_item(w, dest, true, span_start);
  if (!it) return;
  it->a = a;
  it->b = b;
  it->move = id;
}

void pp_lower_tmpvar(lw_t *w, long k, const char *name) {
  long f = k >= 0 && k < w->n ? w->fn_of[k] : -1;
  if (f < 0) {
    pp_lower_after(w, w->n - 2, -1, ";var %s;", name); /* hoisted: the end will do */
    return;
  }
  const lw_fn_t *fn = &w->fns[f];
  bool expr_body = fn->arrow >= 0 && !pp_lower_is(w, fn->body_lo, "{");
  pp_lower_after(w, expr_body ? fn->arrow : fn->body_lo, LONG_MAX, "var %s; ", name);
}

void pp_lower_name(const lw_t *w, long k, char *buf, size_t cap) {
  if (w->repl[k]) snprintf(buf, cap, "%s", w->repl[k]);
  else snprintf(buf, cap, "%.*s", (int)w->t[k].len, w->src + w->t[k].off);
}

static void fill_diag(const lw_t *w, long k, pp_lower_diag_t *d, const char *feature,
                      const char *es, const char *msg) {
  memset(d, 0, sizeof(*d));
  if (k >= 0 && k < w->n) {
    d->line = w->t[k].line;
    d->col = w->t[k].col;
  }
  snprintf(d->feature, sizeof(d->feature), "%s", feature);
  snprintf(d->es, sizeof(d->es), "%s", es ? es : "");
  snprintf(d->msg, sizeof(d->msg), "%s", msg ? msg : "");
}

void pp_lower_unsupported(lw_t *w, long k, const char *feature, const char *es) {
  if (w->failed) return;
  w->failed = true;
  fill_diag(w, k, &w->res->error, feature, es, NULL);
}

static void push_diag(lw_t *w, pp_lower_diag_t **v, size_t *n, long k, const char *feature,
                      const char *es, const char *msg) {
  pp_lower_diag_t *p = realloc(*v, (*n + 1) * sizeof(**v));
  if (!p) {
    w->oom = true;
    return;
  }
  *v = p;
  fill_diag(w, k, &p[(*n)++], feature, es, msg);
}

void pp_lower_used(lw_t *w, long k, unsigned bit, const char *feature, const char *es) {
  if (bit && (w->seen & bit)) return;
  w->seen |= bit;
  push_diag(w, &w->res->lowered, &w->res->nlowered, k, feature, es, bit ? "lowered" : "built-in");
}

void pp_lower_note(lw_t *w, long k, const char *feature, const char *msg) {
  push_diag(w, &w->res->notes, &w->res->nnotes, k, feature, "ES2015", msg);
}

/* ---- emission ----------------------------------------------------------- */

static int cmp_item(const void *a, const void *b) {
  const lw_item_t *x = a, *y = b;
  if (x->tok != y->tok) return x->tok < y->tok ? -1 : 1;
  if (x->after != y->after) return x->after ? 1 : -1;
  if (x->key != y->key) return x->key > y->key ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct emitter {
  lw_t *w;
  pp_str_t out;
  size_t *first; /* items of token k: [first[k], first[k+1]) */
  bool ok;
} emitter_t;

static void put(emitter_t *em, const char *p, size_t n, bool flat) {
  if (!flat) {
    em->ok = em->ok && pp_str_append(&em->out, p, n);
    return;
  }
  for (size_t i = 0; i < n && em->ok; i++)
    em->ok = pp_str_putc(&em->out, p[i] == '\n' || p[i] == '\r' ? ' ' : p[i]);
}

static void emit_range(emitter_t *em, long a, long b, int move);

static void emit_items(emitter_t *em, long k, bool after) {
  lw_t *w = em->w;
  for (size_t i = em->first[k]; i < em->first[k + 1]; i++) {
    lw_item_t *it = &w->items[i];
    if (it->after != after) continue;
    if (it->text) put(em, it->text, strlen(it->text), true); /* never a line break */
    else emit_range(em, it->a, it->b, it->move);
  }
}

static void emit_token(emitter_t *em, long k, bool flat) {
  lw_t *w = em->w;
  emit_items(em, k, false);
  if (w->repl[k]) put(em, w->repl[k], strlen(w->repl[k]), flat);
  else put(em, w->src + w->t[k].off, w->t[k].len, flat);
  emit_items(em, k, true);
}

static void emit_range(emitter_t *em, long a, long b, int move) {
  bool first = true;
  for (long k = a; k <= b && em->ok; k++) {
    if (em->w->owner[k] != move) continue;
    if (!first) put(em, " ", 1, false);
    first = false;
    emit_token(em, k, true);
  }
}

/* Only the line breaks of src[a, b): what stays of text emitted elsewhere. */
static void put_breaks(emitter_t *em, size_t a, size_t b) {
  const unsigned char *s = (const unsigned char *)em->w->src;
  for (size_t i = a; i < b && em->ok; i++) {
    bool br = s[i] == '\n' || (s[i] == '\r' && !(i + 1 < b && s[i + 1] == '\n')) ||
              (s[i] == 0xE2 && i + 2 < b && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9));
    if (br) em->ok = pp_str_putc(&em->out, '\n');
  }
}

static pp_status_t emit_all(lw_t *w, pp_lower_result_t *res) {
  emitter_t em = {w, PP_STR_INIT, calloc((size_t)w->n + 1, sizeof(size_t)), true};
  res->map = malloc((size_t)w->n * sizeof(*res->map));
  if (!em.first || !res->map) em.ok = false;
  if (em.ok && w->nitems) qsort(w->items, w->nitems, sizeof(*w->items), cmp_item);
  for (size_t i = 0, k = 0; em.ok && k <= (size_t)w->n; k++) {
    while (i < w->nitems && (size_t)w->items[i].tok < k) i++;
    em.first[k] = i;
  }
  size_t prev_end = 0;
  for (long k = 0; k < w->n - 1 && em.ok; k++) {
    const pp_js_token_t *t = &w->t[k];
    if (w->owner[k] != 0) {
      put_breaks(&em, prev_end, t->off + t->len);
    } else {
      put(&em, w->src + prev_end, t->off - prev_end, false);
      res->map[res->nmap++] = (pp_lower_anchor_t){em.out.len, t->line, t->col};
      emit_token(&em, k, false);
    }
    prev_end = t->off + t->len;
  }
  put(&em, w->src + prev_end, w->len - prev_end, false);
  if (em.ok && !em.out.s) em.ok = pp_str_puts(&em.out, "");
  free(em.first);
  if (!em.ok) {
    pp_str_free(&em.out);
    return PP_ENOMEM;
  }
  res->len = em.out.len;
  res->text = pp_str_take(&em.out);
  res->changed = true;
  return PP_OK;
}

/* ---- the passes ---------------------------------------------------------- */

static void lower_token(lw_t *w, long k) {
  const pp_js_token_t *t = &w->t[k];
  if (w->arrow_at[k] >= 0 || (t->kind == PP_JS_KEYWORD && pp_lower_is(w, k, "function")))
    pp_lower_functions_at(w, k);
  switch (t->kind) {
  case PP_JS_TEMPLATE: case PP_JS_TEMPLATE_HEAD: case PP_JS_TEMPLATE_MID:
  case PP_JS_TEMPLATE_TAIL: pp_lower_template(w, k); return;
  case PP_JS_NUMBER: pp_lower_number(w, k); return;
  default: break;
  }
  if (t->kind == PP_JS_KEYWORD && pp_lower_is(w, k, "class")) pp_lower_class(w, k);
  else if (w->fl[k] & LW_DECL) pp_lower_decl(w, k);
  else if (pp_lower_is(w, k, "for")) pp_lower_for_of(w, k);
  else if (pp_lower_is(w, k, "catch")) {
    pp_lower_gen_catch(w, k);
    pp_lower_catch(w, k);
  } else if (t->kind == PP_JS_IDENT && pp_lower_is(w, k, "yield")) pp_lower_yield(w, k);
  else if (t->kind == PP_JS_IDENT && pp_lower_is(w, k, "await")) pp_lower_await(w, k);
  else if (pp_lower_is(w, k, "**") || pp_lower_is(w, k, "**=")) pp_lower_pow(w, k);
  else if (pp_lower_is(w, k, "??")) pp_lower_nullish(w, k);
  else if (pp_lower_is(w, k, "?\?=") || pp_lower_is(w, k, "||=") || pp_lower_is(w, k, "&&="))
    pp_lower_logical_assign(w, k);
  else if (pp_lower_is(w, k, "?.")) pp_lower_optional(w, k);
  else if (w->fl[k] & LW_OBJ) pp_lower_object(w, k);
  else if (w->fl[k] & (LW_CALL | LW_ARRAYLIT)) pp_lower_spread(w, k);
}

static void free_walker(lw_t *w) {
  if (w->repl)
    for (long k = 0; k < w->n; k++) free(w->repl[k]);
  for (size_t i = 0; i < w->nitems; i++) free(w->items[i].text);
  free(w->items);
  free(w->repl);
  free(w->t);
  free(w->match);
  free(w->parent);
  free(w->fl);
  free(w->owner);
  free(w->fn_of);
  free(w->arrow_at);
  free(w->aux);
  free(w->fns);
}

pp_status_t pp_lower(const char *src, size_t len, pp_lower_result_t *out) {
  memset(out, 0, sizeof(*out));
  lw_t w = {0};
  w.src = src;
  w.len = len;
  w.res = out;
  pp_js_error_t jerr;
  size_t ntok = 0;
  pp_status_t st = pp_js_tokenize(src, len, 0, &w.t, &ntok, &jerr);
  if (st == PP_ESYNTAX) {
    out->error.line = jerr.line;
    out->error.col = jerr.col;
    snprintf(out->error.msg, sizeof(out->error.msg), "%s", jerr.msg);
  }
  if (st != PP_OK) goto done;
  w.n = (long)ntok;
  st = pp_lower_structure(&w);
  if (st == PP_ESYNTAX) {
    st = PP_OK; /* unbalanced: Duktape reports it on the original text */
    for (long k = 0; k < w.n - 1 && !w.failed; k++) pp_lower_check_token(&w, k);
    if (w.failed) st = PP_EUNSUPPORTED;
    goto done;
  }
  if (st != PP_OK) goto done;
  pp_lower_scopes(&w);
  for (long k = 0; k < w.n - 1 && !w.failed && !w.oom; k++) {
    pp_lower_check_token(&w, k);
    if (!w.failed && w.owner[k] >= 0) lower_token(&w, k);
  }
  if (w.oom) st = PP_ENOMEM;
  else if (w.failed) st = PP_EUNSUPPORTED;
  else if (w.changed) st = emit_all(&w, out);
done:
  free_walker(&w);
  if (st != PP_OK && st != PP_EUNSUPPORTED && st != PP_ESYNTAX) {
    pp_lower_diag_t keep = out->error;
    pp_lower_clear(out);
    out->error = keep;
  }
  if (st == PP_OK && !out->changed) {
    free(out->map);
    out->map = NULL;
    out->nmap = 0;
  }
  return st;
}

void pp_lower_clear(pp_lower_result_t *r) {
  if (!r) return;
  free(r->text);
  free(r->lowered);
  free(r->notes);
  free(r->map);
  memset(r, 0, sizeof(*r));
}

bool pp_lower_map(const pp_lower_result_t *r, size_t off, int *line, int *col) {
  if (!r->map || !r->nmap) return false;
  size_t lo = 0, hi = r->nmap;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->map[mid].lowered_off <= off) lo = mid;
    else hi = mid;
  }
  *line = r->map[lo].line;
  *col = r->map[lo].col;
  return true;
}

void pp_lower_format_unsupported(const pp_lower_diag_t *d, const char *name, char *buf,
                                 size_t cap) {
  snprintf(buf, cap,
           "%s:%d:%d: unsupported JavaScript feature '%s' (%s) \xe2\x80\x94 browsers accept "
           "this; pacprobe's engine does not",
           name, d->line, d->col, d->feature, d->es);
}
