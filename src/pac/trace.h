/* SPDX-License-Identifier: MIT */
/* Per-evaluation bookkeeping behind return instrumentation and traces:
 * the natives __pp_ret/__pp_call and the hooks natives.c calls (trace.c). */
#ifndef PP_PAC_TRACE_H
#define PP_PAC_TRACE_H

#include "duktape.h"
#include "pacprobe.h"

struct pp_engine;

/* State of the evaluation in progress, reset by pp_trace_begin. */
typedef struct pp_trace_rt {
  long decided;     /* return site index of the deciding return, -1 none */
  long origin;      /* innermost return whose value became the result, -1 none */
  long last_site;   /* the last return executed (any depth), -1 none */
  long last_origin;
  int last_depth;
  char *last_value; /* its value when a string and tracing, else NULL */
  int call_depth;   /* nesting of __pp_call (helper inside helper) */
  int call_line;    /* PAC line of the outermost helper call running */
} pp_trace_rt_t;

/* Defines __pp_ret and __pp_call (hidden: not enumerable, not writable) on
 * the global object. Call inside a protected call. */
void pp_trace_install(struct pp_engine *e);
/* Starts an evaluation: clears the per-evaluation state. */
void pp_trace_begin(struct pp_engine *e);
/* Ends one: copies the deciding site into out when ok, frees the state. */
void pp_trace_end(struct pp_engine *e, pp_eval_t *out, bool ok);
/* Records a lookup made by a native (no-op unless tracing). */
void pp_trace_dns(struct pp_engine *e, const char *host, const pp_dns_answer_t *ans);
/* Records an alert() message at the PAC line now running. */
void pp_trace_alert(struct pp_engine *e, duk_context *ctx, const char *msg);

#endif
