/* SPDX-License-Identifier: MIT */
/* The address logic behind the Microsoft IPv6 extensions
 * (docs/pac-semantics.md §3), pure functions so they can be unit tested. */
#ifndef PP_PAC_IPEXT_H
#define PP_PAC_IPEXT_H

#include <stdbool.h>

#include "pacprobe.h"

/* sortIpAddressList as Chromium: spaces and tabs removed, split on ';',
 * empty tokens skipped, stable sort with IPv6 before IPv4 and numeric
 * ascending within a family, original spellings kept, joined with ';'.
 * PP_OK with *out malloc'd; PP_EINVAL when an entry does not parse or the
 * list is empty (the caller maps that to false / "" per profile); PP_ENOMEM. */
pp_status_t pp_ip_sort_list(const char *list, char **out);

/* isInNetEx(ip, prefix). ip must be an IP literal (no DNS), prefix "addr/len".
 * strict_family=false (Chromium): an IPv4 side is compared as ::ffff:a.b.c.d;
 * strict_family=true (Microsoft/winhttp): different families -> false.
 * Host bits in the prefix are ignored. Malformed input -> false. */
bool pp_ip_in_net_ex(const char *ip, const char *prefix, bool strict_family);

#endif
