/* SPDX-License-Identifier: MIT */
/*
 * One route attempt of the WinHTTP backend, as a Windows agent makes it: a
 * session of its own per attempt (no connection reused, a new handshake
 * each time), the proxy given as the address pacprobe's resolver found,
 * redirects not followed (as libcurl in check), proxy authentication with
 * the running account's credentials through SSPI (Negotiate/NTLM, autologon
 * policy low) or with --proxy-user, and the origin's chain checked in
 * tls.c. What failed is named in classify.c; the verdict is ../policy.c's.
 *
 * WinHTTP cannot reach SOCKS proxies nor speak TLS to a proxy (HTTPS): a
 * WinHTTP agent skips those entries, so they fail over here, named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route/win/win_int.h"
#include "util/str.h"

#define MAX_AUTH_ROUNDS 3

static double now_since(const pp_watt_t *w) { return w->base + pp_dns_now_ms() - w->t0; }

static void CALLBACK on_status(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len) {
  pp_watt_t *w = (pp_watt_t *)ctx;
  if (!w) return;
  if (status == WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER && w->a->connect_ms < 0)
    w->a->connect_ms = now_since(w);
  else if (status == WINHTTP_CALLBACK_STATUS_SENDING_REQUEST && w->https && w->a->tls_ms < 0 &&
           w->a->connect_ms >= 0)
    w->a->tls_ms = now_since(w); /* the request goes out after the handshake */
  else if (status == WINHTTP_CALLBACK_STATUS_SECURE_FAILURE && info && len >= sizeof(DWORD))
    w->secure_flags = *(DWORD *)info;
}

static bool fail(pp_watt_t *w, const char *call) {
  w->error = GetLastError();
  w->failed_call = call;
  return false;
}

/* "host:port" for WINHTTP_PROXY_INFO, an IPv6 address bracketed. */
static wchar_t *proxy_text(const char *addr, int port) {
  char buf[300];
  bool v6 = strchr(addr, ':') != NULL;
  snprintf(buf, sizeof(buf), "%s%s%s:%d", v6 ? "[" : "", addr, v6 ? "]" : "", port);
  return pp_win_wide(buf);
}

typedef struct target_url {
  wchar_t host[256];
  wchar_t path[2048];
  INTERNET_PORT port;
  bool https;
} target_url_t;

static bool crack(const char *url, target_url_t *u) {
  wchar_t *wu = pp_win_wide(url);
  URL_COMPONENTS c;
  memset(&c, 0, sizeof(c));
  c.dwStructSize = sizeof(c);
  c.lpszHostName = u->host;
  c.dwHostNameLength = 256;
  c.lpszUrlPath = u->path;
  c.dwUrlPathLength = 1024;
  c.lpszExtraInfo = u->path + 1024;
  c.dwExtraInfoLength = 1024;
  bool ok = wu && WinHttpCrackUrl(wu, 0, 0, &c);
  free(wu);
  if (!ok || (c.nScheme != INTERNET_SCHEME_HTTP && c.nScheme != INTERNET_SCHEME_HTTPS)) return false;
  wcscat(u->path, u->path + 1024); /* path then ?query */
  if (!u->path[0]) wcscpy(u->path, L"/");
  u->port = c.nPort;
  u->https = c.nScheme == INTERNET_SCHEME_HTTPS;
  return true;
}

/* Where WinHTTP connects: the proxy's address for a proxy route; for
 * DIRECT the name itself (WinHTTP asks the system resolver, as the agent
 * does) unless --resolve or --hosts pinned it: then the address, with the
 * name in the Host header. */
static bool endpoint(pp_watt_t *w, const target_url_t *u, wchar_t **connect_to, wchar_t **proxy,
                     wchar_t **host_hdr) {
  char host8[256];
  pp_dns_answer_t ans;
  WideCharToMultiByte(CP_UTF8, 0, u->host, -1, host8, sizeof(host8), NULL, NULL);
  bool direct = pp_route_client_resolves(w->r);
  pp_status_t st = pp_route_resolve(w->o, w->a, direct ? host8 : w->r->host, !direct, &ans);
  if (st == PP_ENOMEM) w->oom = true;
  if (st != PP_OK) return false;
  w->base = ans.ms > 0 ? ans.ms : 0;
  bool pinned = ans.source == PP_DNS_SRC_OVERRIDE || ans.source == PP_DNS_SRC_HOSTS;
  if (!direct) {
    *proxy = proxy_text(ans.addrs[0], w->r->port);
    *connect_to = pp_win_wide(host8);
  } else if (pinned) {
    char hdr[300];
    *connect_to = pp_win_wide(ans.addrs[0]);
    snprintf(hdr, sizeof(hdr), "Host: %s:%u", host8, (unsigned)u->port);
    *host_hdr = pp_win_wide(hdr);
    if (!*host_hdr) w->oom = true;
  } else {
    *connect_to = pp_win_wide(host8);
  }
  if (!*connect_to || (!direct && !*proxy)) w->oom = true;
  pp_dns_answer_clear(&ans);
  return !w->oom;
}

static void set_options(pp_watt_t *w, HINTERNET req, const wchar_t *host_hdr) {
  DWORD v = WINHTTP_DISABLE_REDIRECTS | WINHTTP_DISABLE_KEEP_ALIVE;
  WinHttpSetOption(req, WINHTTP_OPTION_DISABLE_FEATURE, &v, sizeof(v));
  /* tls.c verifies the chain itself (the interception case must still show
   * the chain): Schannel is told to hand every certificate over. */
  v = SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID |
      SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE;
  if (w->https) WinHttpSetOption(req, WINHTTP_OPTION_SECURITY_FLAGS, &v, sizeof(v));
  v = WINHTTP_AUTOLOGON_SECURITY_LEVEL_LOW; /* the account's credentials to any proxy */
  if (!w->o->proxy_user) WinHttpSetOption(req, WINHTTP_OPTION_AUTOLOGON_POLICY, &v, sizeof(v));
  DWORD_PTR ctx = (DWORD_PTR)w;
  WinHttpSetOption(req, WINHTTP_OPTION_CONTEXT_VALUE, &ctx, sizeof(ctx));
  WinHttpSetStatusCallback(req, on_status,
                           WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER |
                               WINHTTP_CALLBACK_FLAG_SEND_REQUEST |
                               WINHTTP_CALLBACK_FLAG_SECURE_FAILURE, 0);
  if (host_hdr)
    WinHttpAddRequestHeaders(req, host_hdr, (DWORD)-1L,
                             WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
}

static DWORD status_code(HINTERNET req) {
  DWORD code = 0, len = sizeof(code);
  WinHttpQueryHeaders(req, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
                      WINHTTP_HEADER_NAME_BY_INDEX, &code, &len, WINHTTP_NO_HEADER_INDEX);
  return code;
}

/* Every Proxy-Authenticate value in offer order, and squid's DNS error. */
static void record_offers(pp_watt_t *w, HINTERNET req) {
  for (DWORD idx = 0; idx < 16;) {
    wchar_t buf[512];
    DWORD len = sizeof(buf);
    DWORD before = idx;
    if (!WinHttpQueryHeaders(req, WINHTTP_QUERY_PROXY_AUTHENTICATE, WINHTTP_HEADER_NAME_BY_INDEX,
                             buf, &len, &idx) || idx == before)
      break;
    char *v = pp_win_utf8(buf, (int)(len / sizeof(wchar_t)));
    if (!v || !pp_route_offer(w->a, v, strlen(v))) w->oom = true;
    free(v);
  }
  wchar_t sq[64];
  DWORD len = sizeof(sq);
  if (WinHttpQueryHeaders(req, WINHTTP_QUERY_CUSTOM, L"X-Squid-Error", sq, &len,
                          WINHTTP_NO_HEADER_INDEX))
    w->squid_dns = wcsncmp(sq, L"ERR_DNS_FAIL", 12) == 0;
}

static const char *scheme_name(DWORD s) {
  switch (s) {
  case WINHTTP_AUTH_SCHEME_NEGOTIATE: return "Negotiate";
  case WINHTTP_AUTH_SCHEME_NTLM: return "NTLM";
  case WINHTTP_AUTH_SCHEME_DIGEST: return "Digest";
  case WINHTTP_AUTH_SCHEME_BASIC: return "Basic";
  default: return NULL;
  }
}

/* After a 407: credentials for the next round, or false when there is
 * nothing (more) to try. Without --proxy-user only Negotiate/NTLM with the
 * account's own credentials (SSPI); with it the strongest scheme offered. */
static bool choose_auth(pp_watt_t *w, HINTERNET req, int round, DWORD *used) {
  DWORD supported = 0, first = 0, target = 0;
  if (round >= MAX_AUTH_ROUNDS || !WinHttpQueryAuthSchemes(req, &supported, &first, &target))
    return false;
  static const DWORD order[] = {WINHTTP_AUTH_SCHEME_NEGOTIATE, WINHTTP_AUTH_SCHEME_NTLM,
                                WINHTTP_AUTH_SCHEME_DIGEST, WINHTTP_AUTH_SCHEME_BASIC};
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    if (!(supported & order[i])) continue;
    if (!w->o->proxy_user && i >= 2) return false; /* no password to give Digest/Basic */
    if (*used == order[i] && round > 1) return false; /* this scheme failed already */
    wchar_t *u = w->o->proxy_user ? pp_win_wide(w->o->proxy_user) : NULL;
    wchar_t *p = w->o->proxy_user ? pp_win_wide(w->o->proxy_password ? w->o->proxy_password : "")
                                  : NULL;
    bool ok = (!w->o->proxy_user || (u && p)) &&
              WinHttpSetCredentials(req, WINHTTP_AUTH_TARGET_PROXY, order[i], u, p, NULL);
    if (p) SecureZeroMemory(p, wcslen(p) * sizeof(wchar_t));
    free(u);
    free(p);
    if (ok) *used = order[i];
    return ok;
  }
  return false;
}

/* Sends (again after each 407 answered with credentials); the final status. */
static bool exchange(pp_watt_t *w, HINTERNET req, DWORD *status, DWORD *used) {
  for (int round = 0;; round++) {
    if (!WinHttpSendRequest(req, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0, 0))
      return fail(w, "WinHttpSendRequest");
    w->sent = true;
    if (!WinHttpReceiveResponse(req, NULL)) return fail(w, "WinHttpReceiveResponse");
    if (w->a->first_byte_ms < 0 || round > 0) w->a->first_byte_ms = now_since(w);
    *status = status_code(req);
    if (*status != 407 || w->r->type == PP_ROUTE_DIRECT) return true;
    w->a->auth_required = true;
    record_offers(w, req);
    if (!choose_auth(w, req, round, used)) return true;
  }
}

/* Reads and discards the body within the attempt's time. */
static bool drain(pp_watt_t *w, HINTERNET req) {
  char buf[16384];
  for (;;) {
    double left = (double)w->o->max_time_ms - (pp_dns_now_ms() - w->t0);
    if (left <= 0) {
      w->error = ERROR_WINHTTP_TIMEOUT;
      w->failed_call = "WinHttpReadData";
      return false;
    }
    DWORD to = (DWORD)left, got = 0;
    WinHttpSetOption(req, WINHTTP_OPTION_RECEIVE_TIMEOUT, &to, sizeof(to));
    if (!WinHttpReadData(req, buf, sizeof(buf), &got)) return fail(w, "WinHttpReadData");
    if (got == 0) return true;
  }
}

/* The answer decides: a CONNECT refused (https through a proxy, no TLS
 * with the origin), an HTTP status, or a chain that does not verify. */
static void outcome(pp_watt_t *w, DWORD status, DWORD used) {
  pp_attempt_t *a = w->a;
  a->status = (long)status;
  if (w->https && w->r->type != PP_ROUTE_DIRECT && !w->tls_seen &&
      (status < 200 || status > 299)) {
    pp_route_tunnel_error(w->o, a, (long)status, w->squid_dns);
    return;
  }
  pp_route_http_outcome(w->o, w->t, w->r, a, (long)status);
  if (a->tls && !a->verified)
    pp_attempt_set_error(a, "tls", false, "TLS failed: %s", a->tls_reason ? a->tls_reason : "?");
  if (a->auth_required && status != 407 && used) a->auth_used = scheme_name(used);
}

static void transfer(pp_watt_t *w, const target_url_t *u, const wchar_t *connect_to,
                     const wchar_t *proxy, const wchar_t *host_hdr) {
  HINTERNET ses = NULL, con = NULL, req = NULL;
  DWORD status = 0, used = 0;
  unsigned ct = w->o->connect_timeout_ms ? w->o->connect_timeout_ms : 5000;
  unsigned mt = w->o->max_time_ms ? w->o->max_time_ms : 15000;
  /* the proxy on the session (a session per attempt): Wine's WinHTTP
   * honours only the session's proxy; no bypass list, not even loopback */
  ses = WinHttpOpen(L"pacprobe/" PP_VERSION,
                    proxy ? WINHTTP_ACCESS_TYPE_NAMED_PROXY : WINHTTP_ACCESS_TYPE_NO_PROXY,
                    proxy ? proxy : WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0);
  if (!ses) {
    fail(w, "WinHttpOpen");
    goto done;
  }
  WinHttpSetTimeouts(ses, (int)ct, (int)ct, (int)mt, (int)mt);
  con = WinHttpConnect(ses, connect_to, u->port, 0);
  req = con ? WinHttpOpenRequest(con, w->t->head ? L"HEAD" : L"GET", u->path, NULL,
                                 WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES,
                                 u->https ? WINHTTP_FLAG_SECURE : 0)
            : NULL;
  if (!req) {
    fail(w, con ? "WinHttpOpenRequest" : "WinHttpConnect");
    goto done;
  }
  set_options(w, req, host_hdr);
  bool ok = exchange(w, req, &status, &used);
  if (w->https && (ok || w->sent) && !pp_win_tls_capture(w, req, u->host)) w->oom = true;
  if (ok && !w->t->head && status != 407) ok = drain(w, req);
  if (ok) outcome(w, status, used);
done:
  if (w->error) pp_win_classify(w);
  w->a->total_ms = now_since(w);
  if (req) WinHttpCloseHandle(req);
  if (con) WinHttpCloseHandle(con);
  if (ses) WinHttpCloseHandle(ses);
}

pp_status_t pp_win_attempt(const pp_check_opts_t *o, const pp_check_target_t *t,
                           const pp_route_t *r, pp_attempt_t *a, const pp_win_trust_t *trust) {
  bool ended = false;
  pp_status_t st = pp_route_attempt_begin(a, r, &ended);
  if (st != PP_OK || ended) return st;
  if (r->type == PP_ROUTE_SOCKS4 || r->type == PP_ROUTE_SOCKS5 || r->type == PP_ROUTE_HTTPS)
    return pp_attempt_set_error(a, "refused", true, "WinHTTP cannot use %s proxies (a WinHTTP "
                                "agent skips this entry)", pp_route_type_name(r->type))
               ? PP_OK : PP_ENOMEM;
  pp_watt_t w = {o, t, r, a, trust, pp_dns_now_ms(), 0, false, false, false, 0, 0, NULL, false,
                 false};
  target_url_t *u = calloc(1, sizeof(*u));
  wchar_t *connect_to = NULL, *proxy = NULL, *host_hdr = NULL;
  if (!u) return PP_ENOMEM;
  if (!crack(t->url, u)) {
    st = pp_attempt_set_error(a, "http", false, "the URL cannot be parsed") ? PP_OK : PP_ENOMEM;
    goto done;
  }
  w.https = u->https;
  if (u->https && trust && trust->error) {
    st = pp_attempt_set_error(a, "tls", false, "TLS failed: %s", trust->error) ? PP_OK : PP_ENOMEM;
    goto done;
  }
  if (endpoint(&w, u, &connect_to, &proxy, &host_hdr)) transfer(&w, u, connect_to, proxy, host_hdr);
  if (a->dns_ms < 0) a->dns_ms = 0;
  st = w.oom ? PP_ENOMEM : PP_OK;
done:
  free(connect_to);
  free(proxy);
  free(host_hdr);
  free(u);
  return st;
}
