/* SPDX-License-Identifier: MIT */
/* What the lint check files share: the token view of one PAC (jslex.h),
 * the names it declares, call sites with their argument ranges, and the
 * way a check adds a diagnostic at a token. Internal to the files of src/lint/. */
#ifndef PP_LINT_LINT_INT_H
#define PP_LINT_LINT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "js/jslex.h"
#include "lint/lint.h"

#define PP_LINT_NO_MATCH ((size_t)-1)
#define PP_LINT_MAX_ARGS 8 /* argument ranges kept per call; argc counts all */

typedef struct pp_lint_ctx {
  const char *src;
  size_t len;
  const char *name;
  pp_emulation_t mode;
  pp_js_token_t *tok;  /* significant tokens, ending with PP_JS_EOF */
  size_t ntok;
  pp_js_token_t *com;  /* comments, in order */
  size_t ncom;
  size_t *match;       /* index of the matching ( [ { or PP_LINT_NO_MATCH */
  char **decl;         /* every name the script declares or assigns */
  size_t ndecl;
  char **guarded;      /* names tested with `typeof NAME` */
  size_t nguarded;
  char *url_param;     /* FindProxyForURL's parameter names ("url", "host") */
  char *host_param;
  size_t *fnbody;      /* per token: the body "{" of the innermost function, or NO_MATCH */
  bool dynamic_names;  /* eval/with/this[...]: names can appear unseen */
  pp_lint_report_t *rep;
  bool oom;
} pp_lint_ctx_t;

/* One call `NAME(args)` (not a method call, not a declaration). */
typedef struct pp_lint_call {
  size_t callee;  /* token index of NAME */
  size_t open;    /* index of "(" */
  size_t close;   /* index of ")" */
  size_t argc;
  size_t arg_start[PP_LINT_MAX_ARGS]; /* token ranges [start, end) */
  size_t arg_end[PP_LINT_MAX_ARGS];
} pp_lint_call_t;

/* Tokenizes and indexes the script. PP_OK, PP_ESYNTAX (the tokenizer
 * failed; *lexerr filled), PP_ENOMEM. Free with pp_lint_ctx_free either way. */
pp_status_t pp_lint_ctx_init(pp_lint_ctx_t *c, const char *src, size_t len, const char *name,
                             pp_emulation_t mode, pp_lint_report_t *rep, pp_js_error_t *lexerr);
void pp_lint_ctx_free(pp_lint_ctx_t *c);

/* lint_funcs.c: fills c->fnbody (PP_OK or PP_ENOMEM). */
pp_status_t pp_lint_index_functions(pp_lint_ctx_t *c);
/* The name token of the function whose body opens at `body`
 * (`function NAME`, `NAME = function`, `NAME: function`, a method), or
 * PP_LINT_NO_MATCH for an anonymous one. */
size_t pp_lint_fn_name(const pp_lint_ctx_t *c, size_t body);
/* Token i is inside (at any depth) a function called `name`. */
bool pp_lint_in_function(const pp_lint_ctx_t *c, size_t i, const char *name);

/* Token i's text is exactly `text` (false past the end). */
bool pp_lint_is(const pp_lint_ctx_t *c, size_t i, const char *text);
/* Token i is an identifier spelled `text` (or any identifier for NULL). */
bool pp_lint_is_ident(const pp_lint_ctx_t *c, size_t i, const char *text);
/* Copy of token i's text; NULL on ENOMEM (sets c->oom). */
char *pp_lint_text(pp_lint_ctx_t *c, size_t i);
bool pp_lint_declared(const pp_lint_ctx_t *c, const char *name);
bool pp_lint_guarded(const pp_lint_ctx_t *c, const char *name);

/* Fills *call when token i is the callee of a plain call. */
bool pp_lint_call_at(const pp_lint_ctx_t *c, size_t i, pp_lint_call_t *call);
/* The value of tokens [start, end) when they are string literals joined by
 * `+` (escapes decoded, UTF-8); NULL otherwise or on ENOMEM. */
char *pp_lint_string_value(pp_lint_ctx_t *c, size_t start, size_t end);
/* The same for argument k of a call. */
char *pp_lint_arg_string(pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k);
/* Argument k is the single identifier `name`. */
bool pp_lint_arg_is_ident(const pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k,
                          const char *name);
/* Argument k is a lone number literal; its value in *v. */
bool pp_lint_arg_number(const pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k, double *v);

/* A comment on token i's line, or the comment block ending on the line
 * right above, contains one of the '|'-separated words (ASCII,
 * case-insensitive): the author acknowledged what a check would say, as
 * gcc's -Wimplicit-fallthrough accepts a "falls through" comment. */
bool pp_lint_acknowledged(const pp_lint_ctx_t *c, size_t i, const char *words);

/* Adds a diagnostic at token i (sets c->oom on failure). */
void pp_lint_at(pp_lint_ctx_t *c, size_t i, pp_lint_severity_t sev, const char *code,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The checks, one file each. */
void pp_lint_check_calls(pp_lint_ctx_t *c);   /* lint_calls.c */
void pp_lint_check_date_call(pp_lint_ctx_t *c, const pp_lint_call_t *call,
                             const char *fn); /* lint_dates.c */
void pp_lint_check_shexp(pp_lint_ctx_t *c, const pp_lint_call_t *call); /* lint_patterns.c */
void pp_lint_check_url_methods(pp_lint_ctx_t *c);                        /* lint_patterns.c */
void pp_lint_check_returns(pp_lint_ctx_t *c); /* lint_returns.c */
void pp_lint_check_result_string(pp_lint_ctx_t *c, size_t tok, const char *value);

/* lint_hosts.c: host names compared as literals (upper case that never
 * matches the lower-case host, dnsDomainIs without the leading dot) and
 * unfilled template placeholders. pp_lint_check_host_literal judges the
 * literal `value` at token `at` used as a host name by `fn`
 * ("dnsDomainIs", "==", ...); false when it reported a placeholder (the
 * caller then skips its own checks of that literal). */
bool pp_lint_check_host_literal(pp_lint_ctx_t *c, size_t at, const char *fn, const char *value);
/* A template placeholder in s (`${X}`, `{{X}}`, `%X%`, `PAC_FQDN`,
 * `YOUR-IP`): copies it into what and returns true. */
bool pp_lint_placeholder(const char *s, char *what, size_t whatlen);
void pp_lint_check_comparisons(pp_lint_ctx_t *c); /* host == "..." */
/* lint_encoding.c: one `encoding` warning per line with bytes that are not
 * UTF-8; *clean gets a malloc'd copy (*cleanlen bytes) with each such byte
 * read as ISO-8859-1 (NULL when the text is UTF-8 already). PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_lint_check_encoding(const char *text, size_t len, const char *name,
                                   pp_lint_report_t *rep, char **clean, size_t *cleanlen);
/* suppress.c: drops the diagnostics from index `first` on that the PAC's
 * suppression comments silence, then reports unused suppressions. */
void pp_lint_apply_suppressions(pp_lint_ctx_t *c, size_t first);
/* lint_syntax.c: the column of the syntax error Duktape puts on `line`,
 * or 1 when it cannot be placed; *expected is the token missing before it
 * (a static string such as ")"), or NULL when no single token mends it;
 * *at the token of the fault (NULL when it cannot be placed). */
int pp_lint_syntax_column(const pp_lint_ctx_t *c, int line, const char **expected,
                          const pp_js_token_t **at);
/* lint_shadow.c: rules that can never fire after an earlier broader one. */
void pp_lint_check_shadowed(pp_lint_ctx_t *c);

/* lint_dns.c: DNS lookups on the host, noted per call site by
 * pp_lint_check_calls and reported once per function at the end. */
typedef struct pp_lint_dns {
  size_t tok[64];
  char *key[64]; /* the host parameter's name or the literal name */
  size_t n;
} pp_lint_dns_t;
void pp_lint_note_dns(pp_lint_ctx_t *c, const pp_lint_call_t *call, pp_lint_dns_t *s);
void pp_lint_report_dns(pp_lint_ctx_t *c, pp_lint_dns_t *s);

/* Optimal string alignment distance, ASCII case-insensitive (lint_calls.c). */
size_t pp_lint_distance(const char *a, const char *b);

#endif
