/* SPDX-License-Identifier: MIT */
/*
 * The token view every lint check reads: significant tokens and comments
 * from the tokenizer (jslex.c, which owns the lexical grammar), matching
 * brackets, the names the script declares, call sites with argument
 * ranges, and string literals decoded. No syntax tree: the checks only ever
 * look at calls and return statements, which tokens describe well enough.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"
#include "util/str.h"

/* ---- tokens --------------------------------------------------------------- */

bool pp_lint_is(const pp_lint_ctx_t *c, size_t i, const char *text) {
  return i < c->ntok && c->tok[i].kind != PP_JS_EOF && pp_js_tok_is(&c->tok[i], c->src, text);
}

bool pp_lint_is_ident(const pp_lint_ctx_t *c, size_t i, const char *text) {
  if (i >= c->ntok || c->tok[i].kind != PP_JS_IDENT) return false;
  return !text || pp_js_tok_is(&c->tok[i], c->src, text);
}

char *pp_lint_text(pp_lint_ctx_t *c, size_t i) {
  char *s = pp_strndup(c->src + c->tok[i].off, c->tok[i].len);
  if (!s) c->oom = true;
  return s;
}

static bool in_list(char *const *list, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], name) == 0) return true;
  return false;
}

bool pp_lint_declared(const pp_lint_ctx_t *c, const char *name) {
  return in_list(c->decl, c->ndecl, name);
}

bool pp_lint_guarded(const pp_lint_ctx_t *c, const char *name) {
  return in_list(c->guarded, c->nguarded, name);
}

static void add_name(pp_lint_ctx_t *c, char ***list, size_t *n, size_t i) {
  char *s = pp_lint_text(c, i);
  if (s && !in_list(*list, *n, s) && !pp_strlist_push(list, n, s)) c->oom = true;
  free(s);
}

/* ---- indexing --------------------------------------------------------------- */

static pp_status_t split_tokens(pp_lint_ctx_t *c, pp_js_token_t *all, size_t n) {
  c->tok = malloc(n * sizeof(*c->tok));
  c->com = malloc(n * sizeof(*c->com));
  c->match = malloc(n * sizeof(*c->match));
  if (!c->tok || !c->com || !c->match) return PP_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    if (all[i].kind == PP_JS_COMMENT) c->com[c->ncom++] = all[i];
    else c->tok[c->ntok++] = all[i];
  }
  return PP_OK;
}

static void match_brackets(pp_lint_ctx_t *c) {
  size_t stack[PP_JS_MAX_NEST + 1];
  size_t depth = 0;
  static const char *const open = "([{", *const close = ")]}";
  for (size_t i = 0; i < c->ntok; i++) {
    c->match[i] = PP_LINT_NO_MATCH;
    if (c->tok[i].kind != PP_JS_PUNCT || c->tok[i].len != 1) continue;
    char ch = c->src[c->tok[i].off];
    if (strchr(open, ch)) {
      if (depth < PP_JS_MAX_NEST) stack[depth++] = i;
    } else if (strchr(close, ch) && depth > 0) {
      size_t o = stack[--depth];
      if (strchr(open, c->src[c->tok[o].off]) - open == strchr(close, ch) - close) {
        c->match[o] = i;
        c->match[i] = o;
      }
    }
  }
}

/* `function NAME? ( params )` and `catch ( e )`: the parameters are names. */
static void declare_params(pp_lint_ctx_t *c, size_t open) {
  size_t end = c->match[open];
  if (end == PP_LINT_NO_MATCH) return;
  for (size_t k = open + 1; k < end; k++)
    if (c->tok[k].kind == PP_JS_IDENT && (k == open + 1 || pp_lint_is(c, k - 1, ",")))
      add_name(c, &c->decl, &c->ndecl, k);
}

/* `var a = 1, b, c = f(x, y);` — names after commas at the statement's own
 * bracket depth. */
static void declare_var_list(pp_lint_ctx_t *c, size_t i) {
  for (size_t k = i + 1; k < c->ntok; k++) {
    if (c->match[k] != PP_LINT_NO_MATCH && c->match[k] > k) {
      k = c->match[k];
      continue;
    }
    if (pp_lint_is(c, k, ";") || pp_lint_is(c, k, ")") || pp_lint_is(c, k, "}") ||
        c->tok[k].kind == PP_JS_KEYWORD || c->tok[k].kind == PP_JS_EOF)
      return;
    if (c->tok[k].kind == PP_JS_IDENT && pp_lint_is(c, k - 1, ","))
      add_name(c, &c->decl, &c->ndecl, k);
  }
}

static void note_find_proxy_params(pp_lint_ctx_t *c, size_t open) {
  size_t end = c->match[open];
  if (end == PP_LINT_NO_MATCH || c->url_param) return;
  if (end > open + 1 && c->tok[open + 1].kind == PP_JS_IDENT) c->url_param = pp_lint_text(c, open + 1);
  if (end > open + 3 && pp_lint_is(c, open + 2, ",") && c->tok[open + 3].kind == PP_JS_IDENT)
    c->host_param = pp_lint_text(c, open + 3);
}

static void scan_ident(pp_lint_ctx_t *c, size_t i) {
  bool after_dot = i > 0 && pp_lint_is(c, i - 1, ".");
  if (i > 0 && (pp_lint_is(c, i - 1, "var") || pp_lint_is(c, i - 1, "let") ||
                pp_lint_is(c, i - 1, "const") || pp_lint_is(c, i - 1, "function") ||
                pp_lint_is(c, i - 1, "class") ||
                (i > 1 && pp_lint_is(c, i - 1, "*") && pp_lint_is(c, i - 2, "function")))) {
    add_name(c, &c->decl, &c->ndecl, i);
    if (!pp_lint_is(c, i - 1, "function") && !pp_lint_is(c, i - 1, "class") &&
        !pp_lint_is(c, i - 1, "*"))
      declare_var_list(c, i);
  }
  /* assignment to a global, or to this.NAME (a global at top level) */
  bool assigns = pp_lint_is(c, i + 1, "=") || pp_lint_is(c, i + 1, "?\?=") ||
                 pp_lint_is(c, i + 1, "||=") || pp_lint_is(c, i + 1, "&&=");
  if (assigns && (!after_dot || (i > 1 && pp_lint_is(c, i - 2, "this"))))
    add_name(c, &c->decl, &c->ndecl, i);
  if (i > 0 && pp_lint_is(c, i - 1, "typeof")) add_name(c, &c->guarded, &c->nguarded, i);
  if (pp_lint_is(c, i, "eval") && !after_dot) c->dynamic_names = true;
  if ((pp_lint_is(c, i, "FindProxyForURL") || pp_lint_is(c, i, "FindProxyForURLEx")) &&
      !after_dot) {
    size_t open = pp_lint_is(c, i + 1, "(") ? i + 1 : PP_LINT_NO_MATCH;
    if (pp_lint_is(c, i + 1, "=") && pp_lint_is(c, i + 2, "function") && pp_lint_is(c, i + 3, "("))
      open = i + 3;
    if (open != PP_LINT_NO_MATCH && i > 0 && pp_lint_is(c, i - 1, "function"))
      note_find_proxy_params(c, open);
    else if (open == i + 3)
      note_find_proxy_params(c, open);
  }
}

static void collect_names(pp_lint_ctx_t *c) {
  for (size_t i = 0; i < c->ntok && !c->oom; i++) {
    const pp_js_token_t *t = &c->tok[i];
    if (t->kind == PP_JS_IDENT) scan_ident(c, i);
    if (pp_lint_is(c, i, "with")) c->dynamic_names = true;
    if (pp_lint_is(c, i, "this") && pp_lint_is(c, i + 1, "[")) c->dynamic_names = true;
    if ((pp_lint_is(c, i, "function") || pp_lint_is(c, i, "catch")) && i + 1 < c->ntok) {
      size_t open = i + 1 + (pp_lint_is(c, i + 1, "*") ? 1 : 0); /* function* g( */
      if (!pp_lint_is(c, open, "(")) open++;
      if (pp_lint_is(c, open, "(")) declare_params(c, open);
    }
    if (pp_lint_is(c, i, "=>") && i > 0) { /* an arrow's parameters: x => …, (a, b) => … */
      if (c->tok[i - 1].kind == PP_JS_IDENT) add_name(c, &c->decl, &c->ndecl, i - 1);
      else if (pp_lint_is(c, i - 1, ")") && c->match[i - 1] != PP_LINT_NO_MATCH)
        declare_params(c, c->match[i - 1]);
    }
  }
}

pp_status_t pp_lint_ctx_init(pp_lint_ctx_t *c, const char *src, size_t len, const char *name,
                             pp_emulation_t mode, pp_lint_report_t *rep, pp_js_error_t *lexerr) {
  memset(c, 0, sizeof(*c));
  c->src = src;
  c->len = len;
  c->name = name;
  c->mode = mode;
  c->rep = rep;
  pp_js_token_t *all = NULL;
  size_t n = 0;
  pp_status_t st = pp_js_tokenize(src, len, PP_JS_KEEP_COMMENTS, &all, &n, lexerr);
  if (st != PP_OK) goto done;
  if ((st = split_tokens(c, all, n)) != PP_OK) goto done;
  match_brackets(c);
  if ((st = pp_lint_index_functions(c)) != PP_OK) goto done;
  collect_names(c);
  if (!c->host_param) c->host_param = pp_strndup("host", 4);
  if (!c->url_param) c->url_param = pp_strndup("url", 3);
  if (c->oom || !c->host_param || !c->url_param) st = PP_ENOMEM;
done:
  free(all);
  return st;
}

void pp_lint_ctx_free(pp_lint_ctx_t *c) {
  free(c->tok);
  free(c->com);
  free(c->match);
  free(c->fnbody);
  pp_strlist_free(c->decl, c->ndecl);
  pp_strlist_free(c->guarded, c->nguarded);
  free(c->url_param);
  free(c->host_param);
  memset(c, 0, sizeof(*c));
}

/* ---- calls ---------------------------------------------------------------- */

bool pp_lint_call_at(const pp_lint_ctx_t *c, size_t i, pp_lint_call_t *call) {
  if (!pp_lint_is_ident(c, i, NULL) || !pp_lint_is(c, i + 1, "(")) return false;
  if (i > 0 && (pp_lint_is(c, i - 1, ".") || pp_lint_is(c, i - 1, "?.") ||
                pp_lint_is(c, i - 1, "function")))
    return false;
  size_t close = c->match[i + 1];
  if (close == PP_LINT_NO_MATCH) return false;
  if (pp_lint_is(c, close + 1, "{")) return false; /* a method or getter: `get a() {` */
  if (pp_lint_is(c, close + 1, "=>")) return false; /* `async (x) => …` */
  memset(call, 0, sizeof(*call));
  call->callee = i;
  call->open = i + 1;
  call->close = close;
  size_t start = i + 2;
  for (size_t k = i + 2; k <= close; k++) {
    if (k < close && c->match[k] != PP_LINT_NO_MATCH && c->match[k] > k) {
      k = c->match[k];
      continue;
    }
    if (k == close || pp_lint_is(c, k, ",")) {
      if (k == close && start == close && call->argc == 0) break; /* f() */
      if (call->argc < PP_LINT_MAX_ARGS) {
        call->arg_start[call->argc] = start;
        call->arg_end[call->argc] = k;
      }
      call->argc++;
      start = k + 1;
    }
  }
  return true;
}

bool pp_lint_arg_is_ident(const pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k,
                          const char *name) {
  if (k >= call->argc || k >= PP_LINT_MAX_ARGS) return false;
  return call->arg_end[k] == call->arg_start[k] + 1 &&
         pp_lint_is_ident(c, call->arg_start[k], name);
}

bool pp_lint_arg_number(const pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k, double *v) {
  if (k >= call->argc || k >= PP_LINT_MAX_ARGS) return false;
  size_t s = call->arg_start[k];
  if (call->arg_end[k] != s + 1 || c->tok[s].kind != PP_JS_NUMBER) return false;
  char buf[64];
  if (c->tok[s].len >= sizeof(buf)) return false;
  memcpy(buf, c->src + c->tok[s].off, c->tok[s].len);
  buf[c->tok[s].len] = '\0';
  char *end = NULL;
  *v = strtod(buf, &end);
  return end && *end == '\0';
}

/* ---- string literals ------------------------------------------------------ */

static void put_utf8(pp_str_t *o, uint32_t cp) {
  char b[4];
  if (cp < 0x80) {
    pp_str_putc(o, (char)cp);
    return;
  }
  size_t n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  for (size_t k = n - 1; k > 0; k--) {
    b[k] = (char)(0x80 | (cp & 0x3F));
    cp >>= 6;
  }
  b[0] = (char)(lead[n] | cp);
  pp_str_append(o, b, n);
}

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* Reads exactly `count` hex digits. */
static bool read_hex(pp_buf_t *b, size_t count, uint32_t *cp) {
  *cp = 0;
  for (size_t k = 0; k < count; k++) {
    int h = hexval(pp_buf_peek(b));
    if (h < 0) return false;
    pp_buf_get(b);
    *cp = *cp * 16 + (uint32_t)h;
  }
  return true;
}

static void decode_escape(pp_buf_t *b, pp_str_t *o) {
  int ch = pp_buf_get(b);
  uint32_t cp;
  switch (ch) {
  case 'n': pp_str_putc(o, '\n'); return;
  case 't': pp_str_putc(o, '\t'); return;
  case 'r': pp_str_putc(o, '\r'); return;
  case 'b': pp_str_putc(o, '\b'); return;
  case 'f': pp_str_putc(o, '\f'); return;
  case 'v': pp_str_putc(o, '\v'); return;
  case '\r': pp_buf_match(b, "\n"); return; /* line continuation */
  case '\n': return;
  case 'x':
    if (read_hex(b, 2, &cp)) put_utf8(o, cp);
    return;
  case 'u':
    if (pp_buf_match(b, "{")) {
      cp = 0;
      int h;
      while ((h = hexval(pp_buf_peek(b))) >= 0) {
        pp_buf_get(b);
        if (cp < 0x110000) cp = cp * 16 + (uint32_t)h;
      }
      pp_buf_match(b, "}");
      put_utf8(o, cp);
    } else if (read_hex(b, 4, &cp)) {
      put_utf8(o, cp);
    }
    return;
  default:
    if (ch >= '0' && ch <= '7') { /* legacy octal, \0 included */
      cp = (uint32_t)(ch - '0');
      while (pp_buf_peek(b) >= '0' && pp_buf_peek(b) <= '7' && cp * 8 + 7 < 256)
        cp = cp * 8 + (uint32_t)(pp_buf_get(b) - '0');
      put_utf8(o, cp);
    } else if (ch >= 0) {
      pp_str_putc(o, (char)ch); /* \" \' \\ and identity escapes; UTF-8 bytes pass */
    }
  }
}

static void decode_literal(const pp_lint_ctx_t *c, size_t i, pp_str_t *o) {
  pp_buf_t b;
  pp_buf_init(&b, c->src + c->tok[i].off + 1, c->tok[i].len - 2); /* without the quotes */
  int ch;
  while ((ch = pp_buf_get(&b)) >= 0) {
    if (ch == '\\') decode_escape(&b, o);
    else pp_str_putc(o, (char)ch);
  }
}

static bool is_plain_literal(const pp_lint_ctx_t *c, size_t i) {
  return c->tok[i].kind == PP_JS_STRING ||
         (c->tok[i].kind == PP_JS_TEMPLATE && memchr(c->src + c->tok[i].off, '\\', c->tok[i].len) == NULL);
}

char *pp_lint_string_value(pp_lint_ctx_t *c, size_t start, size_t end) {
  if (start >= end || end > c->ntok) return NULL;
  for (size_t k = start; k < end; k++) {
    bool want_lit = (k - start) % 2 == 0;
    if (want_lit ? !is_plain_literal(c, k) : !pp_lint_is(c, k, "+")) return NULL;
  }
  if ((end - start) % 2 == 0) return NULL;
  pp_str_t o = PP_STR_INIT;
  pp_str_puts(&o, "");
  for (size_t k = start; k < end; k += 2) decode_literal(c, k, &o);
  char *s = pp_str_take(&o);
  if (!s) c->oom = true;
  return s;
}

char *pp_lint_arg_string(pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k) {
  if (k >= call->argc || k >= PP_LINT_MAX_ARGS) return NULL;
  return pp_lint_string_value(c, call->arg_start[k], call->arg_end[k]);
}

/* ---- comments and diagnostics -------------------------------------------- */

static bool has_word(const pp_lint_ctx_t *c, const pp_js_token_t *t, const char *words) {
  const char *w = words;
  while (*w) {
    size_t wl = strcspn(w, "|");
    for (size_t k = 0; k + wl <= t->len; k++) {
      size_t j = 0;
      while (j < wl && tolower((unsigned char)c->src[t->off + k + j]) == tolower((unsigned char)w[j])) j++;
      if (j == wl) return true;
    }
    w += wl;
    if (*w == '|') w++;
  }
  return false;
}

/* Last line a comment covers. */
static int end_line(const pp_lint_ctx_t *c, const pp_js_token_t *t) {
  int line = t->line;
  for (size_t k = 0; k < t->len; k++) {
    char ch = c->src[t->off + k];
    if (ch == '\n' || (ch == '\r' && (k + 1 >= t->len || c->src[t->off + k + 1] != '\n'))) line++;
  }
  return line;
}

bool pp_lint_acknowledged(const pp_lint_ctx_t *c, size_t i, const char *words) {
  int line = c->tok[i].line;
  /* the comments of the block that ends right above `line`, walking up */
  for (size_t k = c->ncom; k-- > 0;) {
    const pp_js_token_t *t = &c->com[k];
    if (t->line > line) continue;
    if (t->line == line || end_line(c, t) == line - 1) {
      if (has_word(c, t, words)) return true;
      if (t->line < line) line = t->line;
    } else if (end_line(c, t) < line - 1) {
      break;
    }
  }
  return false;
}

void pp_lint_at(pp_lint_ctx_t *c, size_t i, pp_lint_severity_t sev, const char *code,
                const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  const pp_js_token_t *t = &c->tok[i < c->ntok ? i : c->ntok - 1];
  if (pp_lint_add(c->rep, c->name, t->line, t->col, sev, code, "%s", msg) != PP_OK) c->oom = true;
}
