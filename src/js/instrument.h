/* SPDX-License-Identifier: MIT */
/* Return (and, for traces, helper-call) instrumentation of a PAC's source
 * before it is compiled: see instrument.c for the rewriting rules. */
#ifndef PP_JS_INSTRUMENT_H
#define PP_JS_INSTRUMENT_H

#include <stddef.h>

#include "js/jslex.h"
#include "pacprobe.h"

/* Names of the natives the rewritten source calls. */
#define PP_INSTR_RET "__pp_ret"
#define PP_INSTR_CALL "__pp_call"

/* Flags for pp_instrument. */
#define PP_INSTR_CALLS 1u /* also route calls of PAC helpers through __pp_call */

typedef struct pp_instr_loc {
  int line;
  int col;
} pp_instr_loc_t;

typedef struct pp_instrumented {
  char *text;              /* rewritten source, NUL-terminated, same line breaks */
  size_t len;
  pp_return_site_t *rets;  /* return statements in source order, hits 0 */
  size_t nrets;
  pp_instr_loc_t *calls;   /* rewritten helper calls (site ids), in source order */
  char **call_names;       /* the helper name of each call site */
  size_t ncalls;
} pp_instrumented_t;

/* Rewrites src[0..len) into *out (zero-initialised by the caller):
 *   return;  return}  return<newline>  ->  return __pp_ret(ID);  (no ';' added
 *                                          before an existing ';')
 *   return EXPR                         ->  return __pp_ret(ID,(EXPR))
 *   helper(ARGS)   (PP_INSTR_CALLS)      ->  __pp_call(ID,helper,ARGS)
 * ID indexes out->rets / out->calls. Only characters are inserted or
 * removed on a line, never a line break, so every line keeps its number.
 * Returns PP_OK, PP_ENOMEM, or PP_ESYNTAX when the tokenizer failed (err
 * filled when non-NULL; *out stays empty and the caller compiles the
 * original). */
pp_status_t pp_instrument(const char *src, size_t len, unsigned flags, pp_instrumented_t *out,
                          pp_js_error_t *err);

/* Frees what pp_instrument allocated and zeroes *r. NULL-safe. */
void pp_instrumented_clear(pp_instrumented_t *r);

#endif
