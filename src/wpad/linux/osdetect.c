/* SPDX-License-Identifier: MIT */
/*
 * The system-detector seam of discover on Linux (wpad_int.h): Linux has
 * no system WPAD detector to compare with (each program does its own,
 * docs/wpad-discovery.md §3.2), so discover shows pacprobe's answer
 * alone. The Windows detector is win/osdetect.c.
 */
#include "wpad/wpad_int.h"

const char *pp_wpad_os_api(void) { return NULL; }

void pp_wpad_os_detect(bool dhcp, bool dns, pp_wpad_os_view_t *v) {
  (void)dhcp, (void)dns, (void)v;
}
