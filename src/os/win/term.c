/* SPDX-License-Identifier: MIT */
/*
 * The terminal on Windows (src/os/os.h): stdout is a terminal when it is a
 * console that accepts VT sequences (ENABLE_VIRTUAL_TERMINAL_PROCESSING,
 * Windows 10 1511 and later; turned on here); an older console counts as
 * no terminal, so no escape sequence is ever printed to it raw. Colour
 * decisions are src/cli/term.c's.
 */
#include "os/os.h"

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

bool pp_os_stdout_is_terminal(void) {
  HANDLE h = GetStdHandle(STD_OUTPUT_HANDLE);
  DWORD mode = 0;
  if (h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode)) return false;
  if (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING) return true;
  return SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

int pp_os_terminal_columns(void) {
  CONSOLE_SCREEN_BUFFER_INFO info;
  if (GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &info))
    return info.srWindow.Right - info.srWindow.Left + 1;
  return 80;
}
