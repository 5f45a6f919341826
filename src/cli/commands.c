/* SPDX-License-Identifier: MIT */
/*
 * The subcommand table: name, option-table bit, entry point and the one-line
 * summary that `pacprobe --help`, the man pages (tools/gen-man.sh) and the
 * completions list. main.c dispatches through it; options.c's table says
 * which options each command takes.
 */
#include <string.h>

#include "cli/cli.h"

const pp_cli_cmd_t pp_cli_commands[] = {
    {"eval", PP_CMD_EVAL, pp_cmd_eval, "evaluate a PAC for URLs (pactester-compatible)"},
    {"explain", PP_CMD_EXPLAIN, pp_cmd_explain, "show why a URL gets its proxy: calls, DNS, the deciding line"},
    {"lint", PP_CMD_LINT, pp_cmd_lint, "check PAC scripts for errors and likely mistakes"},
    {"test", PP_CMD_TEST, pp_cmd_test, "run a PAC against a file of expected results"},
    {"diff", PP_CMD_DIFF, pp_cmd_diff, "compare two PAC versions over a URL list"},
    {"discover", PP_CMD_DISCOVER, pp_cmd_discover, "find the PAC by WPAD (DHCP, DNS) and show every step"},
    {"sources", PP_CMD_SOURCES, pp_cmd_sources,
     "which proxy configuration is in effect for a user or service, and why"},
    {"check", PP_CMD_CHECK, pp_cmd_check,
     "try every URL through its route for real: failover, auth, TLS interception"},
    {NULL, 0, NULL, NULL},
};

const pp_cli_cmd_t *pp_cli_command_find(const char *name) {
  for (const pp_cli_cmd_t *c = pp_cli_commands; c->name; c++)
    if (strcmp(c->name, name) == 0) return c;
  return NULL;
}
