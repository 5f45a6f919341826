/* SPDX-License-Identifier: MIT */
/*
 * pp_lower: source-to-source lowering of the ES2015+ syntax real PAC files
 * use (let/const, arrows, templates, default/rest parameters, for…of,
 * shorthand properties, destructuring declarations, spread, `**`, optional
 * catch binding, 0b/0o numbers) into the ES5 Duktape compiles, plus the
 * detection of constructs it does not lower (class, generators, async, …).
 * Pure functions over jslex tokens (docs/modern-js.md).
 *
 * Positions: the output has exactly the line breaks of the input at the
 * same lines (text moved within the file is flattened onto the line it
 * lands on), so a Duktape error line in the lowered text is the line of the
 * original file; pp_lower_map turns a lowered offset into the original
 * line:col for finer positions. Every error and warning carries original
 * positions.
 */
#ifndef PP_JS_LOWER_H
#define PP_JS_LOWER_H

#include <stdbool.h>
#include <stddef.h>

#include "pacprobe.h"

/* One finding. `feature` is the construct as users write it ("class",
 * "arrow function", "regex flag 'u'"), `es` the edition that added it. */
typedef struct pp_lower_diag {
  int line; /* 1-based, original file */
  int col;  /* 1-based, code points (jslex.h) */
  char feature[48];
  char es[8];   /* "ES2015" ... */
  char msg[160]; /* extra detail (lexer message, closure note); may be "" */
} pp_lower_diag_t;

typedef struct pp_lower_anchor {
  size_t lowered_off; /* where an original token starts in the output */
  int line, col;      /* its original position */
} pp_lower_anchor_t;

typedef struct pp_lower_result {
  bool changed;  /* false: the input has no ES2015+ construct; text is NULL */
  char *text;    /* lowered source, NUL-terminated (changed only) */
  size_t len;
  pp_lower_diag_t error;    /* set when pp_lower returns PP_EUNSUPPORTED */
  pp_lower_diag_t *lowered; /* first use of each lowered construct, source order */
  size_t nlowered;
  pp_lower_diag_t *notes;   /* behaviour notes (loop closures); source order */
  size_t nnotes;
  pp_lower_anchor_t *map;   /* one per original token, ascending (changed only) */
  size_t nmap;
} pp_lower_result_t;

/*
 * Lowers src[0..len) into *out (zero-initialised by the caller). Returns
 *   PP_OK            out->changed tells whether anything was rewritten; an
 *                    ES5 script comes back unchanged (text NULL);
 *   PP_EUNSUPPORTED  a construct pacprobe does not lower; out->error says
 *                    which and where (original position);
 *   PP_ESYNTAX       the tokenizer failed (out->error.msg has its message);
 *                    the caller compiles the original and lets Duktape speak;
 *   PP_ENOMEM.
 * Never reads past len; bounded work (linear passes plus per-declaration
 * scans of the enclosing function).
 */
pp_status_t pp_lower(const char *src, size_t len, pp_lower_result_t *out);

/* Frees what pp_lower allocated and zeroes *r. NULL-safe. */
void pp_lower_clear(pp_lower_result_t *r);

/* Original line:col of lowered offset `off` (the original token at or
 * before it). False when r has no map (unchanged script). */
bool pp_lower_map(const pp_lower_result_t *r, size_t off, int *line, int *col);

/* Formats the distinct unsupported-feature line (DESIGN §1 exit 2):
 * "NAME:LINE:COL: unsupported JavaScript feature 'F' (ESxxxx) — browsers
 * accept this; pacprobe's engine does not". */
void pp_lower_format_unsupported(const pp_lower_diag_t *d, const char *name, char *buf,
                                 size_t cap);

/* The lint hook: every finding about engines for src, in source order, one
 * line each into *lines (malloc'd array of malloc'd strings "LINE:COL:
 * text", caller frees with pp_strlist_free), for emulation `mode`:
 * unsupported constructs (every mode), lowered constructs and polyfilled
 * built-ins WinHTTP's legacy engine rejects (winhttp only; "pacparser" too,
 * whose SpiderMonkey is ES3-era), loop-closure notes. Only the first
 * unsupported construct is listed (the pass stops there); *nerr counts it.
 * Findings in the lowered constructs stop at that point too. PP_OK,
 * PP_ENOMEM. */
pp_status_t pp_lower_findings(const char *src, size_t len, pp_emulation_t mode, char ***lines,
                              size_t *n, size_t *nerr);

/* Engine hook (lower_engine.c), called by pp_engine_load after
 * instrumentation: checks the original script (PP_EUNSUPPORTED with the
 * distinct message in the engine's error), lowers the kept script and the
 * instrumented text when the PAC has ES2015+ syntax, and collects the
 * load-time warnings. PP_OK, PP_EUNSUPPORTED or PP_ENOMEM. */
pp_status_t pp_lower_engine(pp_engine_t *e);

#endif
