/* SPDX-License-Identifier: MIT */
/*
 * Secrets on POSIX (src/os/os.h): the password buffer on its own mmap'd
 * pages excluded from core dumps (MADV_DONTDUMP; docs/security.md), and the
 * prompt on the controlling terminal with echo off.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>

#include "os/os.h"

void *pp_os_secret_alloc(size_t len) {
  void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  (void)madvise(p, len, MADV_DONTDUMP); /* best effort: old kernels lack it */
  return p;
}

void pp_os_secret_free(void *p, size_t len) {
  if (!p) return;
  explicit_bzero(p, len);
  munmap(p, len);
}

void pp_os_wipe(void *p, size_t n) { explicit_bzero(p, n); }

bool pp_os_prompt_secret(const char *prompt, char *pw, size_t len) {
  int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty < 0) return false;
  struct termios old, quiet;
  bool ok = tcgetattr(tty, &old) == 0;
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  if (ok) ok = tcsetattr(tty, TCSAFLUSH, &quiet) == 0;
  if (ok) {
    dprintf(tty, "%s", prompt);
    ok = pp_os_read_secret_line(tty, pw, len);
    tcsetattr(tty, TCSAFLUSH, &old);
    dprintf(tty, "\n");
  }
  close(tty);
  return ok;
}
