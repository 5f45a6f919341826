/* SPDX-License-Identifier: MIT */
/*
 * One route attempt of the WinHTTP backend, on the worker: the name the
 * client connects to resolved by pacprobe's resolver, the transfer
 * (xfer.c) started on a thread of its own and awaited for at most the
 * attempt's time plus a grace (Wine's WinHTTP does not bound a TLS
 * handshake with a peer that never answers it; the thread is then left to
 * end on its own and the attempt is a timeout), then the facts named in
 * DESIGN §1.7's words (../outcome.c, classify.c, ../judge.c).
 *
 * WinHTTP cannot reach SOCKS proxies nor speak TLS to a proxy (HTTPS): a
 * WinHTTP agent skips those entries, so they fail over here, named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route/win/win_int.h"
#include "util/str.h"

#define GRACE_MS 2000u

/* "host:port" for the session's proxy, an IPv6 address bracketed. */
static wchar_t *proxy_text(const char *addr, int port) {
  char buf[300];
  bool v6 = strchr(addr, ':') != NULL;
  snprintf(buf, sizeof(buf), "%s%s%s:%d", v6 ? "[" : "", addr, v6 ? "]" : "", port);
  return pp_win_wide(buf);
}

/* The URL's host, port, path+query and scheme into x. */
static bool crack(const char *url, pp_xfer_t *x) {
  pp_win_url_t u;
  if (!pp_win_url_crack(url, &u) || (!u.http && !u.https)) return false;
  x->host = _wcsdup(u.host);
  x->path = _wcsdup(u.path);
  x->port = u.port;
  x->https = u.https;
  x->oom = !x->host || !x->path;
  return true;
}

/* Where WinHTTP connects. A name pacprobe's resolver answered from DNS
 * goes to WinHTTP as the name: it asks the system resolver again, as the
 * agent does, and Negotiate gets the proxy's name for its Kerberos SPN
 * (an address would fall back to NTLM). A name --resolve or --hosts pinned
 * goes as the address (DIRECT: with the name in the Host header). false
 * when the name did not resolve (a's error set) or on ENOMEM (x->oom). */
static bool endpoint(const pp_check_opts_t *o, const pp_route_t *r, pp_attempt_t *a, pp_xfer_t *x) {
  char host8[256];
  pp_dns_answer_t ans;
  WideCharToMultiByte(CP_UTF8, 0, x->host, -1, host8, sizeof(host8), NULL, NULL);
  bool direct = pp_route_client_resolves(r);
  pp_status_t st = pp_route_resolve(o, a, direct ? host8 : r->host, !direct, &ans);
  if (st == PP_ENOMEM) x->oom = true;
  if (st != PP_OK) return false;
  x->base = ans.ms > 0 ? ans.ms : 0;
  bool pinned = ans.source == PP_DNS_SRC_OVERRIDE || ans.source == PP_DNS_SRC_HOSTS;
  if (!direct) {
    x->proxy = proxy_text(pinned ? ans.addrs[0] : r->host, r->port);
    x->connect_to = _wcsdup(x->host);
    x->oom = !x->proxy;
  } else if (pinned) {
    char hdr[300];
    snprintf(hdr, sizeof(hdr), "Host: %s:%u", host8, (unsigned)x->port);
    x->connect_to = pp_win_wide(ans.addrs[0]);
    x->host_hdr = pp_win_wide(hdr);
    x->oom = !x->host_hdr;
  } else {
    x->connect_to = _wcsdup(x->host);
  }
  if (!x->connect_to) x->oom = true;
  pp_dns_answer_clear(&ans);
  return !x->oom;
}

static pp_xfer_t *xfer_new(const pp_check_opts_t *o, const pp_check_target_t *t,
                           const pp_route_t *r, const pp_win_trust_t *trust,
                           const pp_cred_use_t *cu) {
  pp_xfer_t *x = calloc(1, sizeof(*x));
  if (!x) return NULL;
  x->refs = 1;
  x->a.dns_ms = x->a.connect_ms = x->a.tls_ms = x->a.first_byte_ms = x->a.total_ms = -1;
  x->head = t->head;
  x->proxied = r->type != PP_ROUTE_DIRECT;
  x->connect_ms = o->connect_timeout_ms ? o->connect_timeout_ms : 5000;
  x->max_ms = o->max_time_ms ? o->max_time_ms : 15000;
  x->t0 = pp_dns_now_ms();
  if (trust && trust->extra) x->extra = CertDuplicateStore(trust->extra);
  /* only what creds.c allows this route (a proxy the user named) */
  if (cu->cred) {
    x->user = pp_win_wide(cu->cred->user);
    x->pass = pp_win_wide(cu->cred->password ? cu->cred->password : "");
    x->oom = !x->user || !x->pass;
  }
  x->basic_held = cu->basic_held;
  if (x->proxied && !(x->reason = calloc(1, sizeof(*x->reason)))) x->oom = true;
  return x;
}

/* The answer decides: a CONNECT refused (https through a proxy, no TLS
 * with the origin), an HTTP status, or a chain that does not verify. */
static void outcome(const pp_cred_use_t *cu, const pp_check_target_t *t, const pp_route_t *r,
                    const pp_xfer_t *x, pp_attempt_t *a, bool block) {
  static const struct { DWORD s; const char *n; } names[] = {
      {WINHTTP_AUTH_SCHEME_NEGOTIATE, "Negotiate"}, {WINHTTP_AUTH_SCHEME_NTLM, "NTLM"},
      {WINHTTP_AUTH_SCHEME_DIGEST, "Digest"}, {WINHTTP_AUTH_SCHEME_BASIC, "Basic"}};
  a->status = (long)x->status;
  if (x->https && x->proxied && !x->tls_seen && (x->status < 200 || x->status > 299)) {
    pp_route_tunnel_error(cu, a, (long)x->status, x->squid_dns);
    return;
  }
  pp_route_reason_outcome(cu, t, r, a, (long)x->status, block);
  if (a->tls && !a->verified)
    pp_attempt_set_error(a, "tls", false, "TLS failed: %s", a->tls_reason ? a->tls_reason : "?");
  for (size_t i = 0; i < 4 && a->auth_required && x->status != 407; i++)
    if (x->used == names[i].s) a->auth_used = names[i].n;
}

/* Moves the facts of x into a and names them. */
static void conclude(const pp_cred_use_t *cu, const pp_check_target_t *t, const pp_route_t *r,
                     pp_xfer_t *x, pp_attempt_t *a) {
  a->connect_ms = x->a.connect_ms;
  a->tls_ms = x->a.tls_ms;
  a->first_byte_ms = x->a.first_byte_ms;
  a->total_ms = x->a.total_ms;
  a->auth_required = x->a.auth_required;
  a->auth_offered = x->a.auth_offered;
  a->nauth_offered = x->a.nauth_offered;
  x->a.auth_offered = NULL;
  x->a.nauth_offered = 0;
  if (x->tls_seen) pp_tls_judge(&x->view, t, a);
  bool block = pp_route_proxy_says(x->reason, a, &x->oom); /* the proxy's own words, as with libcurl */
  if (x->error) pp_win_classify(cu, r, x, a);
  else outcome(cu, t, r, x, a, block);
  pp_route_add_reason(a);
}

/* Starts x on its thread and waits; false when it overran its time. */
static bool run_xfer(pp_xfer_t *x) {
  InterlockedIncrement(&x->refs);
  HANDLE th = CreateThread(NULL, 256 * 1024, pp_win_xfer_main, x, 0, NULL);
  if (!th) {
    pp_win_xfer_main(x); /* no thread: run here, unbounded by the grace */
    return true;
  }
  DWORD rc = WaitForSingleObject(th, x->max_ms + GRACE_MS);
  CloseHandle(th);
  return rc == WAIT_OBJECT_0;
}

pp_status_t pp_win_attempt(const pp_check_opts_t *o, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, const pp_win_trust_t *trust) {
  bool ended = false;
  pp_status_t st = pp_route_attempt_begin(a, r, &ended);
  if (st != PP_OK || ended) return st;
  pp_cred_use_t cu = pp_cred_use(o, r, a); /* the credentials line, as on Linux */
  if (r->type == PP_ROUTE_SOCKS4 || r->type == PP_ROUTE_SOCKS5 || r->type == PP_ROUTE_HTTPS)
    return pp_attempt_set_error(a, "refused", true, "WinHTTP cannot use %s proxies (a WinHTTP "
                                "agent skips this entry)", pp_route_type_name(r->type))
               ? PP_OK : PP_ENOMEM;
  pp_xfer_t *x = xfer_new(o, t, r, trust, &cu);
  if (!x) return PP_ENOMEM;
  if (!crack(t->url, x)) {
    st = pp_attempt_set_error(a, "http", false, "the URL cannot be parsed") ? PP_OK : PP_ENOMEM;
  } else if (x->https && trust && trust->error) {
    st = pp_attempt_set_error(a, "tls", false, "TLS failed: %s", trust->error) ? PP_OK : PP_ENOMEM;
  } else if (!x->oom && endpoint(o, r, a, x)) {
    if (run_xfer(x)) conclude(&cu, t, r, x, a);
    else
      pp_route_conn_error(a, r, PP_CONN_TIMEOUT, "WinHTTP did not return within the time limit");
    if (a->total_ms < 0) a->total_ms = x->base + pp_dns_now_ms() - x->t0;
  }
  if (a->dns_ms < 0) a->dns_ms = 0;
  if (x->oom) st = PP_ENOMEM;
  pp_win_xfer_release(x);
  return st;
}
