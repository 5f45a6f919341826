/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for target-profile files (src/route/targets.c, the
 * format of pacscripts/targets/NAME.targets), with a {workspace} value so the
 * substitution path runs too.
 */
#include "fuzz.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_profile_t p;
  memset(&p, 0, sizeof(p));
  char err[512] = "";
  if (pp_profile_parse((const char *)data, size, "fuzz.targets", "contoso", &p, err,
                       sizeof(err)) == PP_OK) {
    for (size_t i = 0; i < p.ntargets; i++)
      if (!p.targets[i].url) abort();
  }
  pp_profile_clear(&p);
  return 0;
}
