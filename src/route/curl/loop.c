/* SPDX-License-Identifier: MIT */
/*
 * The libcurl backend's scheduler (route_int.h pp_route_backend_run): at
 * most `parallel` targets in flight on one curl multi handle, handles added
 * only when they may start (the timers of an added handle run while it
 * waits, docs/libcurl-notes.md). Which route comes next and the verdict are
 * ../policy.c's.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "route/curl/curl_int.h"

typedef struct job {
  pp_rjob_t *rj;
  pp_att_t att;  /* the attempt in flight */
  void *store;   /* the run's shared trust store (tls.c), or NULL */
} job_t;

/* Starts the job's next attempt. Returns PP_OK with att.h set when a
 * transfer must run, PP_OK with att.h NULL when the job is finished. */
static pp_status_t advance(const pp_check_opts_t *o, job_t *j) {
  for (;;) {
    const pp_route_t *r;
    pp_attempt_t *a;
    pp_status_t st = pp_rjob_next(j->rj, &r, &a);
    if (st != PP_OK || !r) return st;
    st = pp_att_start(&j->att, o, j->rj->t, r, a);
    if (st != PP_OK) return st;
    if (j->att.h) {
      pp_tls_use_store(j->att.h, &j->att.tls, j->store);
      return PP_OK;
    }
    pp_att_free(&j->att);
    pp_rjob_done(o, j->rj, a);
  }
}

static pp_status_t launch(CURLM *m, const pp_check_opts_t *o, job_t *j, size_t *active) {
  pp_status_t st = advance(o, j);
  if (st == PP_OK && j->att.h) {
    if (curl_multi_add_handle(m, j->att.h) != CURLM_OK) return PP_ENOMEM;
    (*active)++;
  }
  return st;
}

static pp_status_t finished(CURLM *m, const pp_check_opts_t *o, CURLMsg *msg, size_t *active) {
  pp_att_t *att = NULL;
  curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&att);
  job_t *j = (job_t *)((char *)att - offsetof(job_t, att));
  CURLcode rc = msg->data.result;
  curl_multi_remove_handle(m, att->h);
  (*active)--;
  pp_att_finish(att, rc);
  bool oom = att->oom;
  pp_rjob_done(o, j->rj, att->a);
  pp_att_free(att);
  if (oom) return PP_ENOMEM;
  return launch(m, o, j, active);
}

static pp_status_t loop(CURLM *m, const pp_check_opts_t *o, job_t *jobs, size_t n) {
  size_t started = 0, active = 0;
  pp_status_t st = PP_OK;
  unsigned par = o->parallel ? o->parallel : 16;
  while (st == PP_OK && (started < n || active > 0)) {
    while (st == PP_OK && started < n && active < par) st = launch(m, o, &jobs[started++], &active);
    int running = 0, left = 0;
    if (st != PP_OK || curl_multi_perform(m, &running) != CURLM_OK) break;
    CURLMsg *msg;
    while (st == PP_OK && (msg = curl_multi_info_read(m, &left)))
      if (msg->msg == CURLMSG_DONE) st = finished(m, o, msg, &active);
    if (st == PP_OK && active > 0) curl_multi_poll(m, NULL, 0, 100, NULL);
  }
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
    for (size_t k = 0; k < rjobs[i].t->nroutes; k++)
      pp_att_prefetch(o, rjobs[i].t, &rjobs[i].t->routes[k]);
  }
  st = loop(m, o, jobs, n);
done:
  for (size_t i = 0; jobs && i < n; i++) {
    if (jobs[i].att.h) curl_multi_remove_handle(m, jobs[i].att.h);
    pp_att_free(&jobs[i].att);
  }
  if (m) curl_multi_cleanup(m);
  free(jobs);
  return st;
}
