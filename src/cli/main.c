/* SPDX-License-Identifier: MIT */
/*
 * Entry point: picks the personality (pacprobe or pactester, by the name it
 * was invoked under) and the subcommand. Everything else is in the library
 * or in one file per subcommand.
 */
#include <string.h>

#include "cli/cli.h"

static void print_usage(FILE *out) {
  fprintf(out,
          "usage: pacprobe COMMAND [options]\n\n"
          "Which proxy does this machine use for a URL, who decided, does it work.\n\n"
          "commands:\n"
          "  eval      evaluate a PAC for URLs (pactester-compatible)\n\n"
          "Run 'pacprobe COMMAND --help' for a command's options, 'man pacprobe' for more.\n"
          "Invoked as 'pactester', pacprobe accepts pactester's flags.\n");
}

int main(int argc, char **argv) {
  const char *self = strrchr(argv[0], '/');
  self = self ? self + 1 : argv[0];
  if (strcmp(self, "pactester") == 0) return pp_cmd_pactester(argc, argv);
  if (argc < 2) {
    print_usage(stderr);
    return PP_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("pacprobe %s\n", PP_VERSION);
    return PP_EXIT_OK;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    print_usage(stdout);
    return PP_EXIT_OK;
  }
  if (strcmp(cmd, "eval") == 0) return pp_cmd_eval(argc, argv, 2);
  pp_msg_error("unknown command '%s' (see pacprobe --help)", cmd);
  return PP_EXIT_USAGE;
}
