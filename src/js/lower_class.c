/* SPDX-License-Identifier: MIT */
/*
 * Classes (ES2015, fields ES2022) become an ES5 constructor built inside a
 * function that receives the superclass:
 *
 *   class B extends A { x = 1; static s = 2; constructor(v) { super(v); }
 *                       m() { return super.m() + 1; } get g() { ... } }
 *   ->
 *   var B = (function (__pp_sup) { __pp_extends(B, __pp_sup);
 *     function __pp_fC() { __pp_field(this, "x", (1)); }
 *     __pp_field(B, "s", (2));
 *     function B(v) { __pp_cnew(this, B, "B"); (__pp_sup.call(this, v), __pp_fC.call(this)); }
 *     __pp_method(B.prototype, "m", function () { return __pp_sup.prototype.m.call(this) + 1; });
 *     __pp_accessor(B.prototype, "g", "get", function () { ... });
 *   return B; })(A);
 *
 * Every member stays at its own line (the constructor is a hoisted
 * function declaration, so it may come last); instance field initializers
 * move into the field function, whose line breaks stay where they were.
 * The helpers are in pacscripts/runtime/06-lower.js. Not lowered (the
 * distinct unsupported error): private names, static blocks, generator and
 * async methods, computed names of instance fields, super outside a class.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

static bool name_tok(const lw_t *w, long k) {
  pp_js_kind_t kd = k >= 0 && k < w->n - 1 ? w->t[k].kind : PP_JS_EOF;
  return kd == PP_JS_IDENT || kd == PP_JS_KEYWORD || kd == PP_JS_STRING || kd == PP_JS_NUMBER;
}

long pp_lower_class_body(const lw_t *w, long c) {
  long j = c + 1;
  if (pp_lower_kind(w, j, PP_JS_IDENT) && !is(w, j, "extends")) j++;
  if (is(w, j, "extends")) {
    for (j++; j < w->n - 1 && !is(w, j, "{"); j++) {
      if (is(w, j, ";") || is(w, j, "}") || is(w, j, ")") || is(w, j, "]")) return -1;
      if (is(w, j, "(") || is(w, j, "[") || pp_lower_kind(w, j, PP_JS_TEMPLATE_HEAD)) {
        long e = pp_lower_template_end(w, j);
        if (e <= j) return -1;
        j = e;
      }
    }
  }
  return is(w, j, "{") && w->match[j] > j ? j : -1;
}

/* A modifier word (static, get, set, async) followed by more of the member. */
static bool modifier(const lw_t *w, long j, const char *word) {
  return pp_lower_kind(w, j, PP_JS_IDENT) && is(w, j, word) && !is(w, j + 1, "(") &&
         !is(w, j + 1, "=") && !is(w, j + 1, ";") && !is(w, j + 1, "}") &&
         !w->t[j + 1].nl_before;
}

long pp_lower_class_member(const lw_t *w, long j, long close, lw_member_t *m) {
  memset(m, 0, sizeof(*m));
  m->first = j;
  m->key = m->paren = m->init = m->mod_static = m->mod_kind = m->unsupported_at = m->star = m->async_at = -1;
  m->unsupported_es = "ES2022";
  if (modifier(w, j, "static") || (is(w, j, "static") && is(w, j + 1, "{"))) m->mod_static = j++;
  if (is(w, j, "{")) { /* static block */
    m->key = m->key_end = j;
    m->unsupported = "class static block";
    m->unsupported_at = j;
    m->last = w->match[j] > j ? w->match[j] : j;
    return m->last + 1;
  }
  if (modifier(w, j, "get") || modifier(w, j, "set")) m->mod_kind = j++;
  while (j < close && (modifier(w, j, "async") || is(w, j, "*"))) {
    if (is(w, j, "*")) m->star = j;
    else m->async_at = j;
    j++;
  }
  if (m->star >= 0 && m->async_at >= 0) {
    m->unsupported = "async generator method";
    m->unsupported_es = "ES2018";
    m->unsupported_at = m->async_at;
  }
  if (is(w, j, "#")) {
    m->unsupported = "private name #";
    m->unsupported_at = m->key = j++;
  } else if (is(w, j, "[") && w->match[j] > j) {
    m->key = j;
    j = w->match[j];
  } else if (name_tok(w, j)) {
    m->key = j;
  } else {
    m->last = j;
    m->key = -1;
    return j + 1;
  }
  m->key_end = j;
  if (is(w, j + 1, "(") && w->match[j + 1] > j && is(w, w->match[j + 1] + 1, "{")) {
    m->paren = j + 1;
    long body = w->match[j + 1] + 1;
    m->last = w->match[body] > body ? w->match[body] : body;
    return m->last + 1;
  }
  m->last = j;
  if (is(w, j + 1, "=")) {
    m->init = j + 2;
    m->init_end = pp_lower_expr_end(w, j + 2, false);
    if (m->init_end < m->init) m->init_end = m->init = -1;
    else m->last = m->init_end;
  }
  if (is(w, m->last + 1, ";")) m->last++;
  return m->last + 1 > close ? close : m->last + 1;
}

bool pp_lower_class_next(const lw_t *w, long *j, long close, lw_member_t *m) {
  while (*j < close && is(w, *j, ";")) (*j)++;
  if (*j >= close) return false;
  long next = pp_lower_class_member(w, *j, close, m);
  *j = next > *j ? next : *j + 1;
  return true;
}

/* ---- the rewrite ------------------------------------------------------------ */

typedef struct cls {
  long c, body, close, heritage; /* heritage: first token after extends, or -1 */
  char name[128];                /* the constructor's name */
  char fields[32];               /* instance field function, "" = none */
  bool has_ctor;
} cls_t;

/* The key of member m as a JavaScript expression ("x" for an identifier). */
static void key_text(const lw_t *w, const lw_member_t *m, char *buf, size_t cap) {
  const pp_js_token_t *t = &w->t[m->key];
  if (t->kind == PP_JS_STRING || t->kind == PP_JS_NUMBER)
    snprintf(buf, cap, "%.*s", (int)t->len, w->src + t->off);
  else
    snprintf(buf, cap, "\"%.*s\"", (int)t->len, w->src + t->off);
}

static bool is_ctor(const lw_t *w, const lw_member_t *m) {
  return m->paren >= 0 && m->mod_static < 0 && m->mod_kind < 0 && m->key == m->key_end &&
         (is(w, m->key, "constructor") || (pp_lower_kind(w, m->key, PP_JS_STRING) &&
                                           w->t[m->key].len == 13 &&
                                           strncmp(w->src + w->t[m->key].off + 1, "constructor", 11) == 0));
}

/* Is the innermost class body around token k the one opened at body? */
static bool in_class(const lw_t *w, long k, long body) {
  for (long p = w->parent[k]; p >= 0; p = w->parent[p])
    if (w->fl[p] & LW_CLASS) return p == body;
  return false;
}

/* `super` in tokens [a, b] of this class. */
static void supers(lw_t *w, const cls_t *c, long a, long b, bool is_static, bool ctor) {
  for (long k = a; k <= b && k < w->n - 1; k++) {
    if (!is(w, k, "super") || !pp_lower_kind(w, k, PP_JS_KEYWORD) || !in_class(w, k, c->body))
      continue;
    if (c->heritage < 0) return pp_lower_unsupported(w, k, "super without extends", "ES2015");
    if (is(w, k + 1, "(") && ctor) {
      long cp = w->match[k + 1];
      pp_lower_repl(w, k, "__pp_sup.call");
      pp_lower_after(w, k + 1, k + 1, "this%s", is(w, k + 2, ")") ? "" : ", ");
      if (c->fields[0]) {
        pp_lower_before(w, k, cp, "(");
        pp_lower_after(w, cp, k, ", %s.call(this))", c->fields);
      }
      continue;
    }
    long end = -1; /* last token of super.x / super[x] when it is called */
    if (is(w, k + 1, ".") && is(w, k + 3, "(")) end = k + 2;
    else if (is(w, k + 1, "[") && is(w, w->match[k + 1] + 1, "(")) end = w->match[k + 1];
    if (!is(w, k + 1, ".") && !is(w, k + 1, "["))
      return pp_lower_unsupported(w, k, "super here", "ES2015");
    pp_lower_repl(w, k, is_static ? "__pp_sup" : "__pp_sup.prototype");
    if (end > 0) {
      pp_lower_after(w, end, end, ".call");
      pp_lower_after(w, end + 1, end + 1, "this%s", is(w, end + 2, ")") ? "" : ", ");
    }
  }
}

static void method(lw_t *w, const cls_t *c, const lw_member_t *m) {
  char target[160], key[160];
  snprintf(target, sizeof(target), "%s%s", c->name, m->mod_static >= 0 ? "" : ".prototype");
  if (m->mod_static >= 0) pp_lower_repl(w, m->mod_static, "");
  if (m->star >= 0) pp_lower_repl(w, m->star, "");
  if (m->async_at >= 0) pp_lower_repl(w, m->async_at, "");
  if (m->mod_kind >= 0) {
    pp_lower_before(w, m->first, m->last, "__pp_accessor(%s, ", target);
    pp_lower_repl(w, m->mod_kind, "");
  } else {
    pp_lower_before(w, m->first, m->last, "__pp_method(%s, ", target);
  }
  const char *kind = m->mod_kind < 0 ? "" : is(w, m->mod_kind, "get") ? ", \"get\"" : ", \"set\"";
  if (is(w, m->key, "[")) {
    pp_lower_repl(w, m->key, "");
    pp_lower_repl(w, m->key_end, "");
    pp_lower_after(w, m->key_end, m->key, "%s, function", kind);
  } else {
    key_text(w, m, key, sizeof(key));
    pp_lower_repl(w, m->key, key);
    pp_lower_after(w, m->key, m->key, "%s, function", kind);
  }
  pp_lower_after(w, m->last, m->first, ");");
  supers(w, c, m->paren, m->last, m->mod_static >= 0, false);
}

static void constructor(lw_t *w, const cls_t *c, const lw_member_t *m) {
  long body = w->match[m->paren] + 1;
  pp_lower_repl(w, m->key, "function");
  pp_lower_after(w, m->key, m->key, " %s", c->name);
  pp_lower_after(w, body, LONG_MAX - 1, "__pp_cnew(this, %s, \"%s\"); %s%s", c->name, c->name,
                 c->fields[0] && c->heritage < 0 ? c->fields : "",
                 c->fields[0] && c->heritage < 0 ? ".call(this); " : "");
  supers(w, c, m->paren, m->last, false, true);
}

static void instance_field(lw_t *w, const cls_t *c, const lw_member_t *m) {
  char key[160];
  if (is(w, m->key, "["))
    return pp_lower_unsupported(w, m->key, "computed name of an instance field", "ES2022");
  key_text(w, m, key, sizeof(key));
  pp_lower_delete(w, m->first, m->last);
  if (m->init < 0) {
    pp_lower_after(w, c->body, c->close, "__pp_field(this, %s, void 0); ", key);
    return;
  }
  pp_lower_after(w, c->body, c->close, "__pp_field(this, %s, (", key);
  pp_lower_move_after(w, c->body, c->close, m->init, m->init_end);
  pp_lower_after(w, c->body, c->close, ")); ");
  supers(w, c, m->init, m->init_end, false, false);
}

static void static_field(lw_t *w, const cls_t *c, const lw_member_t *m) {
  char key[160];
  pp_lower_repl(w, m->mod_static, "");
  if (is(w, m->key, "[")) {
    pp_lower_repl(w, m->key, "");
    pp_lower_repl(w, m->key_end, "");
    pp_lower_before(w, m->key, m->last, "__pp_field(%s, ", c->name);
  } else {
    key_text(w, m, key, sizeof(key));
    pp_lower_repl(w, m->key, key);
    pp_lower_before(w, m->key, m->last, "__pp_field(%s, ", c->name);
  }
  if (m->init < 0) {
    pp_lower_after(w, m->key_end, m->first, ", void 0);");
    return;
  }
  pp_lower_repl(w, m->init - 1, ", (");
  pp_lower_after(w, m->init_end, m->first, "));");
  supers(w, c, m->init, m->init_end, true, false);
}

/* First pass over the members: the constructor, instance fields, errors. */
static void survey(lw_t *w, cls_t *c) {
  lw_member_t m;
  for (long j = c->body + 1; !w->failed && pp_lower_class_next(w, &j, c->close, &m);) {
    if (m.unsupported)
      return pp_lower_unsupported(w, m.unsupported_at, m.unsupported, m.unsupported_es);
    if (m.key < 0) return pp_lower_unsupported(w, m.first, "class member", "ES2015");
    if (is_ctor(w, &m)) c->has_ctor = true;
    if (m.paren < 0 && m.mod_static < 0) snprintf(c->fields, sizeof(c->fields), "__pp_f%ld", c->c);
  }
}

static void header(lw_t *w, const cls_t *c) {
  long b = c->body, key = c->close;
  if (!c->has_ctor) {
    pp_lower_after(w, b, key, " function %s() { __pp_cnew(this, %s, \"%s\"); %s%s%s}", c->name,
                   c->name, c->name, c->heritage >= 0 ? "__pp_sup.apply(this, arguments); " : "",
                   c->fields[0] ? c->fields : "", c->fields[0] ? ".call(this); " : "");
  }
  if (c->heritage >= 0) pp_lower_after(w, b, key, " __pp_extends(%s, __pp_sup);", c->name);
  /* __pp_this: what an initializer's `this` becomes inside an arrow function
   * around the class (lower_scope.c), and what its own arrows read. */
  if (c->fields[0])
    pp_lower_after(w, b, key, " function %s() { var __pp_this = this; ", c->fields);
}

static void members(lw_t *w, const cls_t *c) {
  lw_member_t m;
  for (long j = c->body + 1; !w->failed && pp_lower_class_next(w, &j, c->close, &m);) {
    if (is_ctor(w, &m)) constructor(w, c, &m);
    else if (m.paren >= 0) method(w, c, &m);
    else if (m.mod_static >= 0) static_field(w, c, &m);
    else instance_field(w, c, &m);
  }
  if (c->fields[0]) pp_lower_after(w, c->body, c->close, "} ");
}

static bool is_expression(const lw_t *w, long c) {
  long p = c - 1;
  if (p < 0) return false;
  if (pp_lower_is_assign(w, p)) return true;
  if (pp_lower_kind(w, p, PP_JS_KEYWORD))
    return is(w, p, "return") || is(w, p, "typeof") || is(w, p, "void") || is(w, p, "throw") ||
           is(w, p, "new") || is(w, p, "yield") || is(w, p, "in") || is(w, p, "instanceof");
  static const char *const ops[] = {"(", ",", ":", "?", "[", "=>", "||", "&&", "??", "!",
                                    "+", "-", "==", "===", "!=", "!==", NULL};
  for (size_t i = 0; ops[i]; i++)
    if (is(w, p, ops[i])) return true;
  return false;
}

void pp_lower_class(lw_t *w, long k) {
  cls_t c = {k, pp_lower_class_body(w, k), -1, -1, "", "", false};
  if (c.body < 0 || !(w->fl[c.body] & LW_CLASS)) return; /* Duktape reports it */
  c.close = w->match[c.body];
  long name = pp_lower_kind(w, k + 1, PP_JS_IDENT) && !is(w, k + 1, "extends") ? k + 1 : -1;
  long ext = is(w, (name >= 0 ? name : k) + 1, "extends") ? (name >= 0 ? name : k) + 1 : -1;
  if (ext >= 0) c.heritage = ext + 1;
  if (name >= 0) pp_lower_name(w, name, c.name, sizeof(c.name));
  else snprintf(c.name, sizeof(c.name), "__pp_c%ld", k);
  survey(w, &c);
  if (w->failed) return;
  pp_lower_used(w, k, LWF_CLASS, "class", "ES2015");
  bool expr = is_expression(w, k);
  char open[200];
  if (expr) snprintf(open, sizeof(open), "(function (%s) {", ext >= 0 ? "__pp_sup" : "");
  else snprintf(open, sizeof(open), "var %s = (function (%s) {", c.name, ext >= 0 ? "__pp_sup" : "");
  pp_lower_repl(w, k, open);
  if (name >= 0) pp_lower_repl(w, name, "");
  if (ext >= 0) pp_lower_repl(w, ext, "");
  pp_lower_repl(w, c.body, "");
  header(w, &c);
  members(w, &c);
  char tail[200];
  snprintf(tail, sizeof(tail), " return %s; })(", c.name);
  pp_lower_repl(w, c.close, tail);
  if (ext >= 0) pp_lower_move_after(w, c.close, k, ext + 1, c.body - 1);
  pp_lower_after(w, c.close, k, ")%s", expr ? "" : ";");
}
