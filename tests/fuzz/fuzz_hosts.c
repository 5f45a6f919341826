/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the DNS override inputs (src/dns/hosts.c,
 * overrides.c): byte 0 even = an /etc/hosts-format file, odd = one
 * --resolve HOST=ADDR[,ADDR...] spec. Every entry's addresses are numeric.
 */
#include "fuzz.h"
#include "dns/dns_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  pp_dns_table_t t = {0};
  char err[512] = "";
  if (data[0] & 1) {
    char *spec = fz_cstr(data + 1, size - 1);
    if (!spec) return 0;
    (void)pp_dns_override_parse(&t, spec, err, sizeof(err));
    free(spec);
  } else {
    (void)pp_dns_hosts_parse(&t, (const char *)data + 1, size - 1, "fuzz.hosts", err,
                             sizeof(err));
  }
  char norm[64];
  for (size_t i = 0; i < t.cap; i++) {
    if (!t.slots[i].used) continue;
    if (!pp_dns_table_find(&t, t.slots[i].name)) abort();
    for (size_t k = 0; k < t.slots[i].naddrs; k++) {
      const char *a = t.slots[i].addrs[k];
      if (!pp_dns_addr_normalize(a, strlen(a), norm, sizeof(norm))) abort();
    }
  }
  pp_dns_table_free(&t);
  return 0;
}
