/* SPDX-License-Identifier: MIT */
/*
 * The libcurl backend's scheduler (route_int.h pp_route_backend_run): at
 * most `parallel` targets in flight on one curl multi handle, handles added
 * only when they may start (the timers of an added handle run while it
 * waits, docs/libcurl-notes.md), parallelism lowered to what the open-file
 * limit allows. Which route comes next and the verdict are ../policy.c's.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "route/curl/curl_int.h"

typedef struct job {
  pp_rjob_t *rj;
  pp_att_t att;  /* the attempt in flight */
  void *store;   /* the run's shared trust store (tls.c), or NULL */
} job_t;

/* Gives the attempt in flight at most `left` ms, connecting included
 * (../policy.c: --max-time covers the whole target). */
static void clamp_attempt(const pp_check_opts_t *o, job_t *j, double left) {
  long ms = left < 1 ? 1 : (long)left;
  long connect = o->connect_timeout_ms ? (long)o->connect_timeout_ms : 5000;
  curl_easy_setopt(j->att.h, CURLOPT_TIMEOUT_MS, ms);
  curl_easy_setopt(j->att.h, CURLOPT_CONNECTTIMEOUT_MS, connect < ms ? connect : ms);
}

/* Starts the job's next attempt. Returns PP_OK with att.h set when a
 * transfer must run, PP_OK with att.h NULL when the job is finished. */
static pp_status_t advance(const pp_check_opts_t *o, job_t *j) {
  for (;;) {
    const pp_route_t *r;
    pp_attempt_t *a;
    pp_status_t st = pp_rjob_next(o, j->rj, &r, &a);
    if (st != PP_OK || !r) return st;
    st = pp_att_start(&j->att, o, j->rj->t, r, a);
    if (st != PP_OK) return st;
    if (j->att.h) {
      clamp_attempt(o, j, j->rj->left_ms);
      pp_tls_use_store(j->att.h, &j->att.tls, j->store);
      return PP_OK;
    }
    pp_att_free(&j->att);
    pp_rjob_done(o, j->rj, a);
  }
}

/* Out of file descriptors (issue 15 item 11). The open-file limit is
 * pacprobe's, not the far end's, so it is never reported as a refusal:
 *  1. Before the run, parallelism is lowered to what RLIMIT_NOFILE leaves:
 *     one socket per target in flight, FD_RESERVE kept for stdio, the
 *     resolver, the multi handle's wake-up pair and files.
 *  2. An attempt whose socket() still fails with EMFILE/ENFILE while other
 *     transfers are in flight is put back (not counted) and run when they
 *     end, and parallelism drops to what was in flight then.
 *  3. With nothing in flight the attempt keeps its `local-limit` error. */
#define FD_RESERVE 16

typedef struct sched {
  size_t active;
  unsigned par;
  job_t **retry; /* jobs put back after EMFILE, run first */
  size_t nretry;
  pp_check_stats_t *stats;
} sched_t;

/* Descriptors in use below limit (counted only for small limits). */
static long fds_open(long limit) {
  long n = 0;
  for (long fd = 0; fd < limit; fd++) n += fcntl((int)fd, F_GETFD) != -1;
  return n;
}

static unsigned fd_parallel(unsigned want, long *limit) {
  struct rlimit rl;
  *limit = -1;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return want;
  *limit = (long)rl.rlim_cur;
  if (*limit > 65536) return want; /* plenty; not worth counting */
  long free_fds = *limit - fds_open(*limit) - FD_RESERVE;
  if (free_fds < 1) return 1;
  return (unsigned long)free_fds < want ? (unsigned)free_fds : want;
}

static pp_status_t launch(CURLM *m, const pp_check_opts_t *o, job_t *j, sched_t *s) {
  pp_status_t st = advance(o, j);
  if (st == PP_OK && j->att.h) {
    if (curl_multi_add_handle(m, j->att.h) != CURLM_OK) return PP_ENOMEM;
    s->active++;
  }
  return st;
}

/* Rule 2: forgets the attempt that hit the limit and queues its job again. */
static void put_back(job_t *j, sched_t *s) {
  pp_rjob_retry(j->rj);
  s->retry[s->nretry++] = j;
  s->par = s->active > 0 ? (unsigned)s->active : 1;
  if (s->stats) s->stats->fd_retries++;
}

static pp_status_t finished(CURLM *m, const pp_check_opts_t *o, CURLMsg *msg, sched_t *s) {
  pp_att_t *att = NULL;
  curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&att);
  job_t *j = (job_t *)((char *)att - offsetof(job_t, att));
  CURLcode rc = msg->data.result;
  curl_multi_remove_handle(m, att->h);
  s->active--;
  pp_att_finish(att, rc);
  bool oom = att->oom;
  bool limit = att->a->error_code && strcmp(att->a->error_code, "local-limit") == 0;
  if (!(limit && s->active > 0)) pp_rjob_done(o, j->rj, att->a);
  pp_att_free(att);
  if (oom) return PP_ENOMEM;
  if (limit && s->active > 0) {
    put_back(j, s);
    return PP_OK;
  }
  return launch(m, o, j, s);
}

static pp_status_t loop(CURLM *m, const pp_check_opts_t *o, job_t *jobs, size_t n, sched_t *s) {
  size_t started = 0;
  pp_status_t st = PP_OK;
  while (st == PP_OK && (started < n || s->active > 0 || s->nretry > 0)) {
    while (st == PP_OK && s->nretry > 0 && s->active < s->par)
      st = launch(m, o, s->retry[--s->nretry], s);
    while (st == PP_OK && started < n && s->active < s->par) st = launch(m, o, &jobs[started++], s);
    int running = 0, left = 0;
    if (st != PP_OK || curl_multi_perform(m, &running) != CURLM_OK) break;
    CURLMsg *msg;
    while (st == PP_OK && (msg = curl_multi_info_read(m, &left)))
      if (msg->msg == CURLMSG_DONE) st = finished(m, o, msg, s);
    if (st == PP_OK && s->active > 0) curl_multi_poll(m, NULL, 0, 100, NULL);
  }
  return st;
}

/* Lowers parallelism to the open-file limit (rule 1), runs, records it. */
static pp_status_t run_sched(CURLM *m, const pp_check_opts_t *o, job_t *jobs, size_t n) {
  sched_t s = {0, 0, calloc(n ? n : 1, sizeof(job_t *)), 0, o->stats};
  unsigned want = o->parallel ? o->parallel : 16;
  long limit;
  s.par = fd_parallel(want, &limit);
  if (o->stats && o->stats->parallel_asked == 0) {
    o->stats->parallel_asked = want;
    o->stats->fd_limit = limit;
  }
  pp_status_t st = s.retry ? loop(m, o, jobs, n, &s) : PP_ENOMEM;
  if (o->stats && (o->stats->parallel == 0 || s.par < o->stats->parallel)) o->stats->parallel = s.par;
  free(s.retry);
  return st;
}

pp_status_t pp_route_backend_run(const pp_check_opts_t *o, pp_rjob_t *rjobs, size_t n,
                                 void *trust) {
  pp_status_t st = PP_ENOMEM;
  job_t *jobs = calloc(n ? n : 1, sizeof(*jobs));
  CURLM *m = curl_multi_init();
  if (!jobs || !m) goto done;
  for (size_t i = 0; i < n; i++) {
    jobs[i].rj = &rjobs[i];
    jobs[i].store = trust;
    for (size_t k = 0; k < rjobs[i].t->nroutes && k < PP_CHECK_MAX_ROUTES; k++)
      pp_att_prefetch(o, rjobs[i].t, &rjobs[i].t->routes[k]);
  }
  st = run_sched(m, o, jobs, n);
done:
  for (size_t i = 0; jobs && i < n; i++) {
    if (jobs[i].att.h) curl_multi_remove_handle(m, jobs[i].att.h);
    pp_att_free(&jobs[i].att);
  }
  if (m) curl_multi_cleanup(m);
  free(jobs);
  return st;
}
