/* SPDX-License-Identifier: MIT */
/*
 * The DHCP client of a build that has none yet (the Windows build until
 * DhcpRequestParams lands, issue 14). Discovery with DHCP fails with the
 * reason; --no-dhcp runs the DNS part (discover.c skips the interface
 * listing then).
 */
#include "util/str.h"
#include "wpad/wpad_int.h"

pp_status_t pp_wpad_dhcp_interfaces(const char *const *names, size_t n, pp_wpad_iface_t **out,
                                    size_t *nout, char *err, size_t errlen) {
  *out = NULL;
  *nout = 0;
  pp_set_err(err, errlen, "DHCP (option 252) is %s (use --no-dhcp)", pp_strerror(PP_ENOTBUILT));
  return PP_ENOTBUILT;
}

pp_status_t pp_wpad_dhcp_run(const pp_wpad_iface_t *ifs, size_t n, unsigned timeout_ms,
                             pp_discovery_t *d) {
  return PP_ENOTBUILT;
}
