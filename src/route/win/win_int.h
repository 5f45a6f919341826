/* SPDX-License-Identifier: MIT */
/* Internals of the WinHTTP backend of src/route (route_int.h's seam): one
 * attempt over WinHTTP and Schannel (attempt.c), naming its outcome from
 * WinHTTP's errors (classify.c), the chain checked against the running
 * account's certificate stores with CryptoAPI (tls.c), and worker threads
 * bounded by --parallel (loop.c). */
#ifndef PP_ROUTE_WIN_INT_H
#define PP_ROUTE_WIN_INT_H

#include <windows.h>
#include <wincrypt.h>
#include <winhttp.h>
/* wincrypt.h names a CryptGetProvParam parameter PP_VERSION; pacprobe.h's
 * PP_VERSION (the version string) is the one meant here. */
#undef PP_VERSION

#include "route/route_int.h"

/* The trust of one run: --cacert's certificates (none without it). */
typedef struct pp_win_trust {
  HCERTSTORE extra;  /* a memory store, or NULL */
  char *error;       /* why --cacert could not be used, or NULL */
} pp_win_trust_t;

/* One attempt: what the status callback and the transfer saw. */
typedef struct pp_watt {
  const pp_check_opts_t *o;
  const pp_check_target_t *t;
  const pp_route_t *r;
  pp_attempt_t *a;
  const pp_win_trust_t *trust;
  double t0;            /* pp_dns_now_ms() at the start, DNS included */
  double base;          /* ms spent in pacprobe's resolver */
  bool https;           /* the target is https */
  bool sent;            /* WinHttpSendRequest returned: connected and sent */
  bool tls_seen;        /* a server certificate was seen (the origin's) */
  DWORD secure_flags;   /* WINHTTP_CALLBACK_STATUS_FLAG_* of a secure failure */
  DWORD error;          /* the failing WinHTTP call's GetLastError, 0 none */
  const char *failed_call; /* its name */
  bool squid_dns;
  bool oom;
} pp_watt_t;

/* Runs route r of job j's target to its end, filling a. PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_win_attempt(const pp_check_opts_t *o, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, const pp_win_trust_t *trust);
/* Names the failure of w (w->error set) in DESIGN §1.7's codes. */
void pp_win_classify(pp_watt_t *w);
/* The origin's certificate of request req: the chain as sent, verified
 * with CertGetCertificateChain and the SSL policy for host (plus --cacert),
 * judged by pp_tls_judge. Sets w->tls_seen. false on ENOMEM. */
bool pp_win_tls_capture(pp_watt_t *w, HINTERNET req, const wchar_t *host);
/* UTF-8 <-> UTF-16, malloc'd; NULL on failure. */
wchar_t *pp_win_wide(const char *s);
char *pp_win_utf8(const wchar_t *w, int len);

#endif
