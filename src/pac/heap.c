/* SPDX-License-Identifier: MIT */
/*
 * The sandbox under every Duktape heap: an allocator that enforces
 * --memory-limit, the execution-timeout hook that enforces --timeout (also
 * polled by the patched regexp executor), and the Date.now() provider that
 * pins the clock for --now. All state is in the heap's udata, so engines in
 * different threads never share anything (pac-semantics.md §7, §8.4).
 */
#include "pac/heap.h"

#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

/* Every block carries its size in front so realloc/free can keep the
 * account; 16 bytes keep the payload aligned for any type. */
#define HDR 16

/* Native built-ins (Array.prototype.join, sort, String concatenation) never
 * reach the bytecode timeout hook, so a single join of 2^30 elements ran for
 * a minute past --timeout (tests/hostile/mem-string-join). They all allocate
 * as they go: once the deadline has passed, refusing every allocation makes
 * Duktape throw, and the engine reports the timeout (timed_out wins). */
static bool past_deadline(pp_heap_ctx_t *hc) {
  if (!hc->deadline_ns) return false;
  if (hc->timed_out) return true;
  if (pp_heap_now_ns() < hc->deadline_ns) return false;
  if (!hc->mem_hit) hc->timed_out = true; /* else the memory limit came first: report it */
  return true;
}

static void *lim_alloc(void *udata, duk_size_t size) {
  pp_heap_ctx_t *hc = udata;
  if (past_deadline(hc)) return NULL;
  if (hc->mem_limit && (size > hc->mem_limit || hc->mem_used + size + HDR > hc->mem_limit)) {
    hc->mem_hit = true;
    return NULL;
  }
  unsigned char *p = malloc(size + HDR);
  if (!p) return NULL;
  *(size_t *)p = size;
  hc->mem_used += size + HDR;
  return p + HDR;
}

static void lim_free(void *udata, void *ptr) {
  pp_heap_ctx_t *hc = udata;
  if (!ptr) return;
  unsigned char *p = (unsigned char *)ptr - HDR;
  hc->mem_used -= *(size_t *)p + HDR;
  free(p);
}

static void *lim_realloc(void *udata, void *ptr, duk_size_t size) {
  pp_heap_ctx_t *hc = udata;
  if (!ptr) return lim_alloc(udata, size);
  if (size == 0) {
    lim_free(udata, ptr);
    return NULL;
  }
  unsigned char *p = (unsigned char *)ptr - HDR;
  size_t old = *(size_t *)p;
  if (size > old && past_deadline(hc)) return NULL;
  if (size > old && hc->mem_limit &&
      (size > hc->mem_limit || hc->mem_used - old + size > hc->mem_limit)) {
    hc->mem_hit = true;
    return NULL;
  }
  unsigned char *q = realloc(p, size + HDR);
  if (!q) return NULL;
  *(size_t *)q = size;
  hc->mem_used = hc->mem_used - old + size;
  return q + HDR;
}

/* Duktape calls this only for errors outside any protected call, which the
 * engine never makes; reaching it is a bug in pacprobe, not in the PAC. */
static void fatal(void *udata, const char *msg) {
  (void)udata;
  (void)msg;
  abort();
}

duk_context *pp_heap_create(pp_heap_ctx_t *hc) {
  return duk_create_heap(lim_alloc, lim_realloc, lim_free, hc, fatal);
}

pp_heap_ctx_t *pp_heap_ctx(duk_context *ctx) {
  duk_memory_functions mf;
  duk_get_memory_functions(ctx, &mf);
  return mf.udata;
}

uint64_t pp_heap_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void pp_heap_arm(pp_heap_ctx_t *hc, unsigned ms) {
  hc->deadline_ns = pp_heap_now_ns() + (uint64_t)ms * 1000000u;
  hc->timed_out = false;
  hc->mem_hit = false;
}

void pp_heap_disarm(pp_heap_ctx_t *hc) { hc->deadline_ns = 0; }

int pp_duk_exec_timeout_check(void *udata) {
  pp_heap_ctx_t *hc = udata;
  if (!hc || !hc->deadline_ns) return 0;
  /* Once fired, keep answering yes until the stack unwinds: Duktape needs a
   * consistent answer to bubble the RangeError through every catch. */
  if (hc->timed_out || pp_heap_now_ns() >= hc->deadline_ns) {
    hc->timed_out = true;
    return 1;
  }
  return 0;
}

double pp_duk_date_now(void *ctx) {
  pp_heap_ctx_t *hc = pp_heap_ctx(ctx);
  if (hc && hc->now_set) return hc->now_ms;
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (double)tv.tv_sec * 1000.0 + (double)(tv.tv_usec / 1000);
}
