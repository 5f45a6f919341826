/* SPDX-License-Identifier: MIT */
/* A team's lint defaults in `.pacprobe.toml` (docs/lint.md "Project file"):
 *   [lint]
 *   disable = ["dns-on-host", "domain-dot"]   # rules nobody wants to see
 *   strict = true                              # exit 1 on warnings too
 * found with --config FILE, else in the current directory or the nearest
 * parent. A small TOML subset: one [lint] table, booleans and arrays of
 * strings (one or several lines), '#' comments. */
#ifndef PP_CLI_LINT_CONFIG_H
#define PP_CLI_LINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define PP_LINT_CONFIG_NAME ".pacprobe.toml"
#define PP_LINT_CONFIG_MAX (64u * 1024u) /* bytes; a project file is small */

typedef struct pp_lint_config {
  char *path;     /* the file read, or NULL when there was none */
  char **disable; /* rule ids */
  size_t ndisable;
  bool strict;
} pp_lint_config_t;

/* Reads `explicit_path` (must exist) or the nearest .pacprobe.toml (may be
 * absent). PP_EXIT_OK, or PP_EXIT_USAGE after a one-line
 * "FILE:LINE:COL: ..." message. */
int pp_lint_config_load(const char *explicit_path, pp_lint_config_t *cfg);
void pp_lint_config_free(pp_lint_config_t *cfg);

#endif
