/* SPDX-License-Identifier: MIT */
/*
 * Creating the files pacprobe writes on request (--junit, --write-reg).
 * pacprobe is often run as root or as a service account, in directories
 * others can write to; a plain fopen("w") would follow a planted symbolic
 * link and truncate whatever it points at. So: a new file is created
 * exclusively (which also refuses a symlink, dangling or not), and an
 * existing one is replaced only when --overwrite asks for it, only when it
 * is a regular file with one link, checked on the opened descriptor
 * (docs/security.md). The system calls are the platform's (src/os:
 * O_NOFOLLOW on POSIX, reparse points on Windows); the messages are here.
 */
#include "os/os.h"
#include "cli/cli.h"

#include <errno.h>
#include <string.h>

FILE *pp_cli_create_file(const char *option, const char *path, bool overwrite) {
  const char *why = NULL;
  int fd = pp_os_create_nofollow(path, overwrite, &why);
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (f) return f;
  if (why) pp_msg_error("option --%s: '%s' %s", option, path, why);
  else pp_msg_error("option --%s: cannot create '%s': %s", option, path, strerror(errno));
  if (fd >= 0) close(fd);
  return NULL;
}
