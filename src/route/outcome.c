/* SPDX-License-Identifier: MIT */
/*
 * Naming what happened to one attempt in DESIGN §1.7's words, for every
 * backend: the error codes and their one-line messages, whether a browser
 * fails over (connection-level failures only, never an HTTP answer:
 * Chromium's ReconsiderProxyAfterError), the schemes a 407 offered, and the
 * resolution of the name the client connects to by pacprobe's resolver.
 * What the stack reported is mapped to these by the backend.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "route/route_int.h"
#include "util/str.h"

bool pp_attempt_set_error(pp_attempt_t *a, const char *code, bool failover, const char *fmt, ...) {
  va_list ap;
  char buf[512];
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  a->ok = false;
  a->error_code = code;
  a->failover = failover;
  free(a->error_message);
  a->error_message = pp_strndup(buf, strlen(buf));
  return a->error_message != NULL;
}

static char *route_text(const pp_route_t *r) {
  pp_str_t s = PP_STR_INIT;
  if (r->type == PP_ROUTE_DIRECT) pp_str_puts(&s, "DIRECT");
  else if (strchr(r->host, ':'))
    pp_str_printf(&s, "%s [%s]:%d", pp_route_type_name(r->type), r->host, r->port);
  else pp_str_printf(&s, "%s %s:%d", pp_route_type_name(r->type), r->host, r->port);
  return pp_str_take(&s);
}

pp_status_t pp_route_attempt_begin(pp_attempt_t *a, const pp_route_t *r, bool *ended) {
  *ended = false;
  a->dns_ms = a->connect_ms = a->tls_ms = a->first_byte_ms = a->total_ms = -1;
  if (!(a->route = route_text(r))) return PP_ENOMEM;
  if (r->type != PP_ROUTE_QUIC) return PP_OK;
  /* no QUIC proxy support in either stack; a browser without QUIC skips it */
  *ended = true;
  return pp_attempt_set_error(a, "refused", true, "QUIC proxies cannot be tried (libcurl has no "
                              "QUIC proxy support)") ? PP_OK : PP_ENOMEM;
}

bool pp_route_client_resolves(const pp_route_t *r) {
  /* The proxy resolves the target, except SOCKS4, which carries an IPv4
   * address: the client resolves (Chromium). */
  return r->type == PP_ROUTE_DIRECT || r->type == PP_ROUTE_SOCKS4;
}

/* The names on the wire: the alias chain, or the name alone. */
static bool record_chain(pp_attempt_t *a, const char *name, const pp_dns_answer_t *ans) {
  if (!ans->ncnames) return pp_strlist_push(&a->dns_chain, &a->ndns_chain, name);
  for (size_t i = 0; i < ans->ncnames; i++)
    if (!pp_strlist_push(&a->dns_chain, &a->ndns_chain, ans->cnames[i])) return false;
  return true;
}

pp_status_t pp_route_resolve(const pp_check_opts_t *o, pp_attempt_t *a, const char *host,
                             bool is_proxy, pp_dns_answer_t *ans) {
  char bare[256];
  size_t n = strlen(host);
  if (n >= 2 && host[0] == '[') snprintf(bare, sizeof(bare), "%.*s", (int)(n - 2), host + 1);
  else snprintf(bare, sizeof(bare), "%s", host);
  pp_status_t st = pp_resolver_lookup(o->resolver, bare, PP_DNS_ANY, ans);
  a->dns_ms = ans->ms;
  if (st == PP_OK && ans->source == PP_DNS_SRC_SERVER && !record_chain(a, bare, ans)) {
    pp_dns_answer_clear(ans);
    return PP_ENOMEM;
  }
  if (st == PP_OK) return st;
  if (st == PP_ENOMEM) {
    pp_dns_answer_clear(ans);
    return st;
  }
  bool ok;
  if (st != PP_ENOTFOUND)
    ok = pp_attempt_set_error(a, "dns", true, "%s%s could not be resolved: %s",
                              is_proxy ? "proxy host " : "", bare,
                              pp_dns_failure_describe(ans->failure));
  else
    ok = pp_attempt_set_error(a, "dns", true, "%s%s %s", is_proxy ? "proxy host " : "", bare,
                              ans->source == PP_DNS_SRC_OFFLINE ? "is not looked up (--no-dns)"
                                                               : "does not resolve");
  a->total_ms = a->dns_ms;
  pp_dns_answer_clear(ans);
  return ok ? PP_ENOTFOUND : PP_ENOMEM;
}

bool pp_route_offer(pp_attempt_t *a, const char *p, size_t len) {
  size_t i = 0, j;
  while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
  for (j = i; j < len && p[j] != ' ' && p[j] != '\r' && p[j] != '\n' && p[j] != ','; j++) {}
  char scheme[32];
  snprintf(scheme, sizeof(scheme), "%.*s", (int)(j - i), p + i);
  bool seen = j == i;
  for (size_t k = 0; !seen && k < a->nauth_offered; k++)
    seen = strcasecmp(a->auth_offered[k], scheme) == 0;
  return seen || pp_strlist_push(&a->auth_offered, &a->nauth_offered, scheme);
}

static char *offered_text(const pp_attempt_t *a) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < a->nauth_offered; i++)
    pp_str_printf(&s, "%s%s", i ? ", " : "", a->auth_offered[i]);
  if (!a->nauth_offered) pp_str_puts(&s, "no scheme named");
  return pp_str_take(&s);
}

/* The proxy offers Basic and nothing pacprobe may answer with on plain HTTP. */
static bool only_basic(const pp_attempt_t *a) {
  bool basic = false;
  for (size_t i = 0; i < a->nauth_offered; i++) {
    if (strcasecmp(a->auth_offered[i], "Basic") != 0) return false;
    basic = true;
  }
  return basic;
}

void pp_route_auth_required(const pp_cred_use_t *cu, pp_attempt_t *a) {
  char *off = offered_text(a);
  const char *o = off ? off : "?";
  a->auth_required = true;
  if (cu->cred && cu->basic_held && only_basic(a))
    pp_attempt_set_error(a, "proxy-auth", false, "the proxy demands Basic (407), which on plain "
                         "HTTP sends the password in clear: not sent (give --proxy-basic-ok)");
  else if (cu->cred)
    pp_attempt_set_error(a, "proxy-auth", false, "the proxy rejected the credentials of "
                         "user '%s' (407; offers %s)", cu->cred->user, o);
  else if (a->cred_state)
    pp_attempt_set_error(a, "proxy-auth", false, "the proxy demands authentication (407; "
                         "offers %s); credentials withheld: %s", o, a->cred_note);
  else
    pp_attempt_set_error(a, "proxy-auth", false, "the proxy demands authentication (407; "
                         "offers %s); give --proxy-user", o);
  free(off);
}

static bool accepted(const pp_check_target_t *t, long status) {
  if (!t->accept) return status >= 200 && status <= 399;
  for (size_t i = 0; i < t->naccept; i++)
    if (status >= t->accept[2 * i] && status <= t->accept[2 * i + 1]) return true;
  return false;
}

void pp_route_http_outcome(const pp_cred_use_t *cu, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, long resp) {
  bool via_proxy = r->type != PP_ROUTE_DIRECT;
  if (via_proxy && resp == 407) pp_route_auth_required(cu, a);
  else if (accepted(t, resp)) a->ok = true;
  else if (resp == 403)
    pp_attempt_set_error(a, "http", false, "HTTP 403 Forbidden%s", via_proxy ? " (from the proxy "
                         "or the server)" : "");
  else pp_attempt_set_error(a, "http", false, "HTTP %ld is not an accepted answer", resp);
}

void pp_route_tunnel_error(const pp_cred_use_t *cu, pp_attempt_t *a, long code, bool squid_dns) {
  if (code == 407) pp_route_auth_required(cu, a);
  else if (squid_dns)
    pp_attempt_set_error(a, "proxy-dns", false, "the proxy could not resolve the host (CONNECT "
                         "answered %ld, ERR_DNS_FAIL)", code);
  else if (code == 403)
    pp_attempt_set_error(a, "proxy-denied", false, "the proxy refused CONNECT (403)");
  else
    pp_attempt_set_error(a, "http", false, "the proxy answered CONNECT with %ld", code);
}

void pp_route_conn_error(pp_attempt_t *a, const pp_route_t *r, pp_conn_fail_t kind,
                         const char *detail) {
  const char *what = r->type == PP_ROUTE_DIRECT ? "the server" : "the proxy";
  switch (kind) {
  case PP_CONN_LOCAL_LIMIT:
    /* our own limit, not the far end's: no failover (the next route would
     * hit it too), and the scheduler lowers the parallelism it allows */
    pp_attempt_set_error(a, "local-limit", false, "local limit: no socket could be opened (%s: %s); "
                         "nothing was sent", detail, strcmp(detail, "ENFILE") == 0
                         ? "the system's open-file table is full"
                         : "this process's open-file limit, ulimit -n");
    break;
  case PP_CONN_TIMEOUT:
    pp_attempt_set_error(a, "timeout", a->status == 0, "%s did not answer in time (%s)", what,
                         detail);
    break;
  case PP_CONN_RESET:
    pp_attempt_set_error(a, "reset", a->status == 0, "%s reset the connection (%s)", what, detail);
    break;
  case PP_CONN_CONNECT_TIMEOUT:
    pp_attempt_set_error(a, "timeout", true, "connecting to %s timed out", what);
    break;
  case PP_CONN_REFUSED:
    pp_attempt_set_error(a, "refused", true, "%s refused the connection (%s)", what, detail);
    break;
  default:
    pp_attempt_set_error(a, "reset", a->status == 0, "%s closed the connection (%s)", what,
                         detail);
  }
}
