/* SPDX-License-Identifier: MIT */
/*
 * The scheduler of `check`: every target's routes in PAC order, one attempt
 * at a time per target, at most `parallel` targets in flight on one curl
 * multi handle (handles are added only when they may start: the timers of an
 * added handle run while it waits, docs/libcurl-notes.md), failing over as a
 * browser does, then one verdict per target (DESIGN §1.7).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "route/route_int.h"
#include "util/str.h"

/*
 * Bounds per target (issue 15 item 4; a PAC listing 50,000 closed proxies
 * took 69 s, 200,000 did not finish):
 *   1. at most PP_CHECK_MAX_ROUTES attempts; the entries after them are
 *      counted as untried, never silently dropped;
 *   2. --max-time covers the whole target: it starts with the target's
 *      first attempt, each attempt gets only what is left (curl's
 *      CURLOPT_TIMEOUT_MS and CURLOPT_CONNECTTIMEOUT_MS), and no attempt
 *      starts once it is spent;
 *   3. the attempts array grows by doubling and only the entries that can
 *      be tried have their names resolved ahead.
 */
typedef struct job {
  const pp_check_target_t *t;
  pp_check_result_t *out;
  size_t next;     /* next route to try */
  pp_att_t att;    /* the attempt in flight */
  void *store;     /* the run's shared trust store (tls.c), or NULL */
  size_t cap;      /* attempts allocated */
  double start_ms; /* the first attempt's start (monotonic), 0 before */
} job_t;

/* No attempt starts with less of --max-time left than this: it could not
 * even complete a handshake, and would only add a meaningless timeout. */
#define MIN_ATTEMPT_MS 100.0

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static unsigned max_time(const pp_check_opts_t *o) { return o->max_time_ms ? o->max_time_ms : 15000; }

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
  if (error_is(a, "local-limit")) return "local-limit";
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
static bool room_for_attempt(pp_check_result_t *r, job_t *j) {
  if (r->nattempts < j->cap) return true;
  size_t cap = j->cap ? j->cap * 2 : 4;
  pp_attempt_t *v = realloc(r->attempts, cap * sizeof(*v));
  if (!v) return false;
  r->attempts = v;
  j->cap = cap;
  return true;
}

/* The time left of the target's --max-time, in ms (<= 0: spent). */
static double time_left(const pp_check_opts_t *o, job_t *j) {
  if (j->start_ms == 0) j->start_ms = now_ms();
  return (double)max_time(o) - (now_ms() - j->start_ms);
}

/* Gives the attempt in flight at most `left` ms, connecting included. */
static void clamp_attempt(const pp_check_opts_t *o, job_t *j, double left) {
  long ms = left < 1 ? 1 : (long)left;
  long connect = o->connect_timeout_ms ? (long)o->connect_timeout_ms : 5000;
  curl_easy_setopt(j->att.h, CURLOPT_TIMEOUT_MS, ms);
  curl_easy_setopt(j->att.h, CURLOPT_CONNECTTIMEOUT_MS, connect < ms ? connect : ms);
}

static pp_status_t advance(const pp_check_opts_t *o, job_t *j) {
  pp_check_result_t *r = j->out;
  while (j->next < j->t->nroutes) {
    double left = time_left(o, j);
    if (r->nattempts >= PP_CHECK_MAX_ROUTES || left < MIN_ATTEMPT_MS) {
      r->untried = j->t->nroutes - j->next;
      r->untried_deadline = left < MIN_ATTEMPT_MS;
      break;
    }
    if (!room_for_attempt(r, j)) return PP_ENOMEM;
    pp_attempt_t *a = &r->attempts[r->nattempts++];
    pp_status_t st = pp_att_start(&j->att, o, j->t, &j->t->routes[j->next++], a);
    if (st != PP_OK) return st;
    if (j->att.h) {
      clamp_attempt(o, j, left);
      pp_tls_use_store(j->att.h, &j->att.tls, j->store);
      return PP_OK;
    }
    pp_att_free(&j->att);
    if (!keep_going(o, a)) break;
  }
  decide(r, j->t);
  return PP_OK;
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
static bool put_back(job_t *j, sched_t *s) {
  pp_check_result_t *r = j->out;
  pp_attempt_clear(&r->attempts[--r->nattempts]);
  j->next--;
  s->retry[s->nretry++] = j;
  s->par = s->active > 0 ? (unsigned)s->active : 1;
  if (s->stats) s->stats->fd_retries++;
  return true;
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
  bool more = keep_going(o, att->a);
  bool limit = att->a->error_code && strcmp(att->a->error_code, "local-limit") == 0;
  pp_att_free(att);
  if (oom) return PP_ENOMEM;
  if (limit && s->active > 0) return put_back(j, s) ? PP_OK : PP_ENOMEM;
  if (!more) j->next = j->t->nroutes;
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

/* Runs targets t (results in out) on a fresh multi handle with the run's
 * trust store. */
static pp_status_t run_targets(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                               pp_check_result_t *out, void *store) {
  pp_status_t st = PP_ENOMEM;
  job_t *jobs = calloc(n ? n : 1, sizeof(*jobs));
  CURLM *m = curl_multi_init();
  if (!jobs || !m) goto done;
  for (size_t i = 0; i < n; i++) {
    jobs[i].store = store;
    jobs[i].t = &t[i];
    jobs[i].out = &out[i];
    out[i].decided = -1;
    for (size_t k = 0; k < t[i].nroutes && k < PP_CHECK_MAX_ROUTES; k++)
      pp_att_prefetch(o, &t[i], &t[i].routes[k]);
  }
  sched_t s = {0, 0, calloc(n ? n : 1, sizeof(job_t *)), 0, o->stats};
  unsigned want = o->parallel ? o->parallel : 16;
  long limit;
  s.par = fd_parallel(want, &limit);
  if (o->stats && o->stats->parallel_asked == 0) {
    o->stats->parallel_asked = want;
    o->stats->fd_limit = limit;
  }
  st = s.retry ? loop(m, o, jobs, n, &s) : PP_ENOMEM;
  if (o->stats && (o->stats->parallel == 0 || s.par < o->stats->parallel)) o->stats->parallel = s.par;
  free(s.retry);
done:
  for (size_t i = 0; jobs && i < n; i++) {
    if (jobs[i].att.h) curl_multi_remove_handle(m, jobs[i].att.h);
    pp_att_free(&jobs[i].att);
  }
  if (m) curl_multi_cleanup(m);
  free(jobs);
  return st;
}

/* The attempt of r that decided through a proxy and saw a chain the
 * comparison can use, or NULL. */
static pp_attempt_t *proxied_chain(pp_check_result_t *r) {
  if (r->decided < 0) return NULL;
  pp_attempt_t *a = &r->attempts[r->decided];
  if (!a->tls || a->nchain == 0 || a->intercepted || strncmp(a->route, "DIRECT", 6) == 0)
    return NULL;
  return a;
}

/* --compare-direct (DESIGN §1.7 interception verdict): an intercepting
 * proxy whose CA the machine trusts still shows itself by presenting a
 * different leaf than the origin does when reached DIRECT. Targets whose
 * DIRECT fetch sees no chain are left as they were. */
static pp_status_t compare_direct(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                                  pp_check_result_t *out, void *store) {
  static const pp_route_t direct = {PP_ROUTE_DIRECT, NULL, 0};
  pp_check_target_t *dt = calloc(n ? n : 1, sizeof(*dt));
  pp_check_result_t *dr = calloc(n ? n : 1, sizeof(*dr));
  size_t *idx = calloc(n ? n : 1, sizeof(*idx));
  size_t m = 0;
  pp_status_t st = PP_ENOMEM;
  if (!dt || !dr || !idx) goto done;
  for (size_t i = 0; i < n; i++) {
    if (!proxied_chain(&out[i])) continue;
    dt[m] = t[i];
    dt[m].routes = &direct;
    dt[m].nroutes = 1;
    idx[m++] = i;
  }
  pp_check_opts_t od = *o;
  od.all_routes = false;
  od.compare_direct = false;
  st = m ? run_targets(&od, dt, m, dr, store) : PP_OK;
  for (size_t k = 0; st == PP_OK && k < m; k++) {
    pp_attempt_t *a = proxied_chain(&out[idx[k]]);
    const pp_attempt_t *d = dr[k].nattempts ? &dr[k].attempts[0] : NULL;
    if (!a || !d || !d->tls || d->nchain == 0 ||
        strcmp(a->chain[0].sha256, d->chain[0].sha256) == 0)
      continue;
    pp_str_t why = PP_STR_INIT;
    pp_str_printf(&why, "the certificate seen through the proxy (%s, issuer %s) differs from the "
                  "one seen DIRECT (issuer %s)", a->chain[0].subject, a->chain[0].issuer,
                  d->chain[0].issuer);
    char *reason = pp_str_take(&why);
    if (!reason) {
      st = PP_ENOMEM;
      break;
    }
    free(a->tls_reason);
    a->tls_reason = reason;
    a->intercepted = true;
    decide(&out[idx[k]], &t[idx[k]]);
  }
done:
  for (size_t k = 0; dr && k < m; k++) pp_check_result_clear(&dr[k]);
  free(dt);
  free(dr);
  free(idx);
  return st;
}

pp_status_t pp_check_run(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                         pp_check_result_t *out) {
  if (!o->resolver) return PP_EINVAL;
  /* --connect-timeout covers DNS too (DESIGN §1.7) */
  pp_resolver_set_timeout(o->resolver, o->connect_timeout_ms ? o->connect_timeout_ms : 5000);
  void *store = pp_tls_store_new(o->cacert);
  pp_status_t st = run_targets(o, t, n, out, store);
  if (st == PP_OK && o->compare_direct) st = compare_direct(o, t, n, out, store);
  pp_tls_store_free(store);
  return st;
}

void pp_attempt_clear(pp_attempt_t *a) {
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
  free(a->proxy_reason);
  pp_strlist_free(a->dns_chain, a->ndns_chain);
}

void pp_check_result_clear(pp_check_result_t *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nattempts; i++) pp_attempt_clear(&r->attempts[i]);
  free(r->attempts);
  memset(r, 0, sizeof(*r));
  r->decided = -1;
}
