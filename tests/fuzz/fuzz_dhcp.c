/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the DHCP reply parser (src/wpad/dhcp.c): a packet
 * from whoever answers on the LAN. Never reads outside the packet, option
 * 252 stays within its bound, and its cleaning and escaping survive it.
 */
#include "fuzz.h"
#include "wpad/wpad_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Exact-size heap copy so ASan sees any read past the packet. */
  uint8_t *p = malloc(size ? size : 1);
  if (!p) return 0;
  if (size) memcpy(p, data, size);
  pp_dhcp_msg_t m;
  char err[256] = "";
  if (pp_dhcp_parse(p, size, &m, err, sizeof(err)) == PP_OK && m.has_252) {
    if (m.v252_len > PP_DHCP_252_MAX) abort();
    char *url = NULL, removed[128] = "";
    if (pp_dhcp_clean_252(m.v252, m.v252_len, &url, removed, sizeof(removed)) == PP_OK) free(url);
    free(pp_dhcp_escape(m.v252, m.v252_len));
  }
  free(p);
  return 0;
}
