/* SPDX-License-Identifier: MIT */
/*
 * Naming a failed WinHTTP attempt in DESIGN §1.7's codes (../outcome.c):
 * the WinHTTP error of the call that failed, the phase it failed in
 * (connected or not, request sent or not) and the Schannel flags of a
 * secure failure. WinHTTP does not pass the socket error on: a refused and
 * an unreachable address are both ERROR_WINHTTP_CANNOT_CONNECT.
 */
#include <stdio.h>
#include <string.h>

#include "route/win/win_int.h"

typedef struct err_name {
  DWORD code;
  const char *name;
} err_name_t;

static const err_name_t names[] = {
    {ERROR_WINHTTP_CANNOT_CONNECT, "ERROR_WINHTTP_CANNOT_CONNECT"},
    {ERROR_WINHTTP_TIMEOUT, "ERROR_WINHTTP_TIMEOUT"},
    {ERROR_WINHTTP_CONNECTION_ERROR, "ERROR_WINHTTP_CONNECTION_ERROR"},
    {ERROR_WINHTTP_INVALID_SERVER_RESPONSE, "ERROR_WINHTTP_INVALID_SERVER_RESPONSE"},
    {ERROR_WINHTTP_NAME_NOT_RESOLVED, "ERROR_WINHTTP_NAME_NOT_RESOLVED"},
    {ERROR_WINHTTP_SECURE_FAILURE, "ERROR_WINHTTP_SECURE_FAILURE"},
    {ERROR_WINHTTP_SECURE_CHANNEL_ERROR, "ERROR_WINHTTP_SECURE_CHANNEL_ERROR"},
    {ERROR_WINHTTP_SECURE_INVALID_CERT, "ERROR_WINHTTP_SECURE_INVALID_CERT"},
    {ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED"},
    {ERROR_WINHTTP_LOGIN_FAILURE, "ERROR_WINHTTP_LOGIN_FAILURE"},
    {ERROR_WINHTTP_OPERATION_CANCELLED, "ERROR_WINHTTP_OPERATION_CANCELLED"},
};

static const char *err_text(DWORD code, char *buf, size_t len) {
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (names[i].code == code) return names[i].name;
  snprintf(buf, len, "error %lu", (unsigned long)code);
  return buf;
}

static bool is_secure_error(DWORD e) {
  return e == ERROR_WINHTTP_SECURE_FAILURE || e == ERROR_WINHTTP_SECURE_CHANNEL_ERROR ||
         e == ERROR_WINHTTP_SECURE_INVALID_CERT || e == ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED ||
         (e >= ERROR_WINHTTP_SECURE_CERT_DATE_INVALID && e <= ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE);
}

/* Schannel's words for the flags of WINHTTP_CALLBACK_STATUS_SECURE_FAILURE. */
static void secure_text(DWORD f, char *out, size_t len) {
  snprintf(out, len, "%s%s%s%s%s",
           f & WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA ? "untrusted CA; " : "",
           f & WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID ? "certificate expired; " : "",
           f & WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID ? "name mismatch; " : "",
           f & WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED ? "revoked; " : "",
           f & WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR ? "TLS channel error; " : "");
}

void pp_win_classify(const pp_cred_use_t *cu, const pp_route_t *r, const pp_xfer_t *x,
                     pp_attempt_t *a) {
  char num[32], detail[256];
  const char *name = err_text(x->error, num, sizeof(num));
  snprintf(detail, sizeof(detail), "%s: %s", x->failed_call ? x->failed_call : "WinHTTP", name);
  a->status = (long)x->status;
  switch (x->error) {
  case ERROR_WINHTTP_CANNOT_CONNECT:
    snprintf(detail, sizeof(detail), "connection refused or unreachable, %s", name);
    pp_route_conn_error(a, r, PP_CONN_REFUSED, detail);
    return;
  case ERROR_WINHTTP_TIMEOUT:
  case ERROR_WINHTTP_OPERATION_CANCELLED:
    pp_route_conn_error(a, r, a->connect_ms < 0 && !x->sent ? PP_CONN_CONNECT_TIMEOUT
                                                                 : PP_CONN_TIMEOUT, detail);
    return;
  case ERROR_WINHTTP_CONNECTION_ERROR:
    pp_route_conn_error(a, r, PP_CONN_RESET, detail);
    return;
  case ERROR_WINHTTP_NAME_NOT_RESOLVED:
    pp_attempt_set_error(a, r->type == PP_ROUTE_DIRECT ? "dns" : "proxy-dns",
                         r->type == PP_ROUTE_DIRECT, "the system resolver could not resolve "
                         "the host (%s)", detail);
    return;
  case ERROR_WINHTTP_LOGIN_FAILURE:
    a->auth_required = true;
    pp_route_auth_required(cu, a);
    return;
  default:
    break;
  }
  if (is_secure_error(x->error)) {
    char flags[160];
    secure_text(x->secure_flags, flags, sizeof(flags));
    pp_attempt_set_error(a, "tls", false, "TLS failed: %s%s", flags, detail);
  } else {
    pp_route_conn_error(a, r, PP_CONN_CLOSED, detail);
  }
}
