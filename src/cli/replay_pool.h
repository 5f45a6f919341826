/* SPDX-License-Identifier: MIT */
/* The evaluation threads of a memoised log replay (replay_pool.c): the
 * main thread reads the log and counts, the pool evaluates each new
 * script input on every side, in parallel, out of order (a memoised
 * script keeps no state and reads no clock, so order cannot matter). */
#ifndef PP_CLI_REPLAY_POOL_H
#define PP_CLI_REPLAY_POOL_H

#include <stdint.h>

#include "cli/cli.h"

typedef struct pp_replay_job {
  char *url;      /* the URL as logged (NUL-terminated, owned) */
  uint32_t link;  /* the caller's handle */
  char *key;      /* the memo key (owned, may be NULL) */
  size_t keylen;
  uint64_t keyhash;
  /* filled by the pool */
  int status;     /* 0 evaluated, 1 a bad URL (err says why), -1 out of memory */
  char *res[2];   /* canonical result or "ERROR" per side (owned) */
  char *host;     /* the host the script saw (owned) */
  char *err;      /* a bad URL's reason (owned) */
} pp_replay_job_t;

typedef struct pp_replay_pool pp_replay_pool_t;

/* threads threads, each with `sides` engines loaded from texts[side]
 * (lens, name) with opts. NULL on failure (reported on stderr: a PAC that
 * loaded once loads again, so only out of memory or a thread). */
pp_replay_pool_t *pp_replay_pool_new(size_t threads, size_t sides, const pp_engine_opts_t *opts,
                                     char *const texts[2], const size_t lens[2],
                                     const char *const names[2], const char *host_override);
/* Queues a job (taken over); blocks while the queue is full. */
void pp_replay_pool_submit(pp_replay_pool_t *p, pp_replay_job_t *job);
/* Finished jobs (the caller frees them with pp_replay_job_free): up to max
 * into out; with wait, blocks until one is done unless none is in flight. */
size_t pp_replay_pool_done(pp_replay_pool_t *p, pp_replay_job_t **out, size_t max, bool wait);
/* Jobs submitted and not yet handed back. */
size_t pp_replay_pool_in_flight(pp_replay_pool_t *p);
size_t pp_replay_pool_threads(const pp_replay_pool_t *p);
void pp_replay_pool_free(pp_replay_pool_t *p);
void pp_replay_job_free(pp_replay_job_t *j);

#endif
