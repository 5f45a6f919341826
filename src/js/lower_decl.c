/* SPDX-License-Identifier: MIT */
/*
 * Declarations: let/const become var (block scoping is kept by the renames
 * of lower_scope.c), destructuring patterns in declarations and parameters
 * become declarators reading a temporary (`var {a, b: [c]} = o` ->
 * `var __pp_d0 = o, a = __pp_d0.a, __pp_d1 = __pp_d0.b, c = __pp_d1[0]`),
 * and for…of becomes an index loop over __pp_iter(x) (05-polyfills.js:
 * arrays and array-likes as they are, strings by code point).
 */
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

void pp_lower_temp(lw_t *w, const char *prefix, char *buf, size_t cap) {
  snprintf(buf, cap, "__pp_%s%d", prefix, w->ntmp++);
}

/* End of the pattern element starting at j: the token before the next `,`
 * at this level, or before close. */
static long elem_end(const lw_t *w, long j, long close) {
  long last = j - 1;
  while (j < close && !is(w, j, ",")) {
    bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
              w->t[j].kind == PP_JS_TEMPLATE_HEAD;
    last = j = op ? pp_lower_template_end(w, j) : j;
    j++;
  }
  return last;
}

static bool is_pattern(const lw_t *w, long k) {
  return (is(w, k, "[") || is(w, k, "{")) && w->match[k] > k;
}

static void bind(lw_t *w, long target, const char *access, long da, long db, long dest,
                 long key) {
  char tmp[32], name[128];
  if (pp_lower_kind(w, target, PP_JS_IDENT)) {
    pp_lower_name(w, target, name, sizeof(name));
    if (da < 0) {
      pp_lower_after(w, dest, key, ", %s = %s", name, access);
      return;
    }
    pp_lower_temp(w, "d", tmp, sizeof(tmp));
    pp_lower_after(w, dest, key, ", %s = %s, %s = %s === void 0 ? (", tmp, access, name, tmp);
    pp_lower_move_after(w, dest, key, da, db);
    pp_lower_after(w, dest, key, ") : %s", tmp);
    return;
  }
  if (!is_pattern(w, target)) {
    pp_lower_unsupported(w, target, "destructuring target", "ES2015");
    return;
  }
  pp_lower_temp(w, "d", tmp, sizeof(tmp));
  pp_lower_after(w, dest, key, ", %s = %s", tmp, access);
  if (da >= 0) {
    pp_lower_after(w, dest, key, ", %s = %s === void 0 ? (", tmp, tmp);
    pp_lower_move_after(w, dest, key, da, db);
    pp_lower_after(w, dest, key, ") : %s", tmp);
  }
  pp_lower_pattern(w, target, tmp, dest, key);
}

/* One element `target [= default]` from j to e: calls bind. */
static void element(lw_t *w, long target, long e, const char *access, long dest, long key) {
  long tend = is_pattern(w, target) ? w->match[target] : target;
  long da = -1, db = -1;
  if (is(w, tend + 1, "=") && tend + 1 <= e) {
    da = tend + 2;
    db = e;
  }
  bind(w, target, access, da, db, dest, key);
}

/* `...rest` last in an object pattern: the own enumerable properties of
 * src except the keys listed before it (__pp_orest, 06-lower.js). */
static void object_rest(lw_t *w, long j, const char *src, const pp_str_t *keys, long dest,
                        long key) {
  char name[128];
  if (!pp_lower_kind(w, j + 1, PP_JS_IDENT) || !is(w, j + 2, "}"))
    return pp_lower_unsupported(w, j, "object rest pattern", "ES2018");
  pp_lower_used(w, j, LWF_ORES, "object rest in destructuring", "ES2018");
  pp_lower_name(w, j + 1, name, sizeof(name));
  pp_lower_after(w, dest, key, ", %s = __pp_orest(%s, [%s])", name, src, keys->s ? keys->s : "");
}

static void object_pattern(lw_t *w, long p, const char *src, long dest, long key) {
  long close = w->match[p];
  char access[512];
  pp_str_t keys = PP_STR_INIT;
  for (long j = p + 1; j < close && !w->failed;) {
    if (is(w, j, "...")) {
      object_rest(w, j, src, &keys, dest, key);
      break;
    }
    if (is(w, j, "[")) {
      pp_lower_unsupported(w, j, "computed property name", "ES2015");
      break;
    }
    pp_js_kind_t kd = w->t[j].kind;
    const char *txt = w->src + w->t[j].off;
    int tl = (int)w->t[j].len;
    if (kd == PP_JS_STRING || kd == PP_JS_NUMBER)
      pp_str_printf(&keys, "%s%.*s", keys.len ? ", " : "", tl, txt);
    else
      pp_str_printf(&keys, "%s\"%.*s\"", keys.len ? ", " : "", tl, txt);
    if (kd == PP_JS_IDENT || kd == PP_JS_KEYWORD) snprintf(access, sizeof(access), "%s.%.*s", src, tl, txt);
    else if (kd == PP_JS_STRING || kd == PP_JS_NUMBER) snprintf(access, sizeof(access), "%s[%.*s]", src, tl, txt);
    else {
      pp_lower_unsupported(w, j, "destructuring pattern", "ES2015");
      break;
    }
    long e = elem_end(w, j, close);
    long target = is(w, j + 1, ":") ? j + 2 : j;
    element(w, target, e, access, dest, key);
    j = e + 2;
  }
  if (keys.len && !keys.s) w->oom = true;
  pp_str_free(&keys);
}

/* Elements an array pattern reads, -1 with a rest element. */
static int pattern_count(const lw_t *w, long p) {
  long close = w->match[p];
  int n = 0;
  for (long j = p + 1; j < close; n++) {
    if (is(w, j, ",")) {
      j++;
      continue;
    }
    if (is(w, j, "...")) return -1;
    j = elem_end(w, j, close) + 1;
    if (is(w, j, ",")) j++;
  }
  return n;
}

static void array_pattern(lw_t *w, long p, const char *src, long dest, long key) {
  long close = w->match[p];
  char access[512], name[128];
  int idx = 0;
  /* An iterable source (a Set, a Map, a string by code point) is read into
   * an array first, as many elements as the pattern takes (05-polyfills.js). */
  if (strspn(src, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$") == strlen(src))
    pp_lower_after(w, dest, key, ", %s = __pp_arr(%s, %d)", src, src, pattern_count(w, p));
  for (long j = p + 1; j < close && !w->failed; idx++) {
    if (is(w, j, ",")) {
      j++;
      continue;
    }
    if (is(w, j, "...")) {
      if (!pp_lower_kind(w, j + 1, PP_JS_IDENT))
        return pp_lower_unsupported(w, j, "rest element pattern", "ES2015");
      pp_lower_name(w, j + 1, name, sizeof(name));
      pp_lower_after(w, dest, key, ", %s = Array.prototype.slice.call(%s, %d)", name, src, idx);
      return;
    }
    snprintf(access, sizeof(access), "%s[%d]", src, idx);
    long e = elem_end(w, j, close);
    element(w, j, e, access, dest, key);
    j = e + 1;
    if (is(w, j, ",")) j++;
  }
}

void pp_lower_pattern(lw_t *w, long p, const char *src, long dest, long key) {
  pp_lower_used(w, p, LWF_DESTRUCT, "destructuring", "ES2015");
  if (is(w, p, "{")) object_pattern(w, p, src, dest, key);
  else array_pattern(w, p, src, dest, key);
}

void pp_lower_pattern_names(const lw_t *w, long p, pp_str_t *out) {
  long close = w->match[p];
  char name[128];
  bool obj = is(w, p, "{");
  for (long j = p + 1; j < close;) {
    if (is(w, j, ",")) {
      j++;
      continue;
    }
    long target = j;
    if (is(w, j, "...")) target = j + 1;
    else if (obj && is(w, j + 1, ":")) target = j + 2;
    if (is_pattern(w, target)) {
      pp_lower_pattern_names(w, target, out);
    } else if (pp_lower_kind(w, target, PP_JS_IDENT)) {
      pp_lower_name(w, target, name, sizeof(name));
      pp_str_printf(out, ", %s", name);
    }
    j = elem_end(w, j, close) + 1;
    if (is(w, j, ",")) j++;
  }
}

void pp_lower_decl(lw_t *w, long k) {
  if (is(w, k, "let")) {
    pp_lower_used(w, k, LWF_LET, "let", "ES2015");
    pp_lower_repl(w, k, "var");
  } else if (is(w, k, "const")) {
    pp_lower_used(w, k, LWF_CONST, "const", "ES2015");
    pp_lower_repl(w, k, "var");
  }
  for (long j = k + 1; j < w->n - 1 && !w->failed;) {
    if (pp_lower_kind(w, j, PP_JS_IDENT)) {
      if (is(w, j + 1, "of") || is(w, j + 1, "in")) return;
      j = is(w, j + 1, "=") ? pp_lower_expr_end(w, j + 2, true) + 1 : j + 1;
    } else if (is_pattern(w, j)) {
      long pe = w->match[j];
      if (is(w, pe + 1, "of")) return;
      if (!is(w, pe + 1, "=")) return pp_lower_unsupported(w, j, "destructuring pattern", "ES2015");
      long e = pp_lower_expr_end(w, pe + 2, true);
      char tmp[32];
      pp_lower_temp(w, "d", tmp, sizeof(tmp));
      pp_lower_delete(w, j, pe);
      pp_lower_before(w, pe + 1, pe + 1, "%s ", tmp);
      pp_lower_pattern(w, j, tmp, e, j);
      j = e + 1;
    } else {
      return;
    }
    if (!is(w, j, ",")) return;
    j++;
  }
}

/* The first label of the statement at k (`a: b: for`), or k. */
static long labels_start(const lw_t *w, long k) {
  while (k >= 2 && is(w, k - 1, ":") && pp_lower_kind(w, k - 2, PP_JS_IDENT) &&
         !is(w, k - 3, "case") && !is(w, k - 3, "?"))
    k -= 2;
  return k;
}

/* IteratorClose: leaving the loop early (break, return, throw, a labelled
 * continue) calls the iterator's return() (__pp_iclose, 05-polyfills.js);
 * a generator's finally blocks run. Its labels stay on the loop. A loop over
 * an array or a string (no iterator) pays one property read. */
static void close_on_exit(lw_t *w, long k, const char *arr) {
  long s = labels_start(w, k), e = pp_lower_stmt_end(w, k);
  pp_lower_before(w, s, e, "try { ");
  pp_lower_after(w, e, s,
                 " } catch (__pp_x) { __pp_iclose(%s, true, __pp_x); } finally { if (%s && %s.__pp_open) "
                 "__pp_iclose(%s); }", arr, arr, arr, arr);
}

void pp_lower_for_of(lw_t *w, long k) {
  long p = k + 1;
  if (!is(w, p, "(") || w->match[p] < 0) return;
  long close = w->match[p], q = p + 1;
  bool declared = (w->fl[q] & LW_DECL) || is(w, q, "var");
  if (declared) q++;
  long bend = pp_lower_kind(w, q, PP_JS_IDENT) ? q : is_pattern(w, q) ? w->match[q] : -1;
  if (bend < 0 || !pp_lower_kind(w, bend + 1, PP_JS_IDENT) || !is(w, bend + 1, "of")) {
    if (bend >= 0 && is_pattern(w, q) && is(w, bend + 1, "in"))
      pp_lower_unsupported(w, q, "destructuring in for…in", "ES2015");
    return;
  }
  long o = bend + 1;
  pp_lower_used(w, k, LWF_FOROF, "for…of", "ES2015");
  char it[32], arr[32], name[128];
  int n = w->ntmp++;
  snprintf(it, sizeof(it), "__pp_i%d", n);
  snprintf(arr, sizeof(arr), "__pp_a%d", n);
  pp_str_t head = PP_STR_INIT;
  if (pp_lower_kind(w, q, PP_JS_IDENT)) {
    pp_lower_name(w, q, name, sizeof(name));
    if (!declared) pp_lower_delete(w, q, q);
    pp_str_printf(&head, "%s%s = 0, %s = __pp_iter(", declared ? ", " : "var ", it, arr);
    pp_lower_repl(w, close, "");
    pp_lower_after(w, close, close, "); %s < %s.length && ((%s = %s[%s]), true); %s++)", it,
                   arr, name, arr, it, it);
  } else {
    char tmp[32];
    pp_lower_temp(w, "d", tmp, sizeof(tmp));
    int first = w->ntmp;
    pp_lower_delete(w, q, bend);
    pp_lower_repl(w, close, "");
    pp_lower_after(w, close, close, "); %s < %s.length && (%s = %s[%s]", it, arr, tmp, arr, it);
    pp_lower_pattern(w, q, tmp, close, close);
    pp_lower_after(w, close, close, ", true); %s++)", it);
    pp_str_printf(&head, "%s%s", declared ? " " : "var ", tmp);
    if (declared) pp_lower_pattern_names(w, q, &head);
    for (int i = first; i < w->ntmp; i++) pp_str_printf(&head, ", __pp_d%d", i);
    pp_str_printf(&head, ", %s = 0, %s = __pp_iter(", it, arr);
  }
  if (!head.s) w->oom = true;
  else pp_lower_repl(w, o, head.s);
  pp_str_free(&head);
  close_on_exit(w, k, arr);
}
