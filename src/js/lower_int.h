/* SPDX-License-Identifier: MIT */
/* The lowering pass as its files see it (lower*.c): the token array with
 * bracket structure, and the edit model every rewrite goes through. */
#ifndef PP_JS_LOWER_INT_H
#define PP_JS_LOWER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "js/jslex.h"
#include "js/lower.h"
#include "util/str.h"

/*
 * Edits never touch the source text directly. Each token may get a
 * replacement text (repl), and "items" before or after it: literal text or
 * a reference to a token range that was moved there (a default value moves
 * into the function body). A token's owner says where it is emitted: 0 in
 * place, -1 deleted (a destructuring pattern), m > 0 at the destination of
 * move m. Wherever a token is not emitted in place, its line breaks still
 * are, so every line keeps its number.
 */
typedef struct lw_item {
  long tok;      /* the token it is attached to */
  bool after;
  long key;      /* nesting order: before-items by span end desc, after-items
                    by span start desc (inner constructs close first) */
  size_t seq;
  char *text;    /* literal, or NULL for a range */
  long a, b;     /* range [a, b] of tokens (text == NULL) */
  int move;      /* owner id of that range */
} lw_item_t;

/* A function: `function` or method (body {...}) or arrow (block or expr). */
typedef struct lw_fn {
  long start;      /* first token (`function`, the param `(` or ident) */
  long params_lo;  /* first param token, params_hi last (lo > hi: none) */
  long params_hi;
  long body_lo;    /* `{` of the body, or first token of an expression body */
  long body_hi;    /* matching `}` or last expression token */
  long arrow;      /* index of `=>`, -1 for a function */
  bool needs_this; /* an arrow inside uses this/arguments lexically */
  long up;         /* enclosing function, -1 = program */
  bool gen;        /* function* or *method: lowered by lower_generator.c */
  bool is_async;   /* async function, arrow or method: lower_generator.c too */
} lw_fn_t;

enum {
  LW_OBJ = 1,      /* `{` opens an object literal */
  LW_KEY = 2,      /* identifier is a property name, not a reference */
  LW_ARRAYLIT = 4, /* `[` opens an array literal */
  LW_CALL = 8,     /* `(` opens call arguments */
  LW_DECL = 16,    /* let/const/var starting a declaration */
  LW_CLASS = 32    /* `{` opens a class body */
};

typedef struct lw {
  const char *src;
  size_t len;
  pp_js_token_t *t;
  long n;            /* tokens including the final EOF */
  long *match;       /* matching bracket (template chain: next part), or -1 */
  long *parent;      /* innermost enclosing opener, or -1 */
  unsigned char *fl; /* LW_* flags */
  char **repl;
  int *owner;
  long *fn_of;       /* innermost function (index into fns), -1 = program */
  long *arrow_at;    /* fn index of the arrow whose params start here, or -1 */
  long *aux;         /* per-construct scratch: chain end of a `?.`, left
                        start of a `??` (-1 = not computed) */
  lw_fn_t *fns;
  long nfns, capfns;
  lw_item_t *items;
  size_t nitems, capitems;
  int nmoves;
  int ntmp;          /* temporaries __pp_d0, __pp_i0, ... */
  int nrename;
  bool failed;       /* an unsupported construct: res->error is set */
  bool oom;
  bool changed;
  unsigned seen;     /* bit per lowered feature already listed */
  pp_lower_result_t *res;
} lw_t;

/* ---- tokens (lower_scan.c) ---- */
bool pp_lower_is(const lw_t *w, long k, const char *text);
bool pp_lower_kind(const lw_t *w, long k, pp_js_kind_t kind);
bool pp_lower_ends_operand(const lw_t *w, long k);
long pp_lower_expr_end(const lw_t *w, long k, bool stop_at_comma);
long pp_lower_stmt_end(const lw_t *w, long k);
long pp_lower_operand_start(const lw_t *w, long k);
long pp_lower_operand_end(const lw_t *w, long k);
long pp_lower_template_end(const lw_t *w, long k);
/* Does token k start a new statement after a line break (ASI)? */
bool pp_lower_asi_break(const lw_t *w, long k);
/* Is token k an assignment operator (=, +=, ??=, ...)? */
bool pp_lower_is_assign(const lw_t *w, long k);
pp_status_t pp_lower_structure(lw_t *w);

/* ---- classes (lower_class.c) ---- */
/* One class member, as pp_lower_class_member reads it. */
typedef struct lw_member {
  long first;        /* first token, modifiers included */
  long mod_static;   /* `static`, or -1 */
  long mod_kind;     /* `get` / `set`, or -1 */
  long key, key_end; /* the name: one token, `[`..`]`, or `#` name; key -1: unreadable */
  long star;         /* `*` of a generator method, or -1 */
  long async_at;     /* `async` of an async method, or -1 */
  long paren;        /* `(` of a method's parameters, -1 for a field */
  long init, init_end; /* a field's initializer, init -1: none */
  long last;         /* last token (`}` of a method body, `;` of a field) */
  const char *unsupported; /* a member form that is not lowered, or NULL, */
  const char *unsupported_es; /* its edition */
  long unsupported_at;        /* and where it is */
} lw_member_t;
/* The `{` of the body of the class whose keyword is at c, or -1. */
long pp_lower_class_body(const lw_t *w, long c);
/* Reads the member starting at token j of the body ending at close; the
 * token after it. */
long pp_lower_class_member(const lw_t *w, long j, long close, lw_member_t *m);
/* The member at *j (empty `;` members skipped) into m, *j moved past it;
 * false at the end of the body. */
bool pp_lower_class_next(const lw_t *w, long *j, long close, lw_member_t *m);
void pp_lower_class(lw_t *w, long k);

/* ---- edits (lower.c) ---- */
void pp_lower_repl(lw_t *w, long k, const char *text);
void pp_lower_before(lw_t *w, long k, long span_end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void pp_lower_after(lw_t *w, long k, long span_start, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Moves tokens [a, b] after token dest (nesting key span_start). */
void pp_lower_move_after(lw_t *w, long dest, long span_start, long a, long b);
void pp_lower_delete(lw_t *w, long a, long b);
/* Records an unsupported construct at token k (first one wins). */
void pp_lower_unsupported(lw_t *w, long k, const char *feature, const char *es);
/* Notes the first use of a lowered feature (bit) for warnings. */
void pp_lower_used(lw_t *w, long k, unsigned bit, const char *feature, const char *es);
void pp_lower_note(lw_t *w, long k, const char *feature, const char *msg);
/* Declares temporary `name` (`var name;`) in the function around token k,
 * or at the end of the program. */
void pp_lower_tmpvar(lw_t *w, long k, const char *name);
/* The name a binding token is emitted as (its rename, or its text). */
void pp_lower_name(const lw_t *w, long k, char *buf, size_t cap);

/* ---- constructs ---- */
void pp_lower_check_token(lw_t *w, long k);      /* lower_check.c */
void pp_lower_regex(lw_t *w, long k);             /* lower_regex.c (bit 1u << 28) */
void pp_lower_functions_at(lw_t *w, long k);      /* lower_fn.c */
void pp_lower_decl(lw_t *w, long k);             /* lower_decl.c */
void pp_lower_for_of(lw_t *w, long k);
void pp_lower_scopes(lw_t *w);                   /* lower_scope.c */
/* Appends ", NAME" for every binding of the pattern at p (emitted names). */
void pp_lower_pattern_names(const lw_t *w, long p, pp_str_t *out);
/* A fresh temporary "__pp_<prefix><n>" into buf. */
void pp_lower_temp(lw_t *w, const char *prefix, char *buf, size_t cap);
void pp_lower_template(lw_t *w, long k);         /* lower_template.c */
void pp_lower_object(lw_t *w, long k);           /* lower_object.c */
void pp_lower_spread(lw_t *w, long k);           /* lower_spread.c */
void pp_lower_pow(lw_t *w, long k);              /* lower_operator.c */
void pp_lower_number(lw_t *w, long k);           /* lower_literal.c */
void pp_lower_catch(lw_t *w, long k);
/* lower_generator.c: the body of generator function f runs in a coroutine;
 * `yield` and `yield*` in it call the runtime; its catch blocks let
 * return()'s signal through. */
void pp_lower_generator(lw_t *w, long f);
void pp_lower_yield(lw_t *w, long k);
void pp_lower_gen_catch(lw_t *w, long k);
void pp_lower_await(lw_t *w, long k);
/* Is token k directly in the body of an async function? */
bool pp_lower_in_async(const lw_t *w, long k);
void pp_lower_nullish(lw_t *w, long k);          /* lower_nullish.c: ?? */
void pp_lower_logical_assign(lw_t *w, long k);   /* ??= ||= &&= */
void pp_lower_optional(lw_t *w, long k);         /* lower_optional.c: ?. */
/* Rewrites the member target ending at token q-1 of compound assignment q
 * as `((T = obj).p` / `((T = obj)[U = key]` and returns the text that
 * reads it again ("T.p", "T[U]") into buf; false when the target is not
 * a member (lower_nullish.c). s is the target's first token. */
bool pp_lower_member_target(lw_t *w, long q, long s, char *buf, size_t cap);
/* Generates destructuring of `src` by the pattern at token p into the
 * declarator list after token dest (lower_decl.c). */
void pp_lower_pattern(lw_t *w, long p, const char *src, long dest, long key);

/* Feature bits for pp_lower_used. */
enum {
  LWF_LET = 1u << 0, LWF_CONST = 1u << 1, LWF_ARROW = 1u << 2, LWF_TEMPLATE = 1u << 3,
  LWF_DEFAULT = 1u << 4, LWF_REST = 1u << 5, LWF_FOROF = 1u << 6, LWF_SHORTHAND = 1u << 7,
  LWF_METHOD = 1u << 8, LWF_DESTRUCT = 1u << 9, LWF_SPREAD = 1u << 10, LWF_POW = 1u << 11,
  LWF_CATCH = 1u << 12, LWF_NUMBER = 1u << 13, LWF_NULLISH = 1u << 14, LWF_LOGASSIGN = 1u << 15,
  LWF_OPTIONAL = 1u << 16, LWF_SEPARATOR = 1u << 17, LWF_CLASS = 1u << 18, LWF_OSPREAD = 1u << 19,
  LWF_ORES = 1u << 20, LWF_TAGGED = 1u << 21, LWF_GENERATOR = 1u << 22,
  LWF_ASYNC = 1u << 23
};

#endif
