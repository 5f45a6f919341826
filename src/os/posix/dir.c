/* SPDX-License-Identifier: MIT */
/*
 * POSIX directories and a read-only command run for `sources --root` and
 * `--live` (src/cli/sources_root.c): sorted, bounded folder listings, the
 * symbolic-link test, and gsettings's output captured without a shell.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/os.h"

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int pp_os_list_dir(const char *dir, size_t max, char ***names, size_t *n, bool *more) {
  *names = NULL;
  *n = 0;
  *more = false;
  DIR *d = opendir(dir);
  if (!d) return -1;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (*n == max) {
      *more = true;
      break;
    }
    char **v = realloc(*names, (*n + 1) * sizeof(*v));
    if (!v || !(v[*n] = strdup(e->d_name))) {
      if (v) *names = v;
      closedir(d);
      errno = ENOMEM;
      return -1;
    }
    *names = v;
    (*n)++;
  }
  closedir(d);
  if (*n) qsort(*names, *n, sizeof(**names), cmp);
  return 0;
}

bool pp_os_is_symlink(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

char *pp_os_run_capture(const char *const *argv, size_t max, size_t *len) {
  int fd[2];
  if (pipe(fd) != 0) return NULL;
  fcntl(fd[0], F_SETFD, FD_CLOEXEC); /* the child keeps only its stdout copy */
  fcntl(fd[1], F_SETFD, FD_CLOEXEC);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fd[1]);
  char *buf = rc == 0 ? malloc(max + 1) : NULL;
  size_t got = 0;
  ssize_t r = 0;
  while (buf && got < max && (r = read(fd[0], buf + got, max - got)) != 0) {
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    got += (size_t)r;
  }
  close(fd[0]);
  int status = 0;
  if (rc == 0)
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  if (rc != 0 || !buf || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    free(buf);
    return NULL;
  }
  *len = got;
  return buf;
}
