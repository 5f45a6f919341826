/* SPDX-License-Identifier: MIT */
/* Internals of src/route: one attempt (attempt.c), the TLS chain capture
 * (tls.c) and the scheduler with failover (run.c). */
#ifndef PP_ROUTE_INT_H
#define PP_ROUTE_INT_H

#include <curl/curl.h>

#include "pacprobe.h"
#include "route/reason.h"

/* What the verify callback saw during the last handshake of one attempt.
 * An attempt through an HTTPS proxy has two: libcurl (7.88 at least) calls
 * CURLOPT_SSL_CTX_FUNCTION for the proxy's TLS too, with the same data, and
 * has no separate callback for it; pp_tls_ctx_cb sends every handshake made
 * before the CONNECT tunnel stands (and every one of a plain-http target) to
 * `proxy`, so the proxy's chain never stands for the origin's. */
typedef struct pp_tls_capture {
  const void *ssl;        /* the handshake the capture belongs to */
  pp_cert_info_t *chain;  /* as sent, leaf first */
  size_t nchain;
  bool seen;
  bool failed;            /* some certificate did not verify */
  int verify_err;         /* first X509_V_ERR_* */
  char *err_issuer;       /* issuer of the certificate that failed (RFC 2253) */
  char *root;             /* subject of the top of the built chain */
  const char *cacert;     /* added to the trust store of every handshake */
  void *store;            /* X509_STORE shared by the run's handshakes, or NULL */
  struct pp_tls_capture *proxy; /* HTTPS proxy route: the capture of the proxy's own
                                   handshakes; NULL otherwise (and in that capture) */
  bool ctx_made;          /* a handshake of this capture's peer was set up */
  bool done;              /* proxy capture: SSL_CB_HANDSHAKE_DONE of its current handshake */
  bool oom;
} pp_tls_capture_t;

/* CURLOPT_SSL_CTX_FUNCTION: installs the capture on a new SSL_CTX. */
CURLcode pp_tls_ctx_cb(CURL *h, void *sslctx, void *udata);
void pp_tls_capture_clear(pp_tls_capture_t *c);
/* The trust store of one check run: the system roots (OpenSSL's default
 * file and directory) plus `cacert` when given, parsed once. Handshakes get
 * it from pp_tls_ctx_cb instead of libcurl parsing the CA bundle for every
 * new SSL_CTX, which cost ~20 ms of CPU per attempt. NULL when it cannot be
 * built (each handshake then loads its own, reporting a bad --cacert). */
void *pp_tls_store_new(const char *cacert);
void pp_tls_store_free(void *store);
/* Makes handle h take its trust from the shared store (no CA file parsed). */
void pp_tls_use_store(CURL *h, pp_tls_capture_t *c, void *store);
/* Moves the capture into the attempt and decides the interception verdict. */
void pp_tls_judge(pp_tls_capture_t *c, const pp_check_target_t *t, pp_attempt_t *a);
/* What was wrong with the certificate of the proxy capture p, as "CERT
 * (issuer ISSUER): REASON" (malloc'd), or NULL when it verified or none was
 * seen. *untrusted tells an unknown issuer (--cacert helps) from a broken
 * certificate. */
char *pp_tls_proxy_cert_problem(const pp_tls_capture_t *p, bool *untrusted);

/* One attempt in flight. */
typedef struct pp_att {
  CURL *h;
  pp_attempt_t *a;
  const pp_check_target_t *t;
  const pp_route_t *r;
  const pp_check_opts_t *o;
  struct curl_slist *resolve;
  char *proxy_url;
  char errbuf[CURL_ERROR_SIZE];
  pp_tls_capture_t tls;       /* the origin's handshake (https targets) */
  pp_tls_capture_t proxy_tls; /* an HTTPS proxy's own handshake (tls.proxy) */
  bool saw_407;
  bool squid_dns;
  pp_reason_t *reason;        /* the proxy's answer, for its own reason (reason.c) */
  bool block;                 /* that answer is an appliance's block page */
  bool oom;
} pp_att_t;

/* Prepares att for route r of target t. Returns PP_OK with att->h set to a
 * handle to add to the multi, PP_OK with att->h NULL when the attempt ended
 * already (a name did not resolve: att->a is filled), or PP_ENOMEM. */
pp_status_t pp_att_start(pp_att_t *att, const pp_check_opts_t *o, const pp_check_target_t *t,
                         const pp_route_t *r, pp_attempt_t *a);
/* Fills att->a from the finished transfer and frees the handle. */
void pp_att_finish(pp_att_t *att, CURLcode rc);
void pp_att_free(pp_att_t *att);
/* Starts resolving the name route r of t will connect to, so that the
 * lookups of all targets run concurrently (pp_resolver_prefetch). */
void pp_att_prefetch(const pp_check_opts_t *o, const pp_check_target_t *t, const pp_route_t *r);
bool pp_attempt_set_error(pp_attempt_t *a, const char *code, bool failover, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
