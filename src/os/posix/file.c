/* SPDX-License-Identifier: MIT */
/*
 * Files on POSIX (src/os/os.h): byte-exact reads, and creating an output
 * file without following a symbolic link planted at its name (O_NOFOLLOW
 * with an lstat/fstat identity check against a swap in between;
 * docs/security.md "Output files").
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "os/os.h"

int pp_os_open_read(const char *path) { return open(path, O_RDONLY | O_CLOEXEC); }

FILE *pp_os_fopen(const char *path, const char *mode) { return fopen(path, mode); }

bool pp_os_is_regular(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

long long pp_os_file_size(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) return -1;
  if (!S_ISREG(st.st_mode)) return errno = EINVAL, -1;
  return (long long)st.st_size;
}

/* The existing file at path, opened for writing and emptied, or -1 with
 * *why set (or errno). lstat first so a symlink is named as one; fstat after
 * open so a file swapped in between is caught. */
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

int pp_os_create_nofollow(const char *path, bool overwrite, const char **why) {
  *why = NULL;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd >= 0 || errno != EEXIST) return fd;
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) *why = "is a symbolic link (not followed)";
  else if (!overwrite) *why = "already exists (pass --overwrite to replace it)";
  else return reopen_existing(path, why);
  return -1;
}
