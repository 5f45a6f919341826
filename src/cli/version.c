/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe --version`: the program's version and, one per line, the
 * libraries it runs with as the library reports them (pp_component_*).
 */
#include "cli/cli.h"

void pp_cli_print_version(FILE *out) {
  fprintf(out, "pacprobe %s\n", pp_version());
  for (int c = 0; c < PP_COMPONENT_COUNT; c++) {
    const char *v = pp_component_version((pp_component_t)c);
    if (v) fprintf(out, "  %s %s\n", pp_component_name((pp_component_t)c), v);
  }
}
