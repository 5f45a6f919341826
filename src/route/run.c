/* SPDX-License-Identifier: MIT */
/*
 * The scheduler of `check`: every target's routes in PAC order, one attempt
 * at a time per target, at most `parallel` targets in flight on one curl
 * multi handle (handles are added only when they may start: the timers of an
 * added handle run while it waits, docs/libcurl-notes.md), failing over as a
 * browser does, then one verdict per target (DESIGN §1.7).
 */
#include <stdlib.h>
#include <string.h>

#include "route/route_int.h"
#include "util/str.h"

typedef struct job {
  const pp_check_target_t *t;
  pp_check_result_t *out;
  size_t next;   /* next route to try */
  pp_att_t att;  /* the attempt in flight */
  void *store;   /* the run's shared trust store (tls.c), or NULL */
} job_t;

void pp_check_opts_init(pp_check_opts_t *o) {
  memset(o, 0, sizeof(*o));
  o->connect_timeout_ms = 5000;
  o->max_time_ms = 15000;
  o->parallel = 16;
}

static bool keep_going(const pp_check_opts_t *o, const pp_attempt_t *a) {
  return o->all_routes || (!a->ok && a->failover);
}

static bool error_is(const pp_attempt_t *a, const char *code) {
  return a->error_code && strcmp(a->error_code, code) == 0;
}

static const char *verdict_of(const pp_check_target_t *t, const pp_attempt_t *a) {
  if (a->intercepted && !(a->ok && t->intercept_tolerated)) return "intercepted";
  if (a->ok) return "ok";
  if (error_is(a, "proxy-auth")) return "auth-required";
  if (error_is(a, "proxy-denied") || a->status == 403) return "blocked";
  if (error_is(a, "dns") || error_is(a, "proxy-dns")) return "dns-failed";
  if (error_is(a, "http")) return "http-error";
  return "unreachable";
}

/* The attempt a browser's failover ends at; with --all-routes the later
 * attempts are extra information and do not change it. */
static void decide(pp_check_result_t *r, const pp_check_target_t *t) {
  r->decided = -1;
  bool all_dns = r->nattempts > 0;
  for (size_t i = 0; i < r->nattempts; i++) {
    const pp_attempt_t *a = &r->attempts[i];
    all_dns = all_dns && error_is(a, "dns");
    if (!a->ok && a->failover) continue;
    r->decided = (int)i;
    r->verdict = verdict_of(t, a);
    return;
  }
  r->verdict = all_dns ? "dns-failed" : "unreachable";
}

/* Starts the job's next attempt. Returns PP_OK with att.h set when a
 * transfer must run, PP_OK with att.h NULL when the job is finished. */
static pp_status_t advance(const pp_check_opts_t *o, job_t *j) {
  pp_check_result_t *r = j->out;
  while (j->next < j->t->nroutes) {
    pp_attempt_t *v = realloc(r->attempts, (r->nattempts + 1) * sizeof(*v));
    if (!v) return PP_ENOMEM;
    r->attempts = v;
    pp_attempt_t *a = &v[r->nattempts++];
    pp_status_t st = pp_att_start(&j->att, o, j->t, &j->t->routes[j->next++], a);
    if (st != PP_OK) return st;
    if (j->att.h) {
      pp_tls_use_store(j->att.h, &j->att.tls, j->store);
      return PP_OK;
    }
    pp_att_free(&j->att);
    if (!keep_going(o, a)) break;
  }
  decide(r, j->t);
  return PP_OK;
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
  bool more = keep_going(o, att->a);
  pp_att_free(att);
  if (oom) return PP_ENOMEM;
  if (!more) j->next = j->t->nroutes;
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

pp_status_t pp_check_run(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                         pp_check_result_t *out) {
  if (!o->resolver) return PP_EINVAL;
  pp_status_t st = PP_ENOMEM;
  void *store = NULL;
  job_t *jobs = calloc(n ? n : 1, sizeof(*jobs));
  CURLM *m = curl_multi_init();
  if (!jobs || !m) goto done;
  /* --connect-timeout covers DNS too (DESIGN §1.7) */
  pp_resolver_set_timeout(o->resolver, o->connect_timeout_ms ? o->connect_timeout_ms : 5000);
  store = pp_tls_store_new(o->cacert);
  for (size_t i = 0; i < n; i++) {
    jobs[i].store = store;
    jobs[i].t = &t[i];
    jobs[i].out = &out[i];
    out[i].decided = -1;
    for (size_t k = 0; k < t[i].nroutes; k++) pp_att_prefetch(o, &t[i], &t[i].routes[k]);
  }
  st = loop(m, o, jobs, n);
done:
  for (size_t i = 0; jobs && i < n; i++) {
    if (jobs[i].att.h) curl_multi_remove_handle(m, jobs[i].att.h);
    pp_att_free(&jobs[i].att);
  }
  if (m) curl_multi_cleanup(m);
  pp_tls_store_free(store);
  free(jobs);
  return st;
}

static void attempt_clear(pp_attempt_t *a) {
  free(a->route);
  free(a->error_message);
  pp_strlist_free(a->auth_offered, a->nauth_offered);
  for (size_t i = 0; i < a->nchain; i++) {
    free(a->chain[i].subject);
    free(a->chain[i].issuer);
    free(a->chain[i].not_after);
    free(a->chain[i].sha256);
  }
  free(a->chain);
  free(a->tls_reason);
}

void pp_check_result_clear(pp_check_result_t *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nattempts; i++) attempt_clear(&r->attempts[i]);
  free(r->attempts);
  memset(r, 0, sizeof(*r));
  r->decided = -1;
}
