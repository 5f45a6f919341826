/* SPDX-License-Identifier: MIT */
/* The POSIX entry point: arguments are already bytes (UTF-8 by
 * convention); the program is src/cli/main.c's pp_cli_main. */
#include "os/os.h"

int main(int argc, char **argv) {
  pp_os_init();
  return pp_cli_main(argc, argv);
}
