/* SPDX-License-Identifier: MIT */
/*
 * The failover policy and verdicts of `check` (DESIGN §1.7), whatever stack
 * carries the attempts: every target's routes in PAC order, one attempt at
 * a time per target, failing over as a browser does, then one verdict per
 * target; and --compare-direct. The transfers themselves are the backend's
 * (route_int.h: src/route/curl/ or src/route/win/).
 */
#include <stdlib.h>
#include <string.h>

#include "route/route_int.h"
#include "util/str.h"

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

/*
 * Bounds per target (issue 15 item 4; a PAC listing 50,000 closed proxies
 * took 69 s, 200,000 did not finish):
 *   1. at most PP_CHECK_MAX_ROUTES attempts; the entries after them are
 *      counted as untried, never silently dropped;
 *   2. --max-time covers the whole target: it starts with the target's
 *      first attempt, each attempt gets only what is left (j->left_ms, which
 *      the backend gives its transfer), and no attempt starts once it is
 *      spent;
 *   3. the attempts array grows by doubling and only the entries that can
 *      be tried have their names resolved ahead (the backends' prefetch).
 */

/* No attempt starts with less of --max-time left than this: it could not
 * even complete a handshake, and would only add a meaningless timeout. */
#define MIN_ATTEMPT_MS 100.0

static unsigned max_time(const pp_check_opts_t *o) { return o->max_time_ms ? o->max_time_ms : 15000; }

static bool room_for_attempt(pp_check_result_t *r, pp_rjob_t *j) {
  if (r->nattempts < j->cap) return true;
  size_t cap = j->cap ? j->cap * 2 : 4;
  pp_attempt_t *v = realloc(r->attempts, cap * sizeof(*v));
  if (!v) return false;
  r->attempts = v;
  j->cap = cap;
  return true;
}

/* The time left of the target's --max-time, in ms (<= 0: spent). */
static double time_left(const pp_check_opts_t *o, pp_rjob_t *j) {
  if (j->start_ms == 0) j->start_ms = pp_dns_now_ms();
  return (double)max_time(o) - (pp_dns_now_ms() - j->start_ms);
}

pp_status_t pp_rjob_next(const pp_check_opts_t *o, pp_rjob_t *j, const pp_route_t **r,
                         pp_attempt_t **a) {
  pp_check_result_t *res = j->out;
  *r = NULL;
  *a = NULL;
  if (j->next < j->t->nroutes) {
    double left = time_left(o, j);
    if (res->nattempts >= PP_CHECK_MAX_ROUTES || left < MIN_ATTEMPT_MS) {
      res->untried = j->t->nroutes - j->next;
      res->untried_deadline = left < MIN_ATTEMPT_MS;
      j->next = j->t->nroutes;
    }
    j->left_ms = left;
  }
  if (j->next >= j->t->nroutes) {
    decide(res, j->t);
    return PP_OK;
  }
  if (!room_for_attempt(res, j)) return PP_ENOMEM;
  *a = &res->attempts[res->nattempts++];
  memset(*a, 0, sizeof(**a));
  *r = &j->t->routes[j->next++];
  return PP_OK;
}

void pp_rjob_done(const pp_check_opts_t *o, pp_rjob_t *j, const pp_attempt_t *a) {
  if (!keep_going(o, a)) j->next = j->t->nroutes;
}

void pp_rjob_retry(pp_rjob_t *j) {
  pp_check_result_t *r = j->out;
  pp_attempt_clear(&r->attempts[--r->nattempts]);
  j->next--;
}

/* Runs targets t (results in out) with the run's trust. */
static pp_status_t run_targets(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                               pp_check_result_t *out, void *trust) {
  pp_rjob_t *jobs = calloc(n ? n : 1, sizeof(*jobs));
  if (!jobs) return PP_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    jobs[i].t = &t[i];
    jobs[i].out = &out[i];
    out[i].decided = -1;
  }
  pp_status_t st = pp_route_backend_run(o, jobs, n, trust);
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

/* Marks a intercepted when the DIRECT attempt d saw another leaf. */
static pp_status_t compare_one(pp_attempt_t *a, const pp_attempt_t *d, bool *changed) {
  *changed = false;
  if (!d || !d->tls || d->nchain == 0 || strcmp(a->chain[0].sha256, d->chain[0].sha256) == 0)
    return PP_OK;
  pp_str_t why = PP_STR_INIT;
  pp_str_printf(&why, "the certificate seen through the proxy (%s, issuer %s) differs from the "
                "one seen DIRECT (issuer %s)", a->chain[0].subject, a->chain[0].issuer,
                d->chain[0].issuer);
  char *reason = pp_str_take(&why);
  if (!reason) return PP_ENOMEM;
  free(a->tls_reason);
  a->tls_reason = reason;
  a->intercepted = true;
  *changed = true;
  return PP_OK;
}

/* --compare-direct (DESIGN §1.7 interception verdict): an intercepting
 * proxy whose CA the machine trusts still shows itself by presenting a
 * different leaf than the origin does when reached DIRECT. Targets whose
 * DIRECT fetch sees no chain are left as they were. */
static pp_status_t compare_direct(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                                  pp_check_result_t *out, void *trust) {
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
  st = m ? run_targets(&od, dt, m, dr, trust) : PP_OK;
  for (size_t k = 0; st == PP_OK && k < m; k++) {
    pp_attempt_t *a = proxied_chain(&out[idx[k]]);
    bool changed = false;
    if (a) st = compare_one(a, dr[k].nattempts ? &dr[k].attempts[0] : NULL, &changed);
    if (changed) decide(&out[idx[k]], &t[idx[k]]);
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
  void *trust = pp_route_trust_new(o->cacert);
  pp_status_t st = run_targets(o, t, n, out, trust);
  if (st == PP_OK && o->compare_direct) st = compare_direct(o, t, n, out, trust);
  pp_route_trust_free(trust);
  return st;
}

void pp_attempt_clear(pp_attempt_t *a) {
  free(a->route);
  free(a->error_message);
  pp_strlist_free(a->auth_offered, a->nauth_offered);
  pp_cert_chain_free(a->chain, a->nchain);
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
