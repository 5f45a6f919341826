/* SPDX-License-Identifier: MIT */
/*
 * Files on POSIX (src/os/os.h): byte-exact reads, and the system calls of
 * report files (src/cli/outfile.c: lstat checks, mkstemp, fsync, rename or
 * link; docs/security.md "Files pacprobe writes").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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

size_t pp_os_dirname_len(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? (size_t)(slash - path) + 1 : 0;
}

const char *pp_os_out_refusal(const char *path, bool overwrite) {
  struct stat st;
  if (lstat(path, &st) != 0) return NULL; /* absent (or unreachable: open says why) */
  if (S_ISLNK(st.st_mode)) return "is a symbolic link (not followed)";
  if (!overwrite) return "already exists (pass --overwrite to replace it)";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (st.st_nlink > 1) return "has other hard links (not replaced)";
  return NULL;
}

static mode_t file_mode(void) {
  mode_t m = umask(0);
  umask(m);
  return 0666 & ~m;
}

int pp_os_create_temp(char *tmpl) {
  int fd = mkstemp(tmpl);
  if (fd < 0 || fchmod(fd, file_mode()) == 0) return fd;
  int e = errno;
  close(fd);
  unlink(tmpl);
  errno = e;
  return -1;
}

int pp_os_fsync(int fd) { return fsync(fd); }

/* rename(2) replaces atomically; link(2) fails with EEXIST instead. */
int pp_os_place(const char *tmp, const char *path, bool replace) {
  return replace ? rename(tmp, path) : link(tmp, path);
}

int pp_os_remove(const char *path) { return unlink(path); }

bool pp_os_exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

FILE *pp_os_memstream_open(char **buf, size_t *len) {
  *buf = NULL;
  *len = 0;
  return open_memstream(buf, len);
}

bool pp_os_memstream_close(FILE *f, char **buf, size_t *len) {
  if (fclose(f) == 0 && *buf) return true;
  free(*buf);
  *buf = NULL;
  *len = 0;
  return false;
}

char pp_os_path_list_sep(void) { return ':'; }

bool pp_os_program_dir(char *out, size_t len) {
  (void)out, (void)len;
  return false;
}
