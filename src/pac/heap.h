/* SPDX-License-Identifier: MIT */
/* The per-heap sandbox state Duktape reaches through its heap udata: the
 * allocation budget, the deadline and the pinned clock (docs/engine.md).
 * engine.c owns one per engine; the hooks in heap.c read it. */
#ifndef PP_PAC_HEAP_H
#define PP_PAC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duktape.h"

typedef struct pp_heap_ctx {
  size_t mem_used;      /* bytes handed to Duktape, headers included */
  size_t mem_limit;     /* 0 = unlimited */
  bool mem_hit;         /* an allocation was refused since the last reset */
  uint64_t deadline_ns; /* CLOCK_MONOTONIC; 0 = no deadline */
  bool timed_out;       /* the deadline fired since the last reset */
  bool now_set;
  double now_ms;        /* pinned Date.now() */
  void *owner;          /* the pp_engine_t, for natives */
} pp_heap_ctx_t;

/* Creates a Duktape heap whose allocations are charged to hc and whose
 * timeout and clock hooks read hc. NULL on ENOMEM. */
duk_context *pp_heap_create(pp_heap_ctx_t *hc);
/* The pp_heap_ctx_t of a heap made by pp_heap_create. */
pp_heap_ctx_t *pp_heap_ctx(duk_context *ctx);
/* Monotonic clock in nanoseconds. */
uint64_t pp_heap_now_ns(void);
/* Arms the deadline ms from now and clears the fired flags. */
void pp_heap_arm(pp_heap_ctx_t *hc, unsigned ms);
/* Disarms the deadline. */
void pp_heap_disarm(pp_heap_ctx_t *hc);

/* Hooks named in the patched duk_config.h (cmake/duktape.cmake). */
int pp_duk_exec_timeout_check(void *udata);
double pp_duk_date_now(void *ctx);

#endif
