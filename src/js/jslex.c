/* SPDX-License-Identifier: MIT */
/*
 * The JavaScript tokenizer behind jslex.h: ECMAScript 2015 §11 (lexical
 * grammar) for the tools that read PAC source without running it. It keeps
 * just enough context (the previous token and a stack of open brackets) to
 * tell a regular expression from a division and a template continuation
 * from a closing brace; everything else is the parser's business.
 */
#include "js/jslex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kinds of open brackets on lx->nest. */
enum { N_PAREN = '(', N_COND = 'c', N_BRACKET = '[', N_BLOCK = '{', N_OBJECT = 'o', N_SUBST = '$' };

#define NO_CP (-1)

/* ---- bounded reading ---------------------------------------------------- */

static int peek_at(const pp_js_lexer_t *lx, size_t k) {
  if (pp_buf_remaining(&lx->buf) <= k) return -1;
  return lx->buf.data[lx->buf.pos + k];
}

/* Decodes the code point at the cursor without consuming it; *n gets its
 * byte length. An invalid or truncated sequence is U+FFFD of one byte. */
static int32_t peek_cp(const pp_js_lexer_t *lx, size_t *n) {
  int b0 = peek_at(lx, 0);
  *n = 1;
  if (b0 < 0) return NO_CP;
  if (b0 < 0x80) return b0;
  size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || b0 >= 0xF8) return 0xFFFD;
  int32_t cp = b0 & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; i++) {
    int b = peek_at(lx, i);
    if (b < 0 || (b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  *n = len;
  return cp;
}

static bool is_line_term(int32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

static bool is_blank(int32_t cp) {
  return cp == '\t' || cp == 0x0B || cp == 0x0C || cp == ' ' || cp == 0xA0 || cp == 0xFEFF ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

/* Consumes one code point, keeping line and column; CRLF is one line end. */
static int32_t advance(pp_js_lexer_t *lx) {
  size_t n;
  int32_t cp = peek_cp(lx, &n);
  if (cp == NO_CP) return NO_CP;
  lx->buf.pos += n;
  if (cp == '\r' && peek_at(lx, 0) == '\n') lx->buf.pos++;
  if (is_line_term(cp)) {
    lx->line++;
    lx->col = 1;
  } else {
    lx->col++;
  }
  return cp;
}

static int32_t cur(const pp_js_lexer_t *lx) {
  size_t n;
  return peek_cp(lx, &n);
}

static bool fail(pp_js_lexer_t *lx, const pp_js_token_t *start, const char *msg) {
  lx->failed = true;
  lx->err.line = start->line;
  lx->err.col = start->col;
  lx->err.off = start->off;
  snprintf(lx->err.msg, sizeof(lx->err.msg), "%s", msg);
  return false;
}

/* ---- character classes -------------------------------------------------- */

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_hex(int32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ID_Start / ID_Continue approximated: every non-ASCII code point that is
 * not a blank or line terminator counts, which accepts what engines accept
 * and more (the tokenizer is not a validator for Unicode categories). */
static bool is_id_start(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' ||
         (c >= 0x80 && !is_blank(c) && !is_line_term(c));
}

static bool is_id_part(int32_t c) { return is_id_start(c) || is_digit(c); }

/* ---- scanners (each starts at the token's first byte) ------------------- */

/* \uXXXX or \u{X...} after a backslash in an identifier. */
static bool scan_unicode_escape(pp_js_lexer_t *lx) {
  if (advance(lx) != '\\' || advance(lx) != 'u') return false;
  if (cur(lx) == '{') {
    advance(lx);
    int n = 0;
    while (is_hex(cur(lx))) advance(lx), n++;
    return n > 0 && advance(lx) == '}';
  }
  for (int i = 0; i < 4; i++)
    if (!is_hex(advance(lx))) return false;
  return true;
}

static bool scan_ident(pp_js_lexer_t *lx, pp_js_token_t *t, bool *escaped) {
  *escaped = false;
  for (bool first = true;; first = false) {
    int32_t c = cur(lx);
    if (c == '\\') {
      *escaped = true;
      if (!scan_unicode_escape(lx)) return fail(lx, t, "invalid escape in identifier");
    } else if (first ? is_id_start(c) : (is_id_part(c) || c == 0x200C || c == 0x200D)) {
      advance(lx);
    } else {
      return true;
    }
  }
}

static void scan_digits(pp_js_lexer_t *lx, bool hex) {
  while (hex ? is_hex(cur(lx)) : is_digit(cur(lx))) advance(lx);
}

static bool scan_number(pp_js_lexer_t *lx, pp_js_token_t *t) {
  int c1 = peek_at(lx, 1);
  if (cur(lx) == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' ||
                         c1 == 'B')) {
    advance(lx);
    advance(lx);
    size_t before = lx->buf.pos;
    scan_digits(lx, true); /* octal/binary digit ranges are the parser's concern */
    if (lx->buf.pos == before) return fail(lx, t, "missing digits after number prefix");
  } else {
    scan_digits(lx, false);
    if (cur(lx) == '.') {
      advance(lx);
      scan_digits(lx, false);
    }
    int e = cur(lx), s = peek_at(lx, 1);
    if ((e == 'e' || e == 'E') && (is_digit(s) || ((s == '+' || s == '-') &&
                                                   is_digit(peek_at(lx, 2))))) {
      advance(lx);
      if (!is_digit(cur(lx))) advance(lx);
      scan_digits(lx, false);
    }
  }
  if (cur(lx) == 'n') advance(lx); /* BigInt suffix */
  return true;
}

/* A backslash escape inside a string or template: any character, a line
 * continuation (CRLF counts as one) included. */
static bool scan_escape(pp_js_lexer_t *lx) {
  advance(lx);
  return advance(lx) != NO_CP;
}

static bool scan_string(pp_js_lexer_t *lx, pp_js_token_t *t) {
  int32_t q = advance(lx);
  for (;;) {
    int32_t c = cur(lx);
    if (c == NO_CP || c == '\n' || c == '\r')
      return fail(lx, t, "unterminated string literal");
    if (c == '\\') {
      if (!scan_escape(lx)) return fail(lx, t, "unterminated string literal");
      continue;
    }
    advance(lx);
    if (c == q) return true;
  }
}

/* Template characters up to '`' (tail) or "${" (head/middle). The opening
 * '`' or '}' has been consumed; *subst tells which ending was found. */
static bool scan_template_chars(pp_js_lexer_t *lx, pp_js_token_t *t, bool *subst) {
  for (;;) {
    int32_t c = cur(lx);
    if (c == NO_CP) return fail(lx, t, "unterminated template literal");
    if (c == '\\') {
      if (!scan_escape(lx)) return fail(lx, t, "unterminated template literal");
      continue;
    }
    advance(lx);
    if (c == '`') {
      *subst = false;
      return true;
    }
    if (c == '$' && cur(lx) == '{') {
      advance(lx);
      *subst = true;
      return true;
    }
  }
}

static bool scan_regex(pp_js_lexer_t *lx, pp_js_token_t *t) {
  advance(lx);
  bool in_class = false;
  for (;;) {
    int32_t c = cur(lx);
    if (c == NO_CP || is_line_term(c)) return fail(lx, t, "unterminated regular expression");
    advance(lx);
    if (c == '\\') {
      if (is_line_term(cur(lx)) || advance(lx) == NO_CP)
        return fail(lx, t, "unterminated regular expression");
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      break;
    }
  }
  while (is_id_part(cur(lx))) advance(lx);
  return true;
}

/* Longest first; "/" and "/=" are handled with the regex decision. */
static const char *const PUNCTS[] = {
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=", "=>", "==",
    "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "%=", "&=",
    "|=", "^=", "**", "<<", ">>", "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+",
    "-", "*", "%", "&", "|", "^", "!", "~", "?", ":", "=", ".", "@", "#", NULL};

static bool match_punct(pp_js_lexer_t *lx, const char *p) {
  size_t n = strlen(p);
  for (size_t i = 0; i < n; i++)
    if (peek_at(lx, i) != (unsigned char)p[i]) return false;
  /* "?." followed by a digit is "?" then ".5" (a ? .5 : b). */
  if (strcmp(p, "?.") == 0 && is_digit(peek_at(lx, 2))) return false;
  for (size_t i = 0; i < n; i++) advance(lx);
  return true;
}

static bool scan_punct(pp_js_lexer_t *lx, pp_js_token_t *t) {
  if (cur(lx) == '/') {
    advance(lx);
    if (cur(lx) == '=') advance(lx);
    return true;
  }
  for (size_t i = 0; PUNCTS[i]; i++)
    if (match_punct(lx, PUNCTS[i])) return true;
  return fail(lx, t, "unexpected character");
}

/* ---- blanks and comments ------------------------------------------------ */

/* Skips one comment at the cursor; false with lx->err on an unterminated
 * block comment. Sets lx->nl_pending for line ends inside it. */
static bool skip_comment(pp_js_lexer_t *lx, pp_js_token_t *t) {
  advance(lx);
  if (advance(lx) == '/') {
    while (cur(lx) != NO_CP && !is_line_term(cur(lx))) advance(lx);
    return true;
  }
  for (;;) {
    int32_t c = advance(lx);
    if (c == NO_CP) return fail(lx, t, "unterminated comment");
    if (is_line_term(c)) lx->nl_pending = true;
    if (c == '*' && cur(lx) == '/') {
      advance(lx);
      return true;
    }
  }
}

static void start_token(const pp_js_lexer_t *lx, pp_js_token_t *t) {
  t->off = lx->buf.pos;
  t->line = lx->line;
  t->col = lx->col;
  t->len = 0;
  t->nl_before = lx->nl_pending;
}

/* Skips blanks, line ends and (unless kept) comments. Returns 1 when a
 * kept comment was scanned into *t, 0 at a token, -1 on error. */
static int skip_space(pp_js_lexer_t *lx, pp_js_token_t *t) {
  for (;;) {
    int32_t c = cur(lx);
    if (is_line_term(c)) {
      lx->nl_pending = true;
      advance(lx);
    } else if (is_blank(c)) {
      advance(lx);
    } else if (c == '/' && (peek_at(lx, 1) == '/' || peek_at(lx, 1) == '*')) {
      start_token(lx, t);
      if (!skip_comment(lx, t)) return -1;
      if (lx->flags & PP_JS_KEEP_COMMENTS) {
        t->kind = PP_JS_COMMENT;
        t->len = lx->buf.pos - t->off;
        return 1;
      }
    } else {
      return 0;
    }
  }
}

/* ---- context: regex decision and the bracket stack ---------------------- */

static const char *const KEYWORDS[] = {
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
    "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with", NULL};

static bool is_keyword_text(const char *s, size_t n) {
  for (size_t i = 0; KEYWORDS[i]; i++)
    if (strlen(KEYWORDS[i]) == n && memcmp(KEYWORDS[i], s, n) == 0) return true;
  return false;
}

static bool prev_is(const pp_js_lexer_t *lx, const char *text) {
  return lx->prev.kind != PP_JS_EOF && pp_js_tok_is(&lx->prev, lx->src, text);
}

/* Is a '{' here a block (statement position) rather than an object
 * literal? Judged by the previous token, as engines' parsers would. */
static bool brace_is_block(const pp_js_lexer_t *lx) {
  const pp_js_token_t *p = &lx->prev;
  if (p->kind == PP_JS_EOF) return true;
  if (p->kind == PP_JS_PUNCT)
    return prev_is(lx, ";") || prev_is(lx, "{") || prev_is(lx, "}") || prev_is(lx, ")") ||
           prev_is(lx, "=>") ||
           (prev_is(lx, ":") && lx->depth > 0 && lx->nest[lx->depth - 1] == N_BLOCK);
  if (p->kind == PP_JS_KEYWORD)
    return prev_is(lx, "else") || prev_is(lx, "do") || prev_is(lx, "try") ||
           prev_is(lx, "finally");
  return !lx->regex_ok;
}

static bool push(pp_js_lexer_t *lx, const pp_js_token_t *t, unsigned char kind) {
  if (lx->depth >= PP_JS_MAX_NEST) return fail(lx, t, "brackets nested too deeply");
  lx->nest[lx->depth++] = kind;
  return true;
}

static unsigned char pop(pp_js_lexer_t *lx) {
  return lx->depth > 0 ? lx->nest[--lx->depth] : 0;
}

/* Updates the bracket stack for a punctuator and returns whether a '/'
 * after it starts a regex. */
static bool after_punct(pp_js_lexer_t *lx, const pp_js_token_t *t, unsigned char *closed) {
  const char *s = lx->src + t->off;
  *closed = 0;
  if (t->len == 1 && strchr("([{", s[0])) {
    unsigned char k = s[0] == '[' ? N_BRACKET : s[0] == '{' ? (brace_is_block(lx) ? N_BLOCK : N_OBJECT)
                      : (prev_is(lx, "if") || prev_is(lx, "while") || prev_is(lx, "for") ||
                         prev_is(lx, "with")) ? N_COND : N_PAREN;
    return push(lx, t, k) ? true : false;
  }
  if (t->len == 1 && strchr(")]}", s[0])) {
    *closed = pop(lx);
    return *closed == N_COND || *closed == N_BLOCK;
  }
  if (pp_js_tok_is(t, lx->src, "++") || pp_js_tok_is(t, lx->src, "--"))
    return lx->regex_ok; /* prefix keeps expecting an operand, postfix ends one */
  return true;
}

static bool after_token(const pp_js_lexer_t *lx, const pp_js_token_t *t) {
  switch (t->kind) {
  case PP_JS_KEYWORD:
    return !(pp_js_tok_is(t, lx->src, "this") || pp_js_tok_is(t, lx->src, "super") ||
             pp_js_tok_is(t, lx->src, "null") || pp_js_tok_is(t, lx->src, "true") ||
             pp_js_tok_is(t, lx->src, "false"));
  case PP_JS_TEMPLATE_HEAD:
  case PP_JS_TEMPLATE_MID: return true;
  default: return false;
  }
}

/* ---- the token loop ----------------------------------------------------- */

static bool scan_template(pp_js_lexer_t *lx, pp_js_token_t *t, bool from_brace) {
  advance(lx); /* '`' or '}' */
  bool subst = false;
  if (!scan_template_chars(lx, t, &subst)) return false;
  if (from_brace) t->kind = subst ? PP_JS_TEMPLATE_MID : PP_JS_TEMPLATE_TAIL;
  else t->kind = subst ? PP_JS_TEMPLATE_HEAD : PP_JS_TEMPLATE;
  return subst ? push(lx, t, N_SUBST) : true;
}

static bool scan_token(pp_js_lexer_t *lx, pp_js_token_t *t) {
  int32_t c = cur(lx);
  bool escaped = false;
  if (is_id_start(c) || c == '\\') {
    if (!scan_ident(lx, t, &escaped)) return false;
    t->kind = !escaped && is_keyword_text(lx->src + t->off, lx->buf.pos - t->off) ? PP_JS_KEYWORD
                                                                                 : PP_JS_IDENT;
    return true;
  }
  if (is_digit(c) || (c == '.' && is_digit(peek_at(lx, 1)))) {
    t->kind = PP_JS_NUMBER;
    return scan_number(lx, t);
  }
  if (c == '"' || c == '\'') {
    t->kind = PP_JS_STRING;
    return scan_string(lx, t);
  }
  if (c == '`') return scan_template(lx, t, false);
  if (c == '}' && lx->depth > 0 && lx->nest[lx->depth - 1] == N_SUBST) {
    pop(lx);
    return scan_template(lx, t, true);
  }
  if (c == '/' && lx->regex_ok) {
    t->kind = PP_JS_REGEX;
    return scan_regex(lx, t);
  }
  t->kind = PP_JS_PUNCT;
  return scan_punct(lx, t);
}

void pp_js_lexer_init(pp_js_lexer_t *lx, const char *src, size_t len, unsigned flags) {
  memset(lx, 0, sizeof(*lx));
  pp_buf_init(&lx->buf, src, len);
  lx->src = src;
  lx->flags = flags;
  lx->line = 1;
  lx->col = 1;
  lx->regex_ok = true;
  lx->prev.kind = PP_JS_EOF;
}

bool pp_js_next(pp_js_lexer_t *lx, pp_js_token_t *t) {
  memset(t, 0, sizeof(*t));
  t->kind = PP_JS_ERROR;
  if (lx->failed) return false;
  int sp = skip_space(lx, t);
  if (sp < 0) return (t->kind = PP_JS_ERROR), false;
  if (sp > 0) return true;
  start_token(lx, t);
  if (cur(lx) == NO_CP) {
    t->kind = PP_JS_EOF;
    if (lx->depth > 0 && lx->nest[lx->depth - 1] == N_SUBST)
      return (t->kind = PP_JS_ERROR), fail(lx, t, "unterminated template literal");
    return true;
  }
  if (!scan_token(lx, t)) return (t->kind = PP_JS_ERROR), false;
  t->len = lx->buf.pos - t->off;
  unsigned char closed = 0;
  bool rx = t->kind == PP_JS_PUNCT ? after_punct(lx, t, &closed) : after_token(lx, t);
  if (lx->failed) return (t->kind = PP_JS_ERROR), false;
  lx->regex_ok = rx;
  lx->prev = *t;
  lx->nl_pending = false;
  return true;
}

pp_status_t pp_js_tokenize(const char *src, size_t len, unsigned flags, pp_js_token_t **toks,
                           size_t *ntoks, pp_js_error_t *err) {
  pp_js_lexer_t *lx = malloc(sizeof(*lx));
  pp_js_token_t *arr = NULL;
  size_t n = 0, cap = 0;
  pp_status_t st = PP_ENOMEM;
  *toks = NULL;
  *ntoks = 0;
  if (!lx) goto done;
  pp_js_lexer_init(lx, src, len, flags);
  for (;;) {
    if (n == cap) {
      size_t ncap = cap ? cap * 2 : 256;
      pp_js_token_t *p = realloc(arr, ncap * sizeof(*arr));
      if (!p) goto done;
      arr = p;
      cap = ncap;
    }
    if (!pp_js_next(lx, &arr[n])) {
      if (err) *err = lx->err;
      st = PP_ESYNTAX;
      goto done;
    }
    if (arr[n++].kind == PP_JS_EOF) break;
  }
  *toks = arr;
  *ntoks = n;
  arr = NULL;
  st = PP_OK;
done:
  free(arr);
  free(lx);
  return st;
}

static bool modern_token(const pp_js_token_t *t, const char *src) {
  static const char *const words[] = {"=>",    "...",   "**",    "**=",   "?.",    "??",
                                      "?\?=",  "&&=",   "||=",   "let",   "const", "class",
                                      "async", "await", "yield", "import", "export", "extends",
                                      "super"};
  if (t->kind >= PP_JS_TEMPLATE && t->kind <= PP_JS_TEMPLATE_TAIL) return true;
  if (t->kind != PP_JS_PUNCT && t->kind != PP_JS_IDENT && t->kind != PP_JS_KEYWORD) return false;
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
    if (pp_js_tok_is(t, src, words[i])) return true;
  return false;
}

pp_status_t pp_js_survey(const char *src, size_t len, size_t *ntok, bool *modern) {
  pp_js_lexer_t *lx = malloc(sizeof(*lx));
  *ntok = 0;
  *modern = false;
  if (!lx) return PP_ENOMEM;
  pp_js_lexer_init(lx, src, len, 0);
  pp_js_token_t t;
  pp_status_t st = PP_OK;
  for (;;) {
    if (!pp_js_next(lx, &t)) {
      st = PP_ESYNTAX;
      break;
    }
    if (t.kind == PP_JS_EOF) break;
    (*ntok)++;
    if (!*modern && modern_token(&t, src)) *modern = true;
  }
  free(lx);
  return st;
}

bool pp_js_tok_is(const pp_js_token_t *tok, const char *src, const char *text) {
  size_t n = strlen(text);
  return tok->len == n && memcmp(src + tok->off, text, n) == 0;
}

const char *pp_js_kind_name(pp_js_kind_t kind) {
  static const char *const names[] = {"eof", "id", "kw", "num", "str", "tpl", "tplh",
                                      "tplm", "tplt", "re", "p", "com", "err"};
  return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}
