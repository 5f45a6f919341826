/* SPDX-License-Identifier: MIT */
/*
 * The DNS client seam of discover on Linux (wpad_int.h): there is no
 * Windows DNS client to read, so PP_EPLATFORM, and discover takes its
 * domains from resolv.conf and the host name (dns.c, pp_wpad_dns_domains).
 * The Windows reader is win/dnsclient.c; the order both feed is dns.c's.
 */
#include "wpad/wpad_int.h"

pp_status_t pp_wpad_dnsclient_read(pp_wpad_dnsclient_t *c) {
  (void)c;
  return PP_EPLATFORM;
}
