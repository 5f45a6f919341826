/* SPDX-License-Identifier: MIT */
/*
 * Entry point: picks the personality (pacprobe or pactester, by the name it
 * was invoked under) and the subcommand. Everything else is in the library
 * or in one file per subcommand.
 */
#include <string.h>

#include "cli/cli.h"
#include "os/os.h"

static void print_usage(FILE *out) {
  fprintf(out,
          "usage: pacprobe COMMAND [options]\n\n"
          "Which proxy does this machine use for a URL, who decided, does it work.\n\n"
          "commands:\n"
          "  eval      evaluate a PAC for URLs (pactester-compatible)\n"
          "  explain   show why a URL gets its proxy: calls, DNS, the deciding line\n"
          "  lint      check PAC scripts for errors and likely mistakes\n"
          "  test      run a PAC against a file of expected results\n"
          "  diff      compare two PAC versions over a URL list\n"
          "  discover  find the PAC by WPAD (DHCP, DNS) and show every step\n"
          "  sources   which proxy configuration is in effect for a user or service, and why\n"
          "  check     try every URL through its route for real: failover, auth, TLS interception\n\n"
          "Run 'pacprobe COMMAND --help' for a command's options, 'man pacprobe' for more.\n"
          "Invoked as 'pactester', pacprobe accepts pactester's flags.\n");
}

int pp_cli_main(int argc, char **argv) {
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
  if (strcmp(cmd, "sources") == 0) return pp_cmd_sources(argc, argv, 2);
  if (strcmp(cmd, "explain") == 0) return pp_cmd_explain(argc, argv, 2);
  if (strcmp(cmd, "discover") == 0) return pp_cmd_discover(argc, argv, 2);
  if (strcmp(cmd, "test") == 0) return pp_cmd_test(argc, argv, 2);
  if (strcmp(cmd, "diff") == 0) return pp_cmd_diff(argc, argv, 2);
  if (strcmp(cmd, "lint") == 0) return pp_cmd_lint(argc, argv, 2);
  if (strcmp(cmd, "check") == 0) return pp_cmd_check(argc, argv, 2);
  pp_msg_error("unknown command '%s' (see pacprobe --help)", cmd);
  return PP_EXIT_USAGE;
}
