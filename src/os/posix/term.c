/* SPDX-License-Identifier: MIT */
/*
 * The terminal on POSIX (src/os/os.h): is stdout a terminal, and how many
 * columns it has (TIOCGWINSZ). Colour decisions are src/cli/term.c's.
 */
#include <sys/ioctl.h>
#include <unistd.h>

#include "os/os.h"

bool pp_os_stdout_is_terminal(void) { return isatty(STDOUT_FILENO) == 1; }

int pp_os_terminal_columns(void) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}
