/* SPDX-License-Identifier: MIT */
/*
 * Creating the files pacprobe writes on request (--junit, --write-reg).
 * pacprobe is often run as root or as a service account, in directories
 * others can write to; a plain fopen("w") would follow a planted symbolic
 * link and truncate whatever it points at. So: a new file is created with
 * O_EXCL (which also refuses a symlink, dangling or not), and an existing
 * one is replaced only when --overwrite asks for it, only when it is a
 * regular file with one link, and it is truncated after the descriptor has
 * been checked to be that same file (docs/security.md).
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The existing file at path, opened for writing and emptied, or -1 with
 * *why set. lstat first so a symlink is named as one; fstat after open so a
 * file swapped in between is not truncated. */
static int reopen_existing(const char *path, const char **why) {
  struct stat before, after;
  if (lstat(path, &before) != 0) return -1;
  if (S_ISLNK(before.st_mode)) return *why = "is a symbolic link (not followed)", -1;
  if (!S_ISREG(before.st_mode)) return *why = "is not a regular file", -1;
  if (before.st_nlink > 1) return *why = "has other hard links (not replaced)", -1;
  int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  if (fstat(fd, &after) != 0 || after.st_dev != before.st_dev || after.st_ino != before.st_ino ||
      !S_ISREG(after.st_mode)) {
    close(fd);
    return *why = "changed while it was being opened", -1;
  }
  if (ftruncate(fd, 0) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

FILE *pp_cli_create_file(const char *option, const char *path, bool overwrite) {
  const char *why = NULL;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0 && errno == EEXIST) {
    struct stat st;
    bool link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (link) why = "is a symbolic link (not followed)";
    else if (!overwrite) why = "already exists (pass --overwrite to replace it)";
    else fd = reopen_existing(path, &why);
  }
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (f) return f;
  if (why) pp_msg_error("option --%s: '%s' %s", option, path, why);
  else pp_msg_error("option --%s: cannot create '%s': %s", option, path, strerror(errno));
  if (fd >= 0) close(fd);
  return NULL;
}
