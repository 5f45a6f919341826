/* SPDX-License-Identifier: MIT */
/*
 * Reading one secret line from a file descriptor, for every platform
 * (src/os/os.h): the password file of `check --proxy-password-file` and the
 * POSIX terminal prompt. Byte by byte with read(), so no stdio buffer holds
 * a copy of the password (docs/security.md).
 */
#include <errno.h>

#include "os/os.h"

bool pp_os_read_secret_line(int fd, char *pw, size_t len) {
  size_t n = 0;
  char c;
  ssize_t r;
  while ((r = read(fd, &c, 1)) == 1 || (r < 0 && errno == EINTR)) {
    if (r < 0) continue;
    if (c == '\n') break;
    if (n + 1 < len) pw[n++] = c;
  }
  pw[n] = '\0';
  return n > 0 || r == 1;
}
