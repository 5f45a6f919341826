/* SPDX-License-Identifier: MIT */
/*
 * The system-resolver seam of src/dns (dns_int.h) on Windows: without
 * --dns-server a name goes to GetAddrInfoExW, the resolver Windows agents
 * use, so the Name Resolution Policy Table, the suffix search list, DNS
 * devolution, LLMNR/NetBIOS and the hosts file apply exactly as they do
 * for them. The call is overlapped so that the lookup ends at the
 * resolver's timeout or the caller's deadline (GetAddrInfoExCancel).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>

#include "dns/dns_int.h"
#include "wstr.h" /* src/os/win */

/* In ws2_32 since Windows 8; mingw-w64's ws2tcpip.h does not declare them. */
int WSAAPI GetAddrInfoExCancel(LPHANDLE handle);
int WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED overlapped);

bool pp_dns_system_defers(void) { return true; }

static pp_status_t collect(const ADDRINFOEXW *ai, pp_dns_answer_t *out) {
  /* (mingw-w64 types ai_next as a struct it never defines) */
  for (; ai; ai = (const ADDRINFOEXW *)(const void *)ai->ai_next) {
    char buf[INET6_ADDRSTRLEN] = "";
    if (ai->ai_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)ai->ai_addr)->sin_addr, buf, sizeof(buf));
    else if (ai->ai_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, buf, sizeof(buf));
    if (buf[0] && !pp_dns_answer_add(out, buf)) return PP_ENOMEM;
  }
  return out->naddrs ? PP_OK : PP_ENOTFOUND;
}

static pp_status_t failed(int err, pp_dns_answer_t *out) {
  if (err == WSAHOST_NOT_FOUND || err == WSANO_DATA || err == WSA_E_NO_MORE ||
      err == WSANO_RECOVERY) {
    out->failure = err == WSANO_RECOVERY ? PP_DNS_FAIL_SERVFAIL : PP_DNS_FAIL_NOT_FOUND;
    return err == WSANO_RECOVERY ? PP_EDNS : PP_ENOTFOUND;
  }
  out->failure = err == WSATRY_AGAIN ? PP_DNS_FAIL_TIMEOUT : PP_DNS_FAIL_OTHER;
  return PP_EDNS;
}

pp_status_t pp_dns_system_lookup(const char *name, pp_dns_family_t family, unsigned timeout_ms,
                                 double deadline_ms, pp_dns_answer_t *out) {
  wchar_t *w = pp_win_wide(name);
  if (!w) return PP_ENOMEM;
  ADDRINFOEXW hints, *res = NULL;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = family == PP_DNS_IPV4 ? AF_INET : AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof(ov));
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  HANDLE cancel = NULL;
  double now = pp_dns_now_ms(), until = now + (timeout_ms ? timeout_ms : 5000);
  bool by_deadline = deadline_ms > 0 && deadline_ms < until;
  if (by_deadline) until = deadline_ms;
  int rc = ov.hEvent ? GetAddrInfoExW(w, NULL, NS_ALL, NULL, &hints, &res, NULL, &ov, NULL, &cancel)
                     : GetAddrInfoExW(w, NULL, NS_ALL, NULL, &hints, &res, NULL, NULL, NULL, NULL);
  if (rc == WSA_IO_PENDING) {
    double left = until - pp_dns_now_ms();
    DWORD wait = WaitForSingleObject(ov.hEvent, left > 0 ? (DWORD)left : 0);
    if (wait != WAIT_OBJECT_0) {
      GetAddrInfoExCancel(&cancel);
      WaitForSingleObject(ov.hEvent, INFINITE); /* the cancel completes it */
      rc = WSAETIMEDOUT;
    } else {
      rc = GetAddrInfoExOverlappedResult(&ov);
    }
  }
  pp_status_t st;
  if (rc == WSAETIMEDOUT) {
    out->failure = by_deadline ? PP_DNS_FAIL_DEADLINE : PP_DNS_FAIL_TIMEOUT;
    st = PP_EDNS;
  } else {
    st = rc == 0 ? collect(res, out) : failed(rc, out);
    if (st == PP_ENOTFOUND && out->failure == PP_DNS_FAIL_NONE) out->failure = PP_DNS_FAIL_NOT_FOUND;
  }
  if (res) FreeAddrInfoExW(res);
  if (ov.hEvent) CloseHandle(ov.hEvent);
  free(w);
  return st;
}
