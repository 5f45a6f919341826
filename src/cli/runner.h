/* SPDX-License-Identifier: MIT */
/* Bulk evaluation for `eval`: N engines in N threads, results handed back
 * in input order through a bounded reorder window, hosts of upcoming URLs
 * resolved ahead, run statistics. */
#ifndef PP_CLI_RUNNER_H
#define PP_CLI_RUNNER_H

#include "cli/cli.h"

/* Called on the submitting thread, in input order: an evaluated URL (ev set)
 * or a line to echo as it is (ev NULL, text set; pactester's "#" lines). */
typedef void (*pp_runner_emit_cb)(void *udata, const pp_eval_t *ev, const char *where,
                                  const char *text);

typedef struct pp_runner_cfg {
  pp_engine_t **engines; /* jobs loaded engines, not owned; one per thread */
  size_t jobs;
  pp_emulation_t mode;       /* for the record types resolved ahead */
  pp_resolver_t *resolver;   /* shared by the engines */
  const char *host_override; /* --host */
  bool prefetch;             /* resolve hosts of upcoming URLs ahead */
  bool progress;             /* a progress line on stderr after 1 s */
  pp_runner_emit_cb emit;
  void *udata;
} pp_runner_cfg_t;

typedef struct pp_runner pp_runner_t;

typedef struct pp_run_stats {
  unsigned long urls;   /* evaluated (echoed lines not counted) */
  unsigned long failed; /* status other than PP_OK */
  double wall_ms;       /* from pp_runner_new to the last result */
  double p50_ms, p99_ms; /* per-evaluation time (log buckets, 2 % resolution) */
} pp_run_stats_t;

/* Starts the threads. NULL on ENOMEM or when a thread cannot start. */
pp_runner_t *pp_runner_new(const pp_runner_cfg_t *cfg);
/* Queues a URL (copied); may emit earlier results; blocks while the window
 * is full. -1 on ENOMEM (the run must stop), else 0. */
int pp_runner_submit(pp_runner_t *r, const char *url, const char *where);
/* Queues a line to echo in order. -1 on ENOMEM. */
int pp_runner_echo(pp_runner_t *r, const char *text);
/* Input bytes read so far and in total (0 = unknown), for the ETA. */
void pp_runner_progress_bytes(pp_runner_t *r, unsigned long long done, unsigned long long total);
/* Emits everything left and stops the threads. -1 if an evaluation ran out
 * of memory (reported once), else 0. */
int pp_runner_finish(pp_runner_t *r, pp_run_stats_t *stats);
void pp_runner_free(pp_runner_t *r);

#endif
