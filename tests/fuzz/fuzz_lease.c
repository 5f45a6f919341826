/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for DHCP lease files (src/wpad/lease.c): dhclient,
 * systemd-networkd and NetworkManager formats in one parser.
 */
#include "fuzz.h"
#include "wpad/wpad_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_lease_t l;
  memset(&l, 0, sizeof(l));
  char err[256] = "";
  if (pp_wpad_lease_parse((const char *)data, size, "fuzz.lease", &l, err, sizeof(err)) == PP_OK &&
      l.v252_len > PP_DHCP_252_MAX)
    abort();
  pp_wpad_lease_clear(&l);
  return 0;
}
