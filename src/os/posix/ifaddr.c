/* SPDX-License-Identifier: MIT */
/* The local interfaces on POSIX (src/os/os.h): the on-link prefix length
 * of a local address from getifaddrs(3), for RFC 6724 sorting
 * (src/dns/sort.c). */
#include <ifaddrs.h>
#include <string.h>

#include "os/os.h"

unsigned pp_os_prefix_len(const unsigned char *addr_bytes, bool v4) {
  struct ifaddrs *ifs = NULL;
  unsigned len = 0;
  if (getifaddrs(&ifs) != 0) return 0;
  for (struct ifaddrs *i = ifs; i && !len; i = i->ifa_next) {
    if (!i->ifa_addr || !i->ifa_netmask) continue;
    const unsigned char *addr = NULL, *mask = NULL;
    size_t n = v4 ? 4 : 16;
    if (v4 && i->ifa_addr->sa_family == AF_INET) {
      addr = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
      mask = (const unsigned char *)&((struct sockaddr_in *)(void *)i->ifa_netmask)->sin_addr;
    } else if (!v4 && i->ifa_addr->sa_family == AF_INET6) {
      addr = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
      mask = (const unsigned char *)&((struct sockaddr_in6 *)(void *)i->ifa_netmask)->sin6_addr;
    }
    if (!addr || memcmp(addr, addr_bytes, n) != 0) continue;
    for (size_t k = 0; k < n; k++) len += (unsigned)__builtin_popcount(mask[k]);
  }
  freeifaddrs(ifs);
  return len;
}

