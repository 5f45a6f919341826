/* SPDX-License-Identifier: MIT */
/*
 * Entry point: picks the personality (pacprobe or pactester, by the name it
 * was invoked under) and the subcommand from the table in commands.c;
 * `pacprobe help COMMAND` is `pacprobe COMMAND --help`. Everything else is
 * in the library or in one file per subcommand.
 */
#include <string.h>

#include "cli/cli.h"
#include "os/os.h"

static void print_usage(FILE *out) {
  fprintf(out, "usage: pacprobe COMMAND [options]\n\n"
               "Which proxy does this machine use for a URL, who decided, does it work.\n\n"
               "commands:\n");
  for (const pp_cli_cmd_t *c = pp_cli_commands; c->name; c++)
    fprintf(out, "  %-9s %s\n", c->name, c->summary);
  fprintf(out, "\nRun 'pacprobe help COMMAND' (= 'pacprobe COMMAND --help') for a command's options,\n"
               "'man pacprobe-COMMAND' for more, 'pacprobe --version' for the library versions.\n"
               "Invoked as 'pactester', pacprobe accepts pactester's flags.\n");
}

static int unknown_command(const char *cmd) {
  const char *names[32];
  size_t n = 0;
  for (const pp_cli_cmd_t *c = pp_cli_commands; c->name && n < 32; c++) names[n++] = c->name;
  const char *best = pp_cli_suggest(cmd, names, n);
  if (best) pp_msg_error("unknown command '%s'; did you mean '%s'? (see pacprobe --help)", pp_safe(cmd), best);
  else pp_msg_error("unknown command '%s' (see pacprobe --help)", pp_safe(cmd));
  return PP_EXIT_USAGE;
}

/* `pacprobe help [COMMAND]` */
static int help(int argc, char **argv) {
  if (argc < 3) {
    print_usage(stdout);
    return PP_EXIT_OK;
  }
  const pp_cli_cmd_t *c = pp_cli_command_find(argv[2]);
  if (!c) return unknown_command(argv[2]);
  char *args[] = {argv[0], argv[2], "--help", NULL};
  return c->run(3, args, 2);
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
    pp_cli_print_version(stdout);
    return PP_EXIT_OK;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
    return help(argc, argv);
  if (strcmp(cmd, "--list-options") == 0) { /* for tools/gen-*.sh and the tests */
    pp_options_list(stdout);
    return PP_EXIT_OK;
  }
  const pp_cli_cmd_t *c = pp_cli_command_find(cmd);
  return c ? c->run(argc, argv, 2) : unknown_command(cmd);
}
