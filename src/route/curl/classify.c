/* SPDX-License-Identifier: MIT */
/*
 * Naming the outcome of a finished libcurl attempt: timings, HTTP status,
 * proxy authentication and one error code of DESIGN §1.7 from libcurl's
 * result and info (docs/libcurl-notes.md), told to the shared naming of
 * ../outcome.c. Chromium's proxy fallback also falls back on
 * ERR_PROXY_CERTIFICATE_INVALID and ERR_SSL_PROTOCOL_ERROR from an HTTPS
 * proxy's own handshake: `proxy-tls` fails over.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "route/curl/curl_int.h"
#include "util/str.h"

static double ms_of(CURL *h, CURLINFO what) {
  curl_off_t us = 0;
  if (curl_easy_getinfo(h, what, &us) != CURLE_OK || us <= 0) return -1;
  return (double)us / 1000.0;
}

/* Cumulative from the start of the attempt: pacprobe's DNS comes first. */
static void timings(pp_att_t *att) {
  pp_attempt_t *a = att->a;
  double base = a->dns_ms > 0 ? a->dns_ms : 0;
  if (a->dns_ms < 0) a->dns_ms = 0;
  double c = ms_of(att->h, CURLINFO_CONNECT_TIME_T), t = ms_of(att->h, CURLINFO_APPCONNECT_TIME_T);
  double f = ms_of(att->h, CURLINFO_STARTTRANSFER_TIME_T), all = ms_of(att->h, CURLINFO_TOTAL_TIME_T);
  a->connect_ms = c < 0 ? -1 : base + c;
  a->tls_ms = t < 0 ? -1 : base + t;
  a->first_byte_ms = f < 0 ? -1 : base + f;
  a->total_ms = base + (all < 0 ? 0 : all);
}

/* libcurl's preference among offered schemes with CURLAUTH_ANY (7.88 has no
 * CURLINFO_PROXYAUTH_USED). */
static const char *scheme_used(long avail) {
  if (avail & CURLAUTH_NEGOTIATE) return "Negotiate";
  if (avail & CURLAUTH_NTLM) return "NTLM";
  if (avail & CURLAUTH_DIGEST) return "Digest";
  if (avail & CURLAUTH_BASIC) return "Basic";
  return NULL;
}

/* SOCKS reply and handshake failures (CURLINFO_PROXY_ERROR, CURLproxycode). */
static void socks_error(pp_att_t *att, long px) {
  pp_attempt_t *a = att->a;
  if (px == CURLPX_RESOLVE_HOST || px == CURLPX_REPLY_HOST_UNREACHABLE)
    pp_attempt_set_error(a, "proxy-dns", false, "the SOCKS proxy could not resolve or reach the "
                         "host (%s)", att->errbuf);
  else if (px == CURLPX_NO_AUTH || px == CURLPX_USER_REJECTED || px == CURLPX_RECV_AUTH ||
           px == CURLPX_SEND_AUTH) {
    a->auth_required = true;
    pp_attempt_set_error(a, "proxy-auth", false, "SOCKS authentication failed (%s)%s",
                         att->errbuf, att->cu.cred ? "" : a->cred_state ? "; credentials withheld"
                         : "; give --proxy-user");
  } else if (px == CURLPX_REPLY_NOT_ALLOWED)
    pp_attempt_set_error(a, "proxy-denied", false, "the SOCKS proxy refused the connection by "
                         "rule (%s)", att->errbuf);
  else
    pp_attempt_set_error(a, "socks", true, "SOCKS handshake failed (%s)", att->errbuf);
}

static void connect_error(pp_att_t *att, CURLcode rc, long os_errno) {
  pp_conn_fail_t kind = PP_CONN_CLOSED;
  const char *detail = att->errbuf;
  if (att->sock_errno) os_errno = att->sock_errno;
  if (os_errno == EMFILE || os_errno == ENFILE) {
    kind = PP_CONN_LOCAL_LIMIT;
    detail = os_errno == EMFILE ? "EMFILE" : "ENFILE";
  } else if (rc == CURLE_OPERATION_TIMEDOUT) kind = PP_CONN_TIMEOUT;
  else if (os_errno == ECONNRESET) kind = PP_CONN_RESET;
  else if (os_errno == ETIMEDOUT) kind = PP_CONN_CONNECT_TIMEOUT;
  else if (rc == CURLE_COULDNT_CONNECT) {
    kind = PP_CONN_REFUSED;
    if (os_errno == ECONNREFUSED) detail = "connection refused";
  }
  pp_route_conn_error(att->a, att->r, kind, detail);
}

static bool is_tls_error(CURLcode rc) {
  return rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
         rc == CURLE_SSL_CERTPROBLEM || rc == CURLE_SSL_CIPHER || rc == CURLE_SSL_CACERT_BADFILE ||
         rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
         rc == CURLE_SSL_INVALIDCERTSTATUS || rc == CURLE_SSL_SHUTDOWN_FAILED;
}

/* An HTTPS proxy route that failed before the origin's handshake was set
 * up: the TLS failure is the proxy's own (tls.c files it apart). */
static bool proxy_handshake_failed(const pp_att_t *att, CURLcode rc) {
  return att->r->type == PP_ROUTE_HTTPS && att->proxy_tls.ctx_made && !att->tls.ctx_made &&
         is_tls_error(rc) && rc != CURLE_SSL_CACERT_BADFILE;
}

/* `proxy-tls`: the proxy's certificate does not verify, is refused after
 * the handshake (its name), or the proxy does not speak TLS at all. Never an
 * interception of the origin, which was not reached. */
static void proxy_tls_error(pp_att_t *att) {
  pp_attempt_t *a = att->a;
  const pp_tls_capture_t *p = &att->proxy_tls;
  bool untrusted = false;
  char *why = pp_tls_proxy_cert_problem(p, &untrusted);
  if (!why && p->seen && p->failed) {
    att->oom = true;
    return;
  }
  if (why)
    pp_attempt_set_error(a, "proxy-tls", true, "the HTTPS proxy's own certificate does not verify: "
                         "%s%s", why, untrusted ? "; --cacert FILE adds the CA that issued it" : "");
  else if (p->done)
    pp_attempt_set_error(a, "proxy-tls", true, "the HTTPS proxy's certificate %s%s%swas refused "
                         "after the TLS handshake (%s)", p->nchain ? "'" : "",
                         p->nchain ? p->chain[0].subject : "", p->nchain ? "' " : "", att->errbuf);
  else if (strstr(att->errbuf, "wrong version number"))
    pp_attempt_set_error(a, "proxy-tls", true, "the TLS handshake with the HTTPS proxy failed: it "
                         "does not answer in TLS (%s); a plain HTTP proxy is PROXY, not HTTPS",
                         att->errbuf);
  else
    pp_attempt_set_error(a, "proxy-tls", true, "the TLS handshake with the HTTPS proxy failed (%s)",
                         att->errbuf);
  free(why);
}

/* The proxy's own reason in its answer (../proxysays.c). */
static void proxy_says(pp_att_t *att) {
  att->block = pp_route_proxy_says(att->reason, att->a, &att->oom);
}

void pp_att_finish(pp_att_t *att, CURLcode rc) {
  pp_attempt_t *a = att->a;
  long resp = 0, conn = 0, os_errno = 0, px = 0, avail = 0;
  curl_easy_getinfo(att->h, CURLINFO_RESPONSE_CODE, &resp);
  curl_easy_getinfo(att->h, CURLINFO_HTTP_CONNECTCODE, &conn);
  curl_easy_getinfo(att->h, CURLINFO_OS_ERRNO, &os_errno);
  curl_easy_getinfo(att->h, CURLINFO_PROXY_ERROR, &px);
  curl_easy_getinfo(att->h, CURLINFO_PROXYAUTH_AVAIL, &avail);
  timings(att);
  a->status = resp ? resp : conn;
  proxy_says(att);
  if (att->saw_407) a->auth_required = true;
  if (rc == CURLE_OK) pp_route_reason_outcome(&att->cu, att->t, att->r, a, resp, att->block);
  else if (conn && (conn < 200 || conn > 299)) pp_route_tunnel_error(&att->cu, a, conn, att->squid_dns);
  else if (px) socks_error(att, px);
  else if (rc == CURLE_COULDNT_RESOLVE_PROXY)
    pp_attempt_set_error(a, "dns", true, "the proxy's name does not resolve (%s)", att->errbuf);
  else if (rc == CURLE_COULDNT_RESOLVE_HOST)
    pp_attempt_set_error(a, att->r->type == PP_ROUTE_DIRECT ? "dns" : "proxy-dns",
                         att->r->type == PP_ROUTE_DIRECT, "%s", att->errbuf);
  else if (proxy_handshake_failed(att, rc) && os_errno == ECONNRESET)
    connect_error(att, rc, os_errno);
  else if (proxy_handshake_failed(att, rc)) proxy_tls_error(att);
  else if (is_tls_error(rc))
    pp_attempt_set_error(a, "tls", false, "TLS failed: %s", att->errbuf);
  else if (rc == CURLE_OPERATION_TIMEDOUT && att->r->type == PP_ROUTE_HTTPS &&
           att->proxy_tls.ctx_made && !att->proxy_tls.done)
    pp_attempt_set_error(a, "timeout", true, "the HTTPS proxy did not complete the TLS handshake "
                         "in time (%s)", att->errbuf);
  else connect_error(att, rc, os_errno);
  if (att->cu.cred && a->auth_required && (a->ok || (conn >= 200 && conn <= 299)))
    a->auth_used = scheme_used(att->cu.basic_held ? avail & ~(long)CURLAUTH_BASIC : avail);
  pp_route_add_reason(a);
  pp_tls_capture_judge(&att->tls, att->t, a);
  if (att->oom && !a->error_message) a->ok = false;
}
