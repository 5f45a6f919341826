/* SPDX-License-Identifier: MIT */
/*
 * `sources --root DIR` and `--live` (docs/sources.md "Standard
 * locations"): every row of the locations table (src/config/locations.c)
 * read under DIR, or under / for --live, plus `gsettings list-recursively
 * org.gnome.system.proxy` where gsettings runs. Bounded: at most
 * MAX_FILES files in all, MAX_DIR names per folder, MAX_FILE bytes per
 * file; under a --root other than /, symbolic links are not followed (an
 * absolute link would leave the tree). A file that is missing is skipped
 * silently (most systems have few of them); one that exists but cannot
 * be read is an error source.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sources.h"
#include "os/os.h"
#include "util/str.h"

#define MAX_FILES 256
#define MAX_DIR 256
#define MAX_FILE (4u * 1024u * 1024u)
#define MAX_GSETTINGS (256u * 1024u)

typedef struct walk {
  pp_config_t *c;
  const char *root;
  bool follow; /* symbolic links followed (root is /) */
  size_t files;
} walk_t;

/* apt and systemd skip editor and package-manager leftovers. */
static bool leftover(const char *name) {
  size_t n = strlen(name);
  static const char *const ends[] = {"~", ".dpkg-old", ".dpkg-dist", ".dpkg-new", ".dpkg-bak",
                                     ".ucf-old", ".ucf-dist", ".ucf-new", ".bak", ".save"};
  if (name[0] == '.') return true;
  for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
    size_t e = strlen(ends[i]);
    if (n >= e && strcmp(name + n - e, ends[i]) == 0) return true;
  }
  return false;
}

static pp_status_t one_file(walk_t *w, const pp_location_t *row, const char *path) {
  char err[512];
  if (!pp_os_exists(path)) return PP_OK;
  if (w->files == MAX_FILES) {
    pp_msg_warn("--root: over %d files; %s and the rest are not read", MAX_FILES, path);
    w->files++;
    return PP_OK;
  }
  if (w->files > MAX_FILES) return PP_OK;
  w->files++;
  if (!w->follow && pp_os_is_symlink(path)) {
    pp_set_err(err, sizeof(err), "%s: a symbolic link: not followed under --root (it may point "
               "outside the tree)", path);
    return pp_config_add_error(w->c, row->kind, path, err);
  }
  if (!pp_os_is_regular(path)) return PP_OK; /* a folder named like a file: not a source */
  long long size = pp_os_file_size(path);
  if (size > (long long)MAX_FILE) {
    pp_set_err(err, sizeof(err), "%s: %lld bytes, over the %u MiB limit of --root", path, size,
               MAX_FILE >> 20);
    return pp_config_add_error(w->c, row->kind, path, err);
  }
  size_t len = 0;
  char *data = pp_sources_slurp(path, &len, err, sizeof(err));
  if (!data) return pp_config_add_error(w->c, row->kind, path, err);
  pp_status_t st = row->add(w->c, data, len, path);
  free(data);
  return st;
}

/* One '*' in pattern: the name starts with what is before it and ends
 * with what is after. */
static bool match(const char *pattern, const char *name) {
  const char *star = strchr(pattern, '*');
  size_t pre = (size_t)(star - pattern), post = strlen(star + 1), n = strlen(name);
  return n >= pre + post && strncmp(name, pattern, pre) == 0 &&
         strcmp(name + n - post, star + 1) == 0;
}

/* A row whose last component has a '*': every matching name in the folder. */
static pp_status_t glob_row(walk_t *w, const pp_location_t *row, const char *full) {
  const char *slash = strrchr(full, '/');
  char dir[4096];
  snprintf(dir, sizeof(dir), "%.*s", (int)(slash - full), full);
  char **names;
  size_t n;
  bool more;
  if (pp_os_list_dir(dir, MAX_DIR, &names, &n, &more) != 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ENOSYS) return PP_OK;
    if (errno == ENOMEM) return PP_ENOMEM;
    char err[512];
    pp_set_err(err, sizeof(err), "%s: cannot list: %s", dir, strerror(errno));
    return pp_config_add_error(w->c, row->kind, dir, err);
  }
  if (more) pp_msg_warn("%s: over %d names; the first %d (sorted) are read", dir, MAX_DIR, MAX_DIR);
  pp_status_t st = PP_OK;
  for (size_t i = 0; i < n; i++) {
    if (st == PP_OK && !leftover(names[i]) && match(slash + 1, names[i])) {
      pp_str_t path = PP_STR_INIT;
      pp_str_printf(&path, "%s/%s", dir, names[i]);
      st = path.oom ? PP_ENOMEM : one_file(w, row, path.s);
      pp_str_free(&path);
    }
    free(names[i]);
  }
  free(names);
  return st;
}

/* The home folder under the root: --user NAME → home/NAME (root: root),
 * else $HOME; NULL when neither. */
static const char *home_of(const pp_args_t *a, char *buf, size_t n) {
  const char *user = a->given[PP_OPT_USER] ? a->value[PP_OPT_USER] : NULL;
  if (user) {
    if (!*user || strchr(user, '/') || strcmp(user, "..") == 0 || strcmp(user, ".") == 0) return NULL;
    snprintf(buf, n, strcmp(user, "root") == 0 ? "root" : "home/%s", user);
    return buf;
  }
  const char *h = getenv("HOME");
  if (!h || h[0] != '/' || strstr(h, "/../")) return NULL;
  while (*h == '/') h++;
  snprintf(buf, n, "%s", h);
  return buf;
}

static void gsettings(pp_config_t *c) {
  static const char *const argv[] = {"gsettings", "list-recursively", "org.gnome.system.proxy",
                                     NULL};
  size_t len = 0;
  char *out = pp_os_run_capture(argv, MAX_GSETTINGS, &len);
  if (!out) return; /* no gsettings, no schema, no GNOME: nothing to read */
  if (len && pp_config_add_gnome(c, out, len, "gsettings list-recursively org.gnome.system.proxy") != PP_OK)
    pp_msg_error("out of memory");
  free(out);
}

pp_status_t pp_sources_add_root(pp_config_t *c, const pp_args_t *a) {
  bool live = a->given[PP_OPT_LIVE];
  const char *root = live ? "/" : a->value[PP_OPT_ROOT];
  walk_t w = {.c = c, .root = root, .follow = strcmp(root, "/") == 0};
  char homebuf[1024];
  const char *home = home_of(a, homebuf, sizeof(homebuf));
  if (a->given[PP_OPT_USER] && !home) {
    pp_msg_error("option --user: bad value '%s': a user name", a->value[PP_OPT_USER]);
    return PP_EINVAL;
  }
  pp_status_t st = PP_OK;
  const pp_location_t *row;
  for (size_t i = 0; st == PP_OK && (row = pp_location_at(i)); i++) {
    if ((row->flags & PP_LOC_HOME) && !home) continue;
    char full[4096];
    size_t rl = strlen(root);
    const char *sep = rl && root[rl - 1] == '/' ? "" : "/";
    if (row->flags & PP_LOC_HOME) snprintf(full, sizeof(full), "%s%s%s/%s", root, sep, home, row->path);
    else snprintf(full, sizeof(full), "%s%s%s", root, sep, row->path);
    st = strchr(strrchr(full, '/'), '*') ? glob_row(&w, row, full) : one_file(&w, row, full);
  }
  if (st == PP_OK && live) gsettings(c);
  return st;
}
