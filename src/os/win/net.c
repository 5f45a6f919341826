/* SPDX-License-Identifier: MIT */
/*
 * Sockets on Windows (src/os/os.h): non-inheritable UDP sockets, WSAPoll,
 * and the resolver thread's wake channel as two connected UDP sockets on
 * 127.0.0.1 (WSAPoll waits on sockets only, so a pipe cannot wake it), and
 * the prefix length of a local interface (GetAdaptersAddresses).
 */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

#include <iphlpapi.h>

pp_sock_t pp_os_udp_socket(int family) {
  pp_os_init(); /* library callers without the CLI's main */
  return WSASocketW(family, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
}

void pp_os_sock_close(pp_sock_t s) {
  if (s != PP_SOCK_BAD) closesocket(s);
}

int pp_os_poll(struct pollfd *fds, size_t n, int timeout_ms) {
  int rc = WSAPoll(fds, (ULONG)n, timeout_ms);
  return rc == SOCKET_ERROR ? -1 : rc;
}

static bool bound_loopback(pp_sock_t s, struct sockaddr_in *sa) {
  int sl = sizeof(*sa);
  memset(sa, 0, sizeof(*sa));
  sa->sin_family = AF_INET;
  sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return bind(s, (struct sockaddr *)sa, sizeof(*sa)) == 0 &&
         getsockname(s, (struct sockaddr *)sa, &sl) == 0;
}

bool pp_os_wake_open(pp_sock_t w[2]) {
  struct sockaddr_in a0, a1;
  u_long nonblock = 1;
  w[0] = pp_os_udp_socket(AF_INET);
  w[1] = pp_os_udp_socket(AF_INET);
  bool ok = w[0] != PP_SOCK_BAD && w[1] != PP_SOCK_BAD && bound_loopback(w[0], &a0) &&
            bound_loopback(w[1], &a1) && connect(w[0], (struct sockaddr *)&a1, sizeof(a1)) == 0 &&
            connect(w[1], (struct sockaddr *)&a0, sizeof(a0)) == 0 &&
            ioctlsocket(w[0], FIONBIO, &nonblock) == 0 && ioctlsocket(w[1], FIONBIO, &nonblock) == 0;
  if (!ok) pp_os_wake_close(w);
  return ok;
}

void pp_os_wake_signal(pp_sock_t w1) { (void)send(w1, "x", 1, 0); }

void pp_os_wake_drain(pp_sock_t w0) {
  char drain[64];
  while (recv(w0, drain, sizeof(drain), 0) > 0) {}
}

void pp_os_wake_close(pp_sock_t w[2]) {
  pp_os_sock_close(w[0]);
  pp_os_sock_close(w[1]);
  w[0] = w[1] = PP_SOCK_BAD;
}

