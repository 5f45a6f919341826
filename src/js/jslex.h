/* SPDX-License-Identifier: MIT */
/*
 * pp_js: a JavaScript tokenizer (ES5 + the ES2015 lexical grammar) for the
 * tools that read PAC source without running it: return instrumentation
 * (instrument.c), `lint`, and later the lowering of modern syntax (issue 9).
 * It only lexes; it never builds a syntax tree and never allocates except in
 * pp_js_tokenize. Reading goes through a bounded cursor (util/buf.h).
 *
 * Positions: line and col are 1-based. Lines end at LF, CR, CRLF (one
 * line), U+2028 and U+2029, the ECMAScript LineTerminator set, which is also
 * what Duktape counts, so lines agree with Duktape's error lines. Columns
 * count Unicode code points of the UTF-8 source (a tab is one column; an
 * invalid byte is one column), i.e. "characters", not bytes and not UTF-16
 * units.
 *
 * Regex vs division: a '/' starts a regular expression unless the previous
 * significant token ends an operand (identifier, literal, `this`, `)` `]`
 * `}` of an expression, postfix `++`/`--`). `)` closing `if (...)`,
 * `while (...)`, `for (...)`, `with (...)` and `}` closing a block (not an
 * object literal, judged by the token before its `{`) allow a regex.
 */
#ifndef PP_JS_JSLEX_H
#define PP_JS_JSLEX_H

#include <stdbool.h>
#include <stddef.h>

#include "pacprobe.h"
#include "util/buf.h"

typedef enum pp_js_kind {
  PP_JS_EOF = 0,
  PP_JS_IDENT,         /* identifier name (incl. \u escapes, non-ASCII) and
                          contextual words: let, yield, of, get, set, async... */
  PP_JS_KEYWORD,       /* reserved word written without escapes (ES5 keywords,
                          future reserved class const enum export extends
                          import super, and null true false) */
  PP_JS_NUMBER,        /* 1 1.5 .5 1e3 0x1F 017 0o17 0b1 (text as written) */
  PP_JS_STRING,        /* '..' or "..", quotes included, escapes not decoded */
  PP_JS_TEMPLATE,      /* `...` without substitutions, backquotes included */
  PP_JS_TEMPLATE_HEAD, /* `...${ */
  PP_JS_TEMPLATE_MID,  /* }...${ */
  PP_JS_TEMPLATE_TAIL, /* }...` */
  PP_JS_REGEX,         /* /body/flags */
  PP_JS_PUNCT,         /* punctuator, longest match: => ... ** **= ?? ?. >>>= ... */
  PP_JS_COMMENT,       /* // or block comment; only with PP_JS_KEEP_COMMENTS */
  PP_JS_ERROR          /* lexing failed; see pp_js_lexer_t.err */
} pp_js_kind_t;

typedef struct pp_js_token {
  pp_js_kind_t kind;
  size_t off;     /* byte offset of the first byte in the source */
  size_t len;     /* length in bytes */
  int line;       /* 1-based line of the first byte */
  int col;        /* 1-based column (code points) of the first byte */
  bool nl_before; /* a line terminator (possibly inside a comment) lies
                     between the previous significant token and this one:
                     the ASI "[no LineTerminator here]" test. The first token
                     of a file has it false. */
} pp_js_token_t;

typedef struct pp_js_error {
  int line;       /* where the bad construct starts (e.g. the opening quote) */
  int col;
  size_t off;
  char msg[96];   /* "unterminated string literal", ... */
} pp_js_error_t;

/* Flags for pp_js_lexer_init / pp_js_tokenize. */
#define PP_JS_KEEP_COMMENTS 1u /* return comments as PP_JS_COMMENT tokens */

#define PP_JS_MAX_NEST 256 /* bracket/brace/template nesting the lexer tracks */

/* Lexer state. Treat as opaque except `err` after a PP_JS_ERROR token. */
typedef struct pp_js_lexer {
  pp_buf_t buf;
  const char *src;
  unsigned flags;
  int line, col;
  bool nl_pending;
  bool regex_ok;       /* a '/' here starts a regex */
  bool failed;
  pp_js_token_t prev;  /* previous significant token (kind EOF at start) */
  unsigned char nest[PP_JS_MAX_NEST]; /* open ( [ { ${ kinds */
  int depth;
  pp_js_error_t err;
} pp_js_lexer_t;

/* Prepares lx to read src[0..len) (need not be NUL-terminated; the bytes
 * must outlive the lexer). A UTF-8 BOM at the start is skipped as blank. */
void pp_js_lexer_init(pp_js_lexer_t *lx, const char *src, size_t len, unsigned flags);

/* Reads the next token into *tok. Returns true for a token (PP_JS_EOF at the
 * end, repeatedly); false with tok->kind = PP_JS_ERROR and lx->err filled on
 * a lexing error (unterminated string/comment/regex/template, unexpected
 * character, nesting deeper than PP_JS_MAX_NEST). After an error every
 * further call fails the same way. */
bool pp_js_next(pp_js_lexer_t *lx, pp_js_token_t *tok);

/* Tokenizes the whole source into a malloc'd array (*toks, *ntoks) that
 * ends with one PP_JS_EOF token. Returns PP_OK, PP_ENOMEM, or PP_ESYNTAX
 * with *err filled (err may be NULL); on failure *toks is NULL. The caller
 * frees *toks with free(). */
pp_status_t pp_js_tokenize(const char *src, size_t len, unsigned flags, pp_js_token_t **toks,
                           size_t *ntoks, pp_js_error_t *err);

/* What the source analyses (lowering, return instrumentation, lint, the
 * state scan) cost per token, all arrays together, in bytes: the token
 * (40) plus the lowering's per-token tables (57), rounded up. A script's
 * analysis is allowed PP_JS_BUDGET(memory_limit_mib) tokens: the compile
 * budget is --memory-limit (docs/engine.md "Limits"). */
#define PP_JS_TOKEN_COST 128u
#define PP_JS_BUDGET(mib) ((size_t)(mib) * 1024u * 1024u / PP_JS_TOKEN_COST)

/* Counts the significant tokens of src without storing them (constant
 * memory) and says whether any is ES2015+ only (a template, =>, ..., **,
 * ?., ??, the logical assignments, let, const, class, async, await, yield,
 * import, export, extends, super). PP_OK or PP_ESYNTAX (lexing failed;
 * *ntok counts the tokens before the error). */
pp_status_t pp_js_survey(const char *src, size_t len, size_t *ntok, bool *modern);

/* True when the token's text is exactly `text` (NUL-terminated). */
bool pp_js_tok_is(const pp_js_token_t *tok, const char *src, const char *text);

/* Short name of a kind for tests and debugging: "id", "kw", "num", "str",
 * "tpl", "tplh", "tplm", "tplt", "re", "p", "com", "eof", "err". */
const char *pp_js_kind_name(pp_js_kind_t kind);

#endif
