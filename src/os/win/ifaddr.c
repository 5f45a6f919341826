/* SPDX-License-Identifier: MIT */
/* The local interfaces on Windows (src/os/os.h): the on-link prefix length
 * of a local address from GetAdaptersAddresses, for RFC 6724 sorting
 * (src/dns/sort.c). */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

#include <iphlpapi.h> /* after winsock2.h (os_sys.h) */

unsigned pp_os_prefix_len(const unsigned char *addr, bool v4) {
  ULONG size = 16384, flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
  IP_ADAPTER_ADDRESSES *list = NULL;
  ULONG rc = ERROR_BUFFER_OVERFLOW;
  for (int tries = 0; rc == ERROR_BUFFER_OVERFLOW && tries < 3; tries++) {
    free(list);
    if (!(list = malloc(size))) return 0;
    rc = GetAdaptersAddresses(v4 ? AF_INET : AF_INET6, flags, NULL, list, &size);
  }
  unsigned len = 0;
  for (IP_ADAPTER_ADDRESSES *a = rc == NO_ERROR ? list : NULL; a && !len; a = a->Next) {
    for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u && !len; u = u->Next) {
      const struct sockaddr *sa = u->Address.lpSockaddr;
      const void *b = v4 && sa->sa_family == AF_INET ? (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr
                    : !v4 && sa->sa_family == AF_INET6 ? (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr
                    : NULL;
      if (b && memcmp(b, addr, v4 ? 4 : 16) == 0) len = u->OnLinkPrefixLength;
    }
  }
  free(list);
  return len;
}
