/* SPDX-License-Identifier: MIT */
/*
 * Lint checks on return statements (docs/lint.md): literal result strings
 * judged with the client's result grammar (result.c, pac-semantics.md §6),
 * non-ASCII results (§5), results whose meaning differs between the
 * browsers, and code that can never run after return/throw/break/continue
 * in the same block, including a `return` cut short by automatic semicolon
 * insertion (ECMAScript 5.1 §7.9, restricted productions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"
#include "util/str.h"

/* ---- result strings ---------------------------------------------------------- */

static void join_invalid(const pp_result_t *r, char *out, size_t outlen) {
  out[0] = '\0';
  for (size_t i = 0; i < r->ninvalid; i++) {
    size_t used = strlen(out);
    snprintf(out + used, outlen - used, "%s'%s'", i ? ", " : "", r->invalid[i]);
  }
}

/* The browsers (other than the chosen mode) that drop entries of `value`. */
static bool other_browsers_drop(pp_lint_ctx_t *c, const char *value, char *out, size_t outlen) {
  static const pp_emulation_t browsers[] = {PP_EMU_CHROME, PP_EMU_FIREFOX, PP_EMU_WINHTTP};
  out[0] = '\0';
  for (size_t i = 0; i < 3; i++) {
    if (browsers[i] == c->mode) continue;
    pp_result_t r;
    memset(&r, 0, sizeof(r));
    if (pp_result_parse(value, browsers[i], &r) != PP_OK) {
      c->oom = true;
      return false;
    }
    if (r.ninvalid > 0) {
      char inv[256];
      join_invalid(&r, inv, sizeof(inv));
      size_t used = strlen(out);
      snprintf(out + used, outlen - used, "%s%s drops %s", used ? ", " : "",
               pp_emulation_name(browsers[i]), inv);
    }
    pp_result_clear(&r);
  }
  return out[0] != '\0';
}

void pp_lint_check_result_string(pp_lint_ctx_t *c, size_t tok, const char *value) {
  char what[96];
  if (pp_lint_placeholder(value, what, sizeof(what))) {
    pp_lint_at(c, tok, PP_LINT_WARNING, "placeholder",
               "result \"%s\" holds the unfilled template placeholder '%s': no proxy is called "
               "that",
               value, what);
    return;
  }
  for (const unsigned char *s = (const unsigned char *)value; *s; s++) {
    if (*s >= 0x80) {
      pp_lint_at(c, tok, PP_LINT_WARNING, "non-ascii-result",
                 "result \"%s\" contains non-ASCII characters: chrome treats a non-ASCII result "
                 "as a failed script and goes DIRECT",
                 value);
      return;
    }
  }
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  if (pp_result_parse(value, c->mode, &r) != PP_OK) {
    c->oom = true;
    return;
  }
  char msg[512];
  if (r.ninvalid > 0) {
    join_invalid(&r, msg, sizeof(msg));
    pp_lint_at(c, tok, PP_LINT_ERROR, "bad-result",
               "result \"%s\" is not valid PAC grammar in %s: %s %s dropped (a browser uses \"%s\")",
               value, pp_emulation_name(c->mode), msg, r.ninvalid == 1 ? "is" : "are", r.canonical);
  } else if (other_browsers_drop(c, value, msg, sizeof(msg))) {
    pp_lint_at(c, tok, PP_LINT_WARNING, "mode-difference",
               "result \"%s\" is valid in %s but %s", value, pp_emulation_name(c->mode), msg);
  }
  pp_result_clear(&r);
}

/* ---- where a statement ends ---------------------------------------------- */

static bool ends_operand(const pp_lint_ctx_t *c, size_t i) {
  pp_js_kind_t k = c->tok[i].kind;
  if (k == PP_JS_IDENT || k == PP_JS_NUMBER || k == PP_JS_STRING || k == PP_JS_TEMPLATE ||
      k == PP_JS_TEMPLATE_TAIL || k == PP_JS_REGEX)
    return true;
  return pp_lint_is(c, i, ")") || pp_lint_is(c, i, "]") || pp_lint_is(c, i, "}") ||
         pp_lint_is(c, i, "this") || pp_lint_is(c, i, "null") || pp_lint_is(c, i, "true") ||
         pp_lint_is(c, i, "false") || pp_lint_is(c, i, "++") || pp_lint_is(c, i, "--");
}

static bool starts_statement(const pp_lint_ctx_t *c, size_t i) {
  pp_js_kind_t k = c->tok[i].kind;
  if (k == PP_JS_KEYWORD) return !pp_lint_is(c, i, "in") && !pp_lint_is(c, i, "instanceof");
  return k == PP_JS_IDENT || k == PP_JS_NUMBER || k == PP_JS_STRING || k == PP_JS_TEMPLATE ||
         pp_lint_is(c, i, "{") || pp_lint_is(c, i, "++") || pp_lint_is(c, i, "--");
}

/* End of the expression that starts at `start`: index of the terminating
 * ';' (*semi true), or of the first token of the next statement or the
 * enclosing '}' / ')' / EOF (*semi false). */
static size_t expr_end(const pp_lint_ctx_t *c, size_t start, bool *semi) {
  *semi = false;
  for (size_t k = start; k < c->ntok; k++) {
    if (c->tok[k].kind == PP_JS_EOF) return k;
    if (pp_lint_is(c, k, ";")) {
      *semi = true;
      return k;
    }
    if (pp_lint_is(c, k, "}") || pp_lint_is(c, k, ")") || pp_lint_is(c, k, "]")) return k;
    if (k > start && c->tok[k].nl_before && ends_operand(c, k - 1) && starts_statement(c, k))
      return k;
    if (c->match[k] != PP_LINT_NO_MATCH && c->match[k] > k) k = c->match[k];
  }
  return c->ntok - 1;
}

/* ---- literal results of one return expression ------------------------------ */

/* `var NAME = "literal"` (or NAME = ...) when NAME is assigned exactly once:
 * index of the literal's first token and its end, else false. */
static bool single_literal_assignment(const pp_lint_ctx_t *c, size_t name, size_t *lit, size_t *end) {
  size_t found = 0;
  for (size_t k = 0; k + 1 < c->ntok; k++) {
    if (c->tok[k].kind != PP_JS_IDENT || c->tok[k].len != c->tok[name].len ||
        memcmp(c->src + c->tok[k].off, c->src + c->tok[name].off, c->tok[k].len) != 0)
      continue;
    if (k > 0 && pp_lint_is(c, k - 1, ".")) continue;
    if (pp_lint_is(c, k + 1, "=")) {
      if (found++) return false;
      *lit = k + 2;
    } else if (pp_lint_is(c, k + 1, "+=") || pp_lint_is(c, k + 1, "++") ||
               (k > 0 && pp_lint_is(c, k - 1, "++"))) {
      return false;
    }
  }
  if (found != 1) return false;
  bool semi;
  *end = expr_end(c, *lit, &semi);
  for (size_t k = *lit; k < *end; k++)
    if (pp_lint_is(c, k, ",")) *end = k;
  return true;
}

typedef struct seen {
  size_t tok[256];
  size_t n;
} seen_t;

static void check_segment(pp_lint_ctx_t *c, size_t s, size_t e, seen_t *seen) {
  size_t lit = s, end = e;
  if (e == s + 1 && c->tok[s].kind == PP_JS_IDENT && !single_literal_assignment(c, s, &lit, &end))
    return;
  for (size_t i = 0; i < seen->n; i++)
    if (seen->tok[i] == lit) return;
  char *v = pp_lint_string_value(c, lit, end);
  if (!v) return;
  if (seen->n < sizeof(seen->tok) / sizeof(seen->tok[0])) seen->tok[seen->n++] = lit;
  pp_lint_check_result_string(c, lit, v);
  free(v);
}

/* Splits at top-level ?, :, || and && and judges every piece that is a
 * literal (or a variable holding one): the values the function may return. */
static void check_return_value(pp_lint_ctx_t *c, size_t start, size_t end, seen_t *seen) {
  size_t s = start;
  for (size_t k = start; k <= end; k++) {
    if (k < end && c->match[k] != PP_LINT_NO_MATCH && c->match[k] > k) {
      k = c->match[k];
      continue;
    }
    if (k == end || pp_lint_is(c, k, "?") || pp_lint_is(c, k, ":") || pp_lint_is(c, k, "||") ||
        pp_lint_is(c, k, "&&")) {
      if (k > s) check_segment(c, s, k, seen);
      s = k + 1;
    }
  }
}

/* ---- unreachable code -------------------------------------------------------- */

static bool in_block(const pp_lint_ctx_t *c, size_t i) {
  return i == 0 || pp_lint_is(c, i - 1, "{") || pp_lint_is(c, i - 1, "}") ||
         pp_lint_is(c, i - 1, ";") || pp_lint_is(c, i - 1, ":");
}

/* The statement after a jump at `i` whose own statement ends at `next`. */
static void check_after_jump(pp_lint_ctx_t *c, size_t i, size_t next) {
  while (pp_lint_is(c, next, ";")) next++;
  while (pp_lint_is(c, next, "function") && pp_lint_is_ident(c, next + 1, NULL) &&
         pp_lint_is(c, next + 2, "(") && c->match[next + 2] != PP_LINT_NO_MATCH &&
         pp_lint_is(c, c->match[next + 2] + 1, "{") &&
         c->match[c->match[next + 2] + 1] != PP_LINT_NO_MATCH)
    next = c->match[c->match[next + 2] + 1] + 1; /* declarations are hoisted */
  if (next >= c->ntok || c->tok[next].kind == PP_JS_EOF || pp_lint_is(c, next, "}") ||
      pp_lint_is(c, next, "case") || pp_lint_is(c, next, "default"))
    return;
  char *kw = pp_lint_text(c, i);
  pp_lint_at(c, next, PP_LINT_WARNING, "unreachable", "unreachable code after '%s' on line %d",
             kw ? kw : "return", c->tok[i].line);
  free(kw);
}

static void check_jump(pp_lint_ctx_t *c, size_t i, seen_t *seen) {
  bool is_return = pp_lint_is(c, i, "return");
  size_t v = i + 1;
  bool empty = pp_lint_is(c, v, ";") || pp_lint_is(c, v, "}") || c->tok[v].kind == PP_JS_EOF ||
               c->tok[v].nl_before;
  if (is_return && empty && c->tok[v].nl_before && in_block(c, i) && starts_statement(c, v) &&
      !pp_lint_is(c, v, "}") && c->tok[v].kind != PP_JS_KEYWORD) {
    pp_lint_at(c, v, PP_LINT_WARNING, "unreachable",
               "'return' followed by a line break returns undefined (automatic semicolon "
               "insertion): this value on line %d is never returned",
               c->tok[v].line);
    return;
  }
  bool semi = false;
  size_t end = empty ? v : expr_end(c, v, &semi);
  if (empty && pp_lint_is(c, v, ";")) semi = true;
  if (is_return && !empty) check_return_value(c, v, end, seen);
  if (in_block(c, i)) check_after_jump(c, i, semi ? end + 1 : end);
}

void pp_lint_check_returns(pp_lint_ctx_t *c) {
  seen_t seen;
  seen.n = 0;
  for (size_t i = 0; i < c->ntok && !c->oom; i++) {
    if (pp_lint_is(c, i, "return") || pp_lint_is(c, i, "throw") || pp_lint_is(c, i, "break") ||
        pp_lint_is(c, i, "continue"))
      if (c->tok[i].kind == PP_JS_KEYWORD) check_jump(c, i, &seen);
  }
}
