/* SPDX-License-Identifier: MIT */
/*
 * Windows side of the folder listing and command run used by `sources
 * --root`/`--live` (src/cli/sources_root.c): not there yet, so --root reads
 * only the fixed paths on Windows and --live runs no command; the live
 * Windows sources come from the registry (src/config/live.c).
 */
#include <errno.h>
#include <stdlib.h>

#include "os/os.h"

int pp_os_list_dir(const char *dir, size_t max, char ***names, size_t *n, bool *more) {
  (void)dir;
  (void)max;
  *names = NULL;
  *n = 0;
  *more = false;
  errno = ENOSYS;
  return -1;
}

bool pp_os_is_symlink(const char *path) {
  (void)path;
  return false;
}

char *pp_os_run_capture(const char *const *argv, size_t max, size_t *len) {
  (void)argv;
  (void)max;
  *len = 0;
  return NULL;
}
