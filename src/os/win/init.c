/* SPDX-License-Identifier: MIT */
/*
 * The process side of the Windows seam (src/os/os.h): Winsock started once,
 * standard streams binary so output is byte-identical to Linux, a UTF-8
 * console while pacprobe runs, CPU count, BCryptGenRandom, _mkgmtime.
 * Time zones are tz.c's.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

#include <bcrypt.h> /* after windows.h (os_sys.h) */

static UINT console_cp;

static void restore_console(void) {
  if (console_cp) SetConsoleOutputCP(console_cp);
}

void pp_os_init(void) {
  static bool done;
  if (done) return;
  done = true;
  WSADATA wsa;
  (void)WSAStartup(MAKEWORD(2, 2), &wsa);
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  console_cp = GetConsoleOutputCP();
  if (console_cp && console_cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8)) atexit(restore_console);
  else console_cp = 0;
}

long pp_os_ncpus(void) {
  DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
  return n > 0 ? (long)n : 1;
}

void pp_os_unsetenv(const char *name) { (void)_putenv_s(name, ""); }

time_t pp_os_timegm(struct tm *tm) { return _mkgmtime(tm); }

bool pp_os_random(void *buf, size_t n) {
  return BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}

ssize_t pp_os_getline(char **line, size_t *cap, FILE *f) {
  size_t n = 0;
  int c;
  while ((c = getc(f)) != EOF) {
    if (n + 2 > *cap) {
      size_t ncap = *cap ? *cap * 2 : 128;
      char *p = realloc(*line, ncap);
      if (!p) return -1;
      *line = p;
      *cap = ncap;
    }
    (*line)[n++] = (char)c;
    if (c == '\n') break;
  }
  if (n == 0) return -1;
  (*line)[n] = '\0';
  return (ssize_t)n;
}
