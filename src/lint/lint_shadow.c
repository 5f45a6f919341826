/* SPDX-License-Identifier: MIT */
/*
 * Rules that can never fire (docs/lint.md#shadowed): in one function, an
 * `if (A || B ...) return ...;` statement of the function body returns for
 * every host A matches, so a later condition that needs a host A covers
 * (the same test, `*.example.com` before `a.example.com`, dnsDomainIs
 * after a broader shExpMatch) is never true. Only literal tests of the
 * host or url parameter are compared: shExpMatch, dnsDomainIs,
 * isPlainHostName and `==`; patterns with regular-expression syntax are
 * not judged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"

typedef struct matcher {
  size_t at;      /* first token */
  size_t param;   /* token of the parameter tested */
  char *glob;     /* shExpMatch glob the test equals; NULL for isPlainHostName */
  int line;       /* of the earlier statement (for the message) */
  char text[160]; /* the test as written, for the message */
} matcher_t;

#define MAX_EARLIER 256

/* shExpMatch semantics (* any run, ? one character) on plain strings. */
static bool glob_match(const char *g, const char *s) {
  if (!*g) return !*s;
  if (*g == '*') return glob_match(g + 1, s) || (*s && glob_match(g, s + 1));
  return *s && (*g == '?' || *g == *s) && glob_match(g + 1, s + 1);
}

static bool covers(const matcher_t *a, const matcher_t *b, const pp_lint_ctx_t *c) {
  const pp_js_token_t *pa = &c->tok[a->param], *pb = &c->tok[b->param];
  if (pa->len != pb->len || memcmp(c->src + pa->off, c->src + pb->off, pa->len) != 0) return false;
  if (!a->glob || !b->glob) return !a->glob && !b->glob;
  if (strcmp(a->glob, b->glob) == 0) return true;
  if (!strpbrk(b->glob, "*?")) return glob_match(a->glob, b->glob);
  if (a->glob[0] != '*' || strpbrk(a->glob + 1, "*?")) return false;
  const char *tail = b->glob + strlen(b->glob);
  while (tail > b->glob && tail[-1] != '*' && tail[-1] != '?') tail--;
  size_t ts = strlen(tail), as = strlen(a->glob + 1);
  return ts >= as && strcmp(tail + ts - as, a->glob + 1) == 0;
}

static void describe(pp_lint_ctx_t *c, size_t start, size_t end, matcher_t *m) {
  size_t from = c->tok[start].off, to = c->tok[end - 1].off + c->tok[end - 1].len;
  snprintf(m->text, sizeof(m->text), "%.*s", (int)(to - from < 150 ? to - from : 150), c->src + from);
}

/* Tokens [start, end) are one literal test of the host or url parameter. */
static bool parse_matcher(pp_lint_ctx_t *c, size_t start, size_t end, matcher_t *m) {
  while (end - start >= 2 && pp_lint_is(c, start, "(") && c->match[start] == end - 1) {
    start++;
    end--;
  }
  memset(m, 0, sizeof(*m));
  m->at = start;
  pp_lint_call_t call;
  if (pp_lint_call_at(c, start, &call) && call.close == end - 1) {
    size_t p = call.arg_start[0];
    bool param = call.argc >= 1 && call.arg_end[0] == p + 1 &&
                 (pp_lint_is_ident(c, p, c->host_param) || pp_lint_is_ident(c, p, c->url_param));
    if (!param) return false;
    m->param = p;
    if (pp_lint_is_ident(c, start, "isPlainHostName") && call.argc == 1) {
      describe(c, start, end, m);
      return true;
    }
    bool shexp = pp_lint_is_ident(c, start, "shExpMatch"), dom = pp_lint_is_ident(c, start, "dnsDomainIs");
    if ((!shexp && !dom) || call.argc != 2) return false;
    char *v = pp_lint_arg_string(c, &call, 1);
    if (!v) return false;
    if ((shexp && strpbrk(v, "()|[]+^${}\\")) || (dom && strpbrk(v, "*?"))) {
      free(v);
      return false;
    }
    if (dom) {
      m->glob = malloc(strlen(v) + 2);
      if (m->glob) snprintf(m->glob, strlen(v) + 2, "*%s", v);
      free(v);
    } else {
      m->glob = v;
    }
    describe(c, start, end, m);
    return m->glob != NULL;
  }
  if (end - start != 3 || (!pp_lint_is(c, start + 1, "==") && !pp_lint_is(c, start + 1, "===")))
    return false;
  size_t p = pp_lint_is_ident(c, start, c->host_param) ? start : start + 2;
  size_t lit = p == start ? start + 2 : start;
  if (!pp_lint_is_ident(c, p, c->host_param) || c->tok[lit].kind != PP_JS_STRING) return false;
  m->param = p;
  m->glob = pp_lint_string_value(c, lit, lit + 1);
  if (!m->glob || strpbrk(m->glob, "*?")) {
    free(m->glob);
    return false;
  }
  describe(c, start, end, m);
  return true;
}

/* Splits [start, end) at top-level `op` tokens; calls fn on each part. */
typedef void (*part_fn)(pp_lint_ctx_t *c, size_t start, size_t end, void *arg);
static void split(pp_lint_ctx_t *c, size_t start, size_t end, const char *op, part_fn fn, void *arg) {
  size_t from = start;
  for (size_t k = start; k <= end; k++) {
    if (k < end && c->match[k] != PP_LINT_NO_MATCH && c->match[k] > k && c->match[k] < end) {
      k = c->match[k];
      continue;
    }
    if (k == end || pp_lint_is(c, k, op)) {
      if (k > from) fn(c, from, k, arg);
      from = k + 1;
    }
  }
}

typedef struct shadow_state {
  matcher_t earlier[MAX_EARLIER];
  size_t n;
  size_t cond_end;   /* the condition being read */
  int line;
  bool returns;
} shadow_state_t;

static void free_matchers(shadow_state_t *s) {
  for (size_t i = 0; i < s->n; i++) free(s->earlier[i].glob);
  s->n = 0;
}

static void check_conjunct(pp_lint_ctx_t *c, size_t start, size_t end, void *arg) {
  shadow_state_t *s = arg;
  matcher_t m;
  if (!parse_matcher(c, start, end, &m)) return;
  for (size_t i = 0; i < s->n; i++) {
    if (!covers(&s->earlier[i], &m, c)) continue;
    bool same = s->earlier[i].glob && m.glob ? strcmp(s->earlier[i].glob, m.glob) == 0
                                             : !s->earlier[i].glob && !m.glob;
    pp_lint_at(c, m.at, PP_LINT_WARNING, "shadowed",
               "%s can never be true here: %s on line %d returns first for every such %s%s", m.text,
               s->earlier[i].text, s->earlier[i].line,
               pp_lint_is_ident(c, m.param, c->url_param) ? "URL" : "host",
               same ? " (the same test)" : "");
    break;
  }
  free(m.glob);
}

static void check_disjunct(pp_lint_ctx_t *c, size_t start, size_t end, void *arg) {
  split(c, start, end, "&&", check_conjunct, arg);
}

static void record_disjunct(pp_lint_ctx_t *c, size_t start, size_t end, void *arg) {
  shadow_state_t *s = arg;
  matcher_t m;
  if (s->n == MAX_EARLIER || !parse_matcher(c, start, end, &m)) return;
  m.line = s->line;
  s->earlier[s->n++] = m;
}

/* The statements of one function body: every `if` condition is checked
 * against what the earlier body-level `if (...) return` statements took. */
static void check_body(pp_lint_ctx_t *c, size_t body, shadow_state_t *s) {
  size_t end = c->match[body];
  int depth = 0; /* brackets open inside the body before token k */
  for (size_t k = body + 1; k < end && !c->oom; k++) {
    if (pp_lint_is(c, k, "{") || pp_lint_is(c, k, "(") || pp_lint_is(c, k, "[")) depth++;
    else if (pp_lint_is(c, k, "}") || pp_lint_is(c, k, ")") || pp_lint_is(c, k, "]")) depth--;
    if (c->fnbody[k] != body || !pp_lint_is(c, k, "if") || !pp_lint_is(c, k + 1, "(")) continue;
    size_t m = c->match[k + 1];
    if (m == PP_LINT_NO_MATCH) continue;
    split(c, k + 2, m, "||", check_disjunct, s);
    bool returns = pp_lint_is(c, m + 1, "return") ||
                   (pp_lint_is(c, m + 1, "{") && pp_lint_is(c, m + 2, "return"));
    if (depth == 0 && returns) {
      s->line = c->tok[k].line;
      split(c, k + 2, m, "||", record_disjunct, s);
    }
  }
}

void pp_lint_check_shadowed(pp_lint_ctx_t *c) {
  shadow_state_t *s = calloc(1, sizeof(*s));
  if (!s) {
    c->oom = true;
    return;
  }
  for (size_t k = 0; k < c->ntok && !c->oom; k++) {
    if (c->fnbody[k] != k || c->match[k] == PP_LINT_NO_MATCH) continue;
    check_body(c, k, s);
    free_matchers(s);
  }
  free(s);
}
