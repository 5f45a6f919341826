/* SPDX-License-Identifier: MIT */
/*
 * One WinHTTP transfer, on a thread of its own, as a Windows agent makes
 * it: a session per attempt carrying the proxy (no connection reused, a new
 * handshake each time; Wine's WinHTTP honours only a session's proxy) with
 * no bypass list, redirects not followed (as libcurl in check), proxy
 * authentication with the running account's credentials through SSPI
 * (Negotiate/NTLM, autologon policy low) or with --proxy-user, and the
 * origin's chain handed to tls.c. It records facts only: attempt.c and
 * classify.c name them on the worker.
 */
#include <stdlib.h>
#include <string.h>

#include "route/win/win_int.h"
#include "util/str.h"

#define MAX_AUTH_ROUNDS 4 /* one per scheme at most */

static double since(const pp_xfer_t *x) { return x->base + pp_dns_now_ms() - x->t0; }

static void CALLBACK on_status(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len) {
  pp_xfer_t *x = (pp_xfer_t *)ctx;
  if (!x) return;
  if (status == WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER && x->a.connect_ms < 0)
    x->a.connect_ms = since(x);
  else if (status == WINHTTP_CALLBACK_STATUS_SENDING_REQUEST && x->https && x->a.tls_ms < 0 &&
           x->a.connect_ms >= 0)
    x->a.tls_ms = since(x); /* the request goes out after the handshake */
  else if (status == WINHTTP_CALLBACK_STATUS_SECURE_FAILURE && info && len >= sizeof(DWORD))
    x->secure_flags = *(DWORD *)info;
}

static bool fail(pp_xfer_t *x, const char *call) {
  x->error = GetLastError();
  x->failed_call = call;
  return false;
}

static void set_options(pp_xfer_t *x, HINTERNET req) {
  /* keep-alive stays on: NTLM and Negotiate authenticate the connection;
   * a session per attempt already means a new connection per attempt */
  DWORD v = WINHTTP_DISABLE_REDIRECTS;
  WinHttpSetOption(req, WINHTTP_OPTION_DISABLE_FEATURE, &v, sizeof(v));
  /* tls.c verifies the chain itself (the interception case must still show
   * the chain): Schannel is told to hand every certificate over. */
  v = SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID |
      SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE;
  if (x->https) WinHttpSetOption(req, WINHTTP_OPTION_SECURITY_FLAGS, &v, sizeof(v));
  v = WINHTTP_AUTOLOGON_SECURITY_LEVEL_LOW; /* the account's credentials to any proxy */
  if (!x->user) WinHttpSetOption(req, WINHTTP_OPTION_AUTOLOGON_POLICY, &v, sizeof(v));
  DWORD_PTR ctx = (DWORD_PTR)x;
  WinHttpSetOption(req, WINHTTP_OPTION_CONTEXT_VALUE, &ctx, sizeof(ctx));
  WinHttpSetStatusCallback(req, on_status,
                           WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER |
                               WINHTTP_CALLBACK_FLAG_SEND_REQUEST |
                               WINHTTP_CALLBACK_FLAG_SECURE_FAILURE, 0);
  if (x->host_hdr)
    WinHttpAddRequestHeaders(req, x->host_hdr, (DWORD)-1L,
                             WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
}

static DWORD status_code(HINTERNET req) {
  DWORD code = 0, len = sizeof(code);
  WinHttpQueryHeaders(req, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
                      WINHTTP_HEADER_NAME_BY_INDEX, &code, &len, WINHTTP_NO_HEADER_INDEX);
  return code;
}

/* Every Proxy-Authenticate value in offer order, and squid's DNS error. */
static void record_offers(pp_xfer_t *x, HINTERNET req) {
  for (DWORD idx = 0; idx < 16;) {
    wchar_t buf[512];
    DWORD len = sizeof(buf), before = idx;
    if (!WinHttpQueryHeaders(req, WINHTTP_QUERY_PROXY_AUTHENTICATE, WINHTTP_HEADER_NAME_BY_INDEX,
                             buf, &len, &idx) || idx == before)
      break;
    char *v = pp_win_utf8(buf, (int)(len / sizeof(wchar_t)));
    if (!v || !pp_route_offer(&x->a, v, strlen(v))) x->oom = true;
    free(v);
  }
  wchar_t sq[64];
  DWORD len = sizeof(sq);
  if (WinHttpQueryHeaders(req, WINHTTP_QUERY_CUSTOM, L"X-Squid-Error", sq, &len,
                          WINHTTP_NO_HEADER_INDEX))
    x->squid_dns = wcsncmp(sq, L"ERR_DNS_FAIL", 12) == 0;
}

/* After a 407: credentials for the next round, or false when there is
 * nothing (more) to try. Without the user's credentials for this proxy
 * (creds.c) only Negotiate/NTLM with the account's own credentials (SSPI,
 * no password known to pacprobe); with them the strongest scheme offered,
 * Basic only where creds.c allows it (never on plain HTTP unless
 * --proxy-basic-ok). */
static bool choose_auth(pp_xfer_t *x, HINTERNET req, int round) {
  DWORD supported = 0, first = 0, target = 0;
  if (round >= MAX_AUTH_ROUNDS || !WinHttpQueryAuthSchemes(req, &supported, &first, &target))
    return false;
  static const DWORD order[] = {WINHTTP_AUTH_SCHEME_NEGOTIATE, WINHTTP_AUTH_SCHEME_NTLM,
                                WINHTTP_AUTH_SCHEME_DIGEST, WINHTTP_AUTH_SCHEME_BASIC};
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    if (!(supported & order[i])) continue;
    if (!x->user && i >= 2) return false; /* no password to give Digest/Basic */
    if (order[i] == WINHTTP_AUTH_SCHEME_BASIC && x->basic_held) return false;
    if (x->used == order[i]) return false; /* this scheme was answered with a 407 again */
    if (!WinHttpSetCredentials(req, WINHTTP_AUTH_TARGET_PROXY, order[i], x->user, x->pass, NULL))
      return false;
    x->used = order[i];
    return true;
  }
  return false;
}

/* The response's header block, line by line, to reason.c (a proxy route):
 * the status line first, as libcurl hands them to curl/attempt.c. */
static void record_reason(pp_xfer_t *x, HINTERNET req) {
  if (!x->reason) return;
  DWORD len = 0;
  WinHttpQueryHeaders(req, WINHTTP_QUERY_RAW_HEADERS_CRLF, WINHTTP_HEADER_NAME_BY_INDEX, NULL, &len,
                      WINHTTP_NO_HEADER_INDEX);
  if (GetLastError() != ERROR_INSUFFICIENT_BUFFER || len == 0 || len > 65536) return;
  wchar_t *w = malloc(len + sizeof(wchar_t));
  char *u = NULL;
  if (w && WinHttpQueryHeaders(req, WINHTTP_QUERY_RAW_HEADERS_CRLF, WINHTTP_HEADER_NAME_BY_INDEX, w, &len,
                               WINHTTP_NO_HEADER_INDEX))
    u = pp_win_utf8(w, (int)(len / sizeof(wchar_t)));
  else if (!w) x->oom = true;
  free(w);
  for (const char *p = u, *nl; p && *p; p = nl + 1) {
    if (!(nl = strchr(p, '\n'))) nl = p + strlen(p) - 1;
    pp_reason_header(x->reason, p, (size_t)(nl - p + 1));
  }
  free(u);
}

/* Sends (again after each 407 answered with credentials); the final status. */
static bool exchange(pp_xfer_t *x, HINTERNET req) {
  for (int round = 0;; round++) {
    if (!WinHttpSendRequest(req, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0, 0))
      return fail(x, "WinHttpSendRequest");
    x->sent = true;
    if (!WinHttpReceiveResponse(req, NULL)) return fail(x, "WinHttpReceiveResponse");
    x->a.first_byte_ms = since(x);
    x->status = status_code(req);
    record_reason(x, req);
    if (x->status != 407 || !x->proxied) return true;
    x->a.auth_required = true;
    record_offers(x, req);
    if (!choose_auth(x, req, round)) return true;
  }
}

/* Reads and discards the body within the attempt's time. */
static bool drain(pp_xfer_t *x, HINTERNET req) {
  char buf[16384];
  for (;;) {
    double left = (double)x->max_ms - (pp_dns_now_ms() - x->t0);
    if (left <= 0) {
      x->error = ERROR_WINHTTP_TIMEOUT;
      x->failed_call = "WinHttpReadData";
      return false;
    }
    DWORD to = (DWORD)left, got = 0;
    WinHttpSetOption(req, WINHTTP_OPTION_RECEIVE_TIMEOUT, &to, sizeof(to));
    if (!WinHttpReadData(req, buf, sizeof(buf), &got)) return fail(x, "WinHttpReadData");
    if (got == 0) return true;
    if (x->reason) pp_reason_body(x->reason, buf, got); /* an error page's start (reason.c) */
  }
}

static void transfer(pp_xfer_t *x) {
  HINTERNET ses = NULL, con = NULL, req = NULL;
  ses = WinHttpOpen(L"pacprobe/" PP_VERSION,
                    x->proxy ? WINHTTP_ACCESS_TYPE_NAMED_PROXY : WINHTTP_ACCESS_TYPE_NO_PROXY,
                    x->proxy ? x->proxy : WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0);
  if (!ses) {
    fail(x, "WinHttpOpen");
    return;
  }
  WinHttpSetTimeouts(ses, (int)x->connect_ms, (int)x->connect_ms, (int)x->max_ms, (int)x->max_ms);
  con = WinHttpConnect(ses, x->connect_to, x->port, 0);
  req = con ? WinHttpOpenRequest(con, x->head ? L"HEAD" : L"GET", x->path, NULL,
                                 WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES,
                                 x->https ? WINHTTP_FLAG_SECURE : 0)
            : NULL;
  if (!req) {
    fail(x, con ? "WinHttpOpenRequest" : "WinHttpConnect");
  } else {
    set_options(x, req);
    bool ok = exchange(x, req);
    if (x->https && x->sent && !pp_win_tls_capture(x, req)) x->oom = true;
    if (ok && !x->head && x->status != 407) drain(x, req);
  }
  x->a.total_ms = since(x);
  if (req) WinHttpCloseHandle(req);
  if (con) WinHttpCloseHandle(con);
  WinHttpCloseHandle(ses);
}

DWORD WINAPI pp_win_xfer_main(LPVOID arg) {
  pp_xfer_t *x = arg;
  transfer(x);
  pp_win_xfer_release(x);
  return 0;
}

void pp_win_xfer_release(pp_xfer_t *x) {
  if (InterlockedDecrement(&x->refs) > 0) return;
  if (x->pass) SecureZeroMemory(x->pass, wcslen(x->pass) * sizeof(wchar_t));
  free(x->connect_to);
  free(x->proxy);
  free(x->host_hdr);
  free(x->path);
  free(x->host);
  free(x->user);
  free(x->pass);
  if (x->extra) CertCloseStore(x->extra, 0);
  pp_strlist_free(x->a.auth_offered, x->a.nauth_offered);
  pp_cert_chain_free(x->view.chain, x->view.nchain);
  free(x->err_issuer);
  free(x->root);
  free(x->reason);
  free(x);
}
