/* SPDX-License-Identifier: MIT */
/* The engine handle as engine.c and natives.c see it. */
#ifndef PP_PAC_ENGINE_INT_H
#define PP_PAC_ENGINE_INT_H

#include "pac/heap.h"
#include "js/instrument.h"
#include "pac/trace.h"
#include "pacprobe.h"
#include "util/str.h"

/* Chromium's kMaxUniqueResolveDnsPerExec (proxy_resolver_v8_tracing.cc). */
#define PP_MAX_DNS_PER_EXEC 20

struct pp_engine {
  pp_engine_opts_t opts;
  duk_context *ctx;
  pp_heap_ctx_t hc;
  char *script; /* kept to rebuild the heap after a limit fired */
  size_t script_len;
  char *name;
  bool loaded;
  pp_str_t err;
  int err_line;
  pp_eval_t *cur;      /* evaluation in progress, for alert() */
  char **dns_seen;     /* unique lookups of the current evaluation */
  size_t ndns_seen;
  /* C memory a native holds while it calls into Duktape, which may throw
   * past it (natives.c); freed by the next native call or evaluation. */
  pp_dns_answer_t held_ans;
  char *held_host;
  char *held_str;
  char dns_wait[256];  /* the name whose lookup the deadline cut, for the
                          timeout message; "" when none */
  char *myip;          /* probed once per engine (not tied to a request) */
  char *myip_ex;
  pp_instrumented_t instr; /* the compiled text and its return sites (trace.c) */
  pp_str_t instr_note;     /* why the PAC runs uninstrumented; empty if it is not */
  pp_trace_rt_t tr;        /* the evaluation in progress (trace.c) */
  char **warn;             /* load-time warnings (lower_engine.c) */
  size_t nwarn;
};

/* Defines the native PAC functions of e->opts.emulate on the global object
 * of e->ctx (pac-semantics.md §2-§3). Call inside a protected call. */
void pp_natives_install(pp_engine_t *e);
/* Forgets the per-evaluation DNS budget, the name a deadline cut and what
 * natives held. */
void pp_natives_reset(pp_engine_t *e);

#endif
