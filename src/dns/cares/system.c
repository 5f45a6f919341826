/* SPDX-License-Identifier: MIT */
/*
 * The system-resolver seam of src/dns (dns_int.h) on Linux: c-ares reads
 * the system's own configuration (resolv.conf, nsswitch's files via
 * /etc/hosts in resolver.c), so no lookup is deferred to the libc
 * resolver and pp_dns_system_lookup is never called.
 */
#include "dns/dns_int.h"

bool pp_dns_system_defers(void) { return false; }

pp_status_t pp_dns_system_lookup(const char *name, pp_dns_family_t family, unsigned timeout_ms,
                                 double deadline_ms, pp_dns_answer_t *out) {
  out->failure = PP_DNS_FAIL_OTHER;
  return PP_EDNS;
}
