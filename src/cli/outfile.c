/* SPDX-License-Identifier: MIT */
/*
 * The files pacprobe writes on request (--junit, --write-reg). pacprobe is
 * often run as root or as a service account, in directories others can
 * write to, and a report must never be left half-written: see the essay
 * below. The one creator of such files (docs/security.md "Files pacprobe
 * writes"); callers write to pp_outfile_t.f, then commit or abort.
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/str.h"

/* How a report reaches its path:
 *  1. Open: the destination is checked first — a symbolic link (dangling or
 *     not) is refused, never followed; an existing file is refused unless
 *     --overwrite, and even then only a regular file with one link. Then a
 *     temporary file ".NAME.pacprobe-XXXXXX" is made in the same folder
 *     (mkstemp: O_EXCL, never through a link), so a bad folder fails before
 *     a long run.
 *  2. The caller writes the whole report into the temporary file.
 *  3. Commit: flush, fsync and close; any error (ENOSPC on a full disk)
 *     removes the temporary file and leaves the destination as it was.
 *     Then the destination is checked again (it may have changed during
 *     the run) and the file is moved into place: rename(2) with
 *     --overwrite (atomic: readers see the old or the new report, never a
 *     truncated one), link(2) + unlink without it (fails if a file
 *     appeared meanwhile, instead of replacing it).
 *  4. Abort (usage error, out of memory): the temporary file is removed. */

/* NULL when path may be written, else why not. */
static const char *refusal(const char *path, bool overwrite) {
  struct stat st;
  if (lstat(path, &st) != 0) return NULL; /* absent (or unreachable: open says why) */
  if (S_ISLNK(st.st_mode)) return "is a symbolic link (not followed)";
  if (!overwrite) return "already exists (pass --overwrite to replace it)";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (st.st_nlink > 1) return "has other hard links (not replaced)";
  return NULL;
}

/* "DIR/.NAME.pacprobe-XXXXXX" beside path (malloc'd). */
static char *temp_name(const char *path) {
  const char *slash = strrchr(path, '/');
  size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "%.*s.%s.pacprobe-XXXXXX", (int)dn, path, path + dn);
  return pp_str_take(&s);
}

static mode_t file_mode(void) {
  mode_t m = umask(0);
  umask(m);
  return 0666 & ~m;
}

bool pp_cli_outfile_open(pp_outfile_t *of, const char *option, const char *path, bool overwrite) {
  memset(of, 0, sizeof(*of));
  of->option = option;
  of->path = path;
  of->overwrite = overwrite;
  const char *why = refusal(path, overwrite);
  if (why) {
    pp_msg_error("option --%s: '%s' %s", option, path, why);
    return false;
  }
  if (!(of->tmp = temp_name(path))) {
    pp_msg_error("option --%s: out of memory", option);
    return false;
  }
  int fd = mkstemp(of->tmp);
  if (fd >= 0 && fchmod(fd, file_mode()) == 0 && (of->f = fdopen(fd, "w"))) return true;
  int e = errno;
  if (fd >= 0) {
    close(fd);
    unlink(of->tmp);
  }
  pp_msg_error("option --%s: cannot create '%s': %s", option, path, strerror(e));
  free(of->tmp);
  of->tmp = NULL;
  return false;
}

void pp_cli_outfile_abort(pp_outfile_t *of) {
  if (of->f) fclose(of->f);
  if (of->tmp) unlink(of->tmp);
  free(of->tmp);
  of->f = NULL;
  of->tmp = NULL;
}

static bool place(pp_outfile_t *of) {
  const char *why = refusal(of->path, of->overwrite);
  if (why) {
    pp_msg_error("option --%s: '%s' %s; the report is not written", of->option, of->path, why);
    return false;
  }
  bool ok = of->overwrite ? rename(of->tmp, of->path) == 0 : link(of->tmp, of->path) == 0;
  if (!ok && errno == EEXIST)
    pp_msg_error("option --%s: '%s' appeared during the run (pass --overwrite to replace it); "
                 "the report is not written", of->option, of->path);
  else if (!ok)
    pp_msg_error("option --%s: cannot write '%s': %s", of->option, of->path, strerror(errno));
  return ok;
}

bool pp_cli_outfile_commit(pp_outfile_t *of) {
  FILE *f = of->f;
  of->f = NULL;
  bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
  int e = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok)
    pp_msg_error("option --%s: cannot write '%s': %s (%s left as it was)", of->option, of->path,
                 strerror(e), access(of->path, F_OK) == 0 ? "the previous file is" : "nothing is");
  else ok = place(of);
  pp_cli_outfile_abort(of); /* the temporary name: renamed away, or removed */
  return ok;
}
