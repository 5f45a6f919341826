/* SPDX-License-Identifier: MIT */
/*
 * Sockets on POSIX (src/os/os.h): close-on-exec UDP sockets, poll(2), and
 * the resolver thread's wake channel as a non-blocking pipe, and the prefix
 * length of a local interface (getifaddrs).
 */
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <string.h>

#include "os/os.h"

pp_sock_t pp_os_udp_socket(int family) { return socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0); }

void pp_os_sock_close(pp_sock_t s) {
  if (s != PP_SOCK_BAD) close(s);
}

int pp_os_poll(struct pollfd *fds, size_t n, int timeout_ms) {
  int rc = poll(fds, (nfds_t)n, timeout_ms);
  return rc < 0 && errno == EINTR ? 0 : rc;
}

bool pp_os_wake_open(pp_sock_t w[2]) {
  if (pipe(w) != 0) return false;
  for (int i = 0; i < 2; i++) {
    fcntl(w[i], F_SETFL, fcntl(w[i], F_GETFL) | O_NONBLOCK);
    fcntl(w[i], F_SETFD, FD_CLOEXEC);
  }
  return true;
}

void pp_os_wake_signal(pp_sock_t w1) {
  ssize_t n = write(w1, "x", 1);
  (void)n; /* a full pipe already wakes the reader */
}

void pp_os_wake_drain(pp_sock_t w0) {
  char drain[64];
  while (read(w0, drain, sizeof(drain)) > 0) {}
}

void pp_os_wake_close(pp_sock_t w[2]) {
  close(w[0]);
  close(w[1]);
}

