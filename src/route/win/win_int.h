/* SPDX-License-Identifier: MIT */
/* Internals of the WinHTTP backend of src/route (route_int.h's seam): one
 * attempt prepared and named on the worker (attempt.c, classify.c), its
 * WinHTTP transfer on a thread of its own (xfer.c) so that a stack that
 * overruns its timeouts cannot hold the run, the chain checked against the
 * running account's certificate stores with CryptoAPI (tls.c), and worker
 * threads bounded by --parallel (loop.c). */
#ifndef PP_ROUTE_WIN_INT_H
#define PP_ROUTE_WIN_INT_H

#include <windows.h>
#include <wincrypt.h>
#include <winhttp.h>
/* wincrypt.h names a CryptGetProvParam parameter PP_VERSION; pacprobe.h's
 * PP_VERSION (the version string) is the one meant here. */
#undef PP_VERSION

#include "route/reason.h"
#include "route/route_int.h"
#include "wstr.h" /* src/os/win: UTF-8 <-> UTF-16 */

/* The trust of one run: --cacert's certificates (none without it). */
typedef struct pp_win_trust {
  HCERTSTORE extra;  /* a memory store, or NULL */
  char *error;       /* why --cacert could not be used, or NULL */
} pp_win_trust_t;

/* One WinHTTP transfer: owned copies of what it needs (it may outlive the
 * attempt that started it) and the facts it found. Shared by the worker
 * and the transfer thread; the last of the two to let go frees it. */
typedef struct pp_xfer {
  volatile LONG refs;
  /* inputs */
  wchar_t *connect_to, *proxy, *host_hdr, *path, *host; /* host: the URL's, for the name check */
  INTERNET_PORT port;
  bool https, head, proxied;
  wchar_t *user, *pass;  /* --proxy-user, only for a proxy the user named (creds.c);
                          * NULL: the account's own credentials (SSPI) */
  bool basic_held;       /* plain-HTTP proxy without --proxy-basic-ok: no Basic */
  unsigned connect_ms, max_ms;
  HCERTSTORE extra;      /* --cacert (a reference of its own), or NULL */
  double t0, base;       /* start (pp_dns_now_ms) and the ms spent resolving before it */
  /* facts */
  pp_attempt_t a;        /* timings, auth_required, auth_offered of the transfer */
  DWORD status, used, error, secure_flags;
  const char *failed_call;
  bool sent, squid_dns, oom;
  pp_reason_t *reason;   /* a proxy route: its answer's headers and error page (../reason.c) */
  bool tls_seen;         /* the origin's certificate was seen: view is filled */
  pp_tls_view_t view;    /* view.chain owned until judged */
  char why[160];
  char *err_issuer, *root;
} pp_xfer_t;

/* Runs route r of target t, filling a. PP_OK or PP_ENOMEM. */
pp_status_t pp_win_attempt(const pp_check_opts_t *o, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, const pp_win_trust_t *trust);
/* The transfer thread (CreateThread's routine): runs x, then lets go. */
DWORD WINAPI pp_win_xfer_main(LPVOID x);
/* Drops one reference to x; the last frees it (the password wiped). */
void pp_win_xfer_release(pp_xfer_t *x);
/* Names the failure of transfer x (x->error set) in DESIGN §1.7's codes. */
void pp_win_classify(const pp_cred_use_t *cu, const pp_route_t *r, const pp_xfer_t *x,
                     pp_attempt_t *a);
/* The origin's certificate of request req into x->view: the chain as
 * sent, verified with CertGetCertificateChain and the SSL policy for
 * x->host (plus --cacert). false on ENOMEM. */
bool pp_win_tls_capture(pp_xfer_t *x, HINTERNET req);

#endif
