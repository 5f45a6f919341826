/* SPDX-License-Identifier: MIT */
/*
 * Names of the emulation profiles (DESIGN §1.1). What each profile changes
 * lives with the code it changes (url.c, result.c, natives.c and the JS
 * runtime); this file only maps names to the enum.
 */
#include "pacprobe.h"

#include <string.h>

static const char *const names[] = {
    [PP_EMU_CHROME] = "chrome",         [PP_EMU_FIREFOX] = "firefox",
    [PP_EMU_WINHTTP] = "winhttp",       [PP_EMU_PACPARSER] = "pacparser",
    [PP_EMU_PAC_RESOLVER] = "pac-resolver", [PP_EMU_LIBPROXY] = "libproxy",
};

pp_status_t pp_emulation_parse(const char *name, pp_emulation_t *out) {
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = (pp_emulation_t)i;
      return PP_OK;
    }
  }
  return PP_EINVAL;
}

const char *pp_emulation_name(pp_emulation_t mode) {
  if ((size_t)mode < sizeof(names) / sizeof(names[0])) return names[mode];
  return "?";
}
