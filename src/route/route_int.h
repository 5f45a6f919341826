/* SPDX-License-Identifier: MIT */
/* Internals of src/route shared by every backend: the failover policy and
 * verdicts (policy.c), naming outcomes in DESIGN §1.7's words (outcome.c),
 * the interception judgement (judge.c), and the seam a transport backend
 * fills: src/route/curl/ (libcurl + OpenSSL) or src/route/win/ (WinHTTP +
 * Schannel). The backend runs attempts; everything it reports goes through
 * the functions below, so the report, verdicts and JSON are the same on
 * every platform. */
#ifndef PP_ROUTE_INT_H
#define PP_ROUTE_INT_H

#include "pacprobe.h"

/* ---- jobs: one target's routes in PAC order (policy.c) ----------------- */

typedef struct pp_rjob {
  const pp_check_target_t *t;
  pp_check_result_t *out;
  size_t next;     /* next route to try */
  void *backend;   /* the backend's attempt in flight, or NULL */
  size_t cap;      /* attempts allocated */
  double start_ms; /* the first attempt's start (pp_dns_now_ms), 0 before */
  double left_ms;  /* what --max-time leaves the attempt pp_rjob_next gave: the
                    * backend bounds its transfer (and connect) by it */
} pp_rjob_t;

/* The next attempt of job j: appends a zeroed attempt to j->out and sets
 * *r and *a (and j->left_ms); sets both NULL when the job is finished (its
 * verdict is then decided), also when PP_CHECK_MAX_ROUTES attempts were
 * made or the target's --max-time is spent (j->out->untried). PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_rjob_next(const pp_check_opts_t *o, pp_rjob_t *j, const pp_route_t **r,
                         pp_attempt_t **a);
/* After attempt a of job j ended: skips the remaining routes unless a
 * browser would fail over (or --all-routes). */
void pp_rjob_done(const pp_check_opts_t *o, pp_rjob_t *j, const pp_attempt_t *a);
/* Forgets job j's last attempt (it hit a local limit before anything was
 * sent: EMFILE) so that pp_rjob_next gives the same route again. */
void pp_rjob_retry(pp_rjob_t *j);
/* Frees what attempt a owns. */
void pp_attempt_clear(pp_attempt_t *a);

/* ---- credentials (creds.c) ----------------------------------------------- */

/* The credentials route r may be given under o's rules (docs/security.md
 * "Proxy credentials"), or NULL; sets a's cred_* fields either way. */
const pp_proxy_cred_t *pp_cred_for_route(const pp_check_opts_t *o, const pp_route_t *r,
                                         pp_attempt_t *a);
/* What a backend may send on one route: the user's credentials (or NULL),
 * and whether Basic is held back (a plain-HTTP proxy without
 * --proxy-basic-ok). Every backend asks pp_cred_use, never o->creds. */
typedef struct pp_cred_use {
  const pp_proxy_cred_t *cred;
  bool basic_held;
} pp_cred_use_t;
pp_cred_use_t pp_cred_use(const pp_check_opts_t *o, const pp_route_t *r, pp_attempt_t *a);

/* ---- the backend seam (src/route/curl or src/route/win) ---------------- */

/* The trust of one check run (system roots plus cacert), built once; NULL
 * when it cannot be built (each attempt then builds its own). */
void *pp_route_trust_new(const char *cacert);
void pp_route_trust_free(void *trust);
/* Runs every job to its end with at most o->parallel jobs in flight, each
 * attempt bounded by o's timeouts: pp_rjob_next, one transfer, the attempt
 * filled through outcome.c/judge.c, pp_rjob_done. PP_OK or PP_ENOMEM. */
pp_status_t pp_route_backend_run(const pp_check_opts_t *o, pp_rjob_t *jobs, size_t n, void *trust);

/* ---- naming outcomes (outcome.c) ---------------------------------------- */

bool pp_attempt_set_error(pp_attempt_t *a, const char *code, bool failover, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Starts attempt a of route r: timings unset, a->route text. PP_OK with
 * *ended true when the attempt cannot be made (QUIC: its error is set), or
 * PP_ENOMEM. */
pp_status_t pp_route_attempt_begin(pp_attempt_t *a, const pp_route_t *r, bool *ended);
/* true when the client resolves the URL's host on route r (DIRECT, SOCKS4);
 * otherwise the proxy's name is what the client resolves. */
bool pp_route_client_resolves(const pp_route_t *r);
/* Resolves host ("[v6]" brackets allowed) with o->resolver for attempt a:
 * PP_OK with *ans filled (the caller clears it), PP_ENOTFOUND with a's
 * error ("dns") and dns_ms set, or PP_ENOMEM. */
pp_status_t pp_route_resolve(const pp_check_opts_t *o, pp_attempt_t *a, const char *host,
                             bool is_proxy, pp_dns_answer_t *ans);
/* One Proxy-Authenticate value ("Basic realm=..."): its scheme joins
 * a->auth_offered once, in offer order. false on ENOMEM. */
bool pp_route_offer(pp_attempt_t *a, const char *value, size_t len);
/* The 407 outcome: auth_required, error "proxy-auth" naming the offers and
 * what was done with the credentials (cu: pp_cred_use of the route). */
void pp_route_auth_required(const pp_cred_use_t *cu, pp_attempt_t *a);
/* A complete HTTP answer `status` on route r: ok, 407, 403 or not accepted. */
void pp_route_http_outcome(const pp_cred_use_t *cu, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, long status);
/* ---- proxysays.c: the proxy's own reason (reason.c) on the attempt ---- */
struct pp_reason;
/* Sets a->proxy_product and a->proxy_reason from what rs recognised
 * (nothing when rs is NULL or recognised nothing; *oom set when the copy
 * failed). Returns true for an appliance's block page. */
bool pp_route_proxy_says(const struct pp_reason *rs, pp_attempt_t *a, bool *oom);
/* A complete answer: an appliance's block page (block) on a proxy route
 * fails the attempt as proxy-denied whatever its status (not a 407), else
 * pp_route_http_outcome. */
void pp_route_reason_outcome(const pp_cred_use_t *cu, const pp_check_target_t *t, const pp_route_t *r,
                             pp_attempt_t *a, long status, bool block);
/* A failed attempt's message gets "; the proxy says: PRODUCT: TEXT". */
void pp_route_add_reason(pp_attempt_t *a);

/* A non-2xx answer to CONNECT; squid_dns: the proxy said ERR_DNS_FAIL. */
void pp_route_tunnel_error(const pp_cred_use_t *cu, pp_attempt_t *a, long code, bool squid_dns);

typedef enum pp_conn_fail {
  PP_CONN_TIMEOUT,         /* the transfer's time ran out */
  PP_CONN_CONNECT_TIMEOUT, /* the TCP connect timed out */
  PP_CONN_REFUSED,
  PP_CONN_RESET,
  PP_CONN_CLOSED,          /* closed or failed otherwise */
  PP_CONN_LOCAL_LIMIT      /* no socket: our own open-file limit (detail "EMFILE"/"ENFILE") */
} pp_conn_fail_t;
/* A connection-level failure on route r, detail being the stack's words. */
void pp_route_conn_error(pp_attempt_t *a, const pp_route_t *r, pp_conn_fail_t kind,
                         const char *detail);

/* ---- the TLS judgement (judge.c) ---------------------------------------- */

/* What a backend saw of one handshake. */
typedef struct pp_tls_view {
  pp_cert_info_t *chain;  /* as sent, leaf first; pp_tls_judge takes it */
  size_t nchain;
  bool failed;            /* the chain did not verify */
  bool untrusted;         /* ... because no trusted root is above it */
  const char *why;        /* the stack's words for the failure */
  const char *err_issuer; /* issuer of the certificate that failed, or NULL */
  const char *root;       /* subject of the top of the built chain, or NULL */
} pp_tls_view_t;

/* Moves v's chain into a and decides the interception verdict (by issuer
 * and trust, never by subject: mitmproxy copies the origin's subject). */
void pp_tls_judge(pp_tls_view_t *v, const pp_check_target_t *t, pp_attempt_t *a);
/* "'LEAF' (issuer 'ISSUER'): WHY" for a proxy's own certificate (malloc'd). */
char *pp_tls_describe(const pp_tls_view_t *v);
void pp_cert_chain_free(pp_cert_info_t *c, size_t n);

#endif
