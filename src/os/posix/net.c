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

unsigned pp_os_prefix_len(const unsigned char *addr, bool v4) {
  struct ifaddrs *ifs = NULL;
  unsigned len = 0;
  if (getifaddrs(&ifs) != 0) return 0;
  size_t n = v4 ? 4 : 16;
  for (struct ifaddrs *i = ifs; i && !len; i = i->ifa_next) {
    if (!i->ifa_addr || !i->ifa_netmask) continue;
    const unsigned char *a = NULL, *mask = NULL;
    if (v4 && i->ifa_addr->sa_family == AF_INET) {
      a = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
      mask = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_netmask)->sin_addr;
    } else if (!v4 && i->ifa_addr->sa_family == AF_INET6) {
      a = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
      mask = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_netmask)->sin6_addr;
    }
    if (!a || memcmp(a, addr, n) != 0) continue;
    for (size_t k = 0; k < n; k++) len += (unsigned)__builtin_popcount(mask[k]);
  }
  freeifaddrs(ifs);
  return len;
}
