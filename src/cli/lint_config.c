/* SPDX-License-Identifier: MIT */
/*
 * The lint project file, `.pacprobe.toml` (lint_config.h): finding it
 * (--config, else the current directory and its parents), and reading the
 * TOML subset it uses. Every problem names FILE:LINE:COL and exits 2: a
 * team's defaults that silently fail to apply would be worse than none.
 */
#include "cli/lint_config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/os.h"
#include "cli/cli.h"
#include "lint/lint.h"
#include "util/str.h"

typedef struct reader {
  const char *path;
  const char *p;   /* cursor */
  const char *end;
  const char *line_start;
  int line;
  bool in_lint;
} reader_t;

static int fail(const reader_t *r, const char *at, const char *what) {
  pp_msg_error("%s:%d:%d: %s", r->path, r->line, (int)(at - r->line_start) + 1, what);
  return PP_EXIT_USAGE;
}

/* Skips blanks, comments and (with nl) line ends. */
static void skip(reader_t *r, bool nl) {
  while (r->p < r->end) {
    if (*r->p == '#') {
      while (r->p < r->end && *r->p != '\n') r->p++;
    } else if (*r->p == '\n' && nl) {
      r->p++;
      r->line++;
      r->line_start = r->p;
    } else if (*r->p == ' ' || *r->p == '\t' || *r->p == '\r') {
      r->p++;
    } else {
      return;
    }
  }
}

static int read_rule(reader_t *r, pp_lint_config_t *cfg) {
  const char *at = r->p;
  if (*r->p != '"') return fail(r, at, "expected a rule id in double quotes");
  const char *q = memchr(r->p + 1, '"', (size_t)(r->end - r->p - 1));
  const char *nl = memchr(r->p + 1, '\n', (size_t)(r->end - r->p - 1));
  if (!q || (nl && nl < q)) return fail(r, at, "unterminated string");
  char id[64];
  snprintf(id, sizeof(id), "%.*s", (int)(q - r->p - 1), r->p + 1);
  if (!pp_lint_rule_find(id)) {
    char msg[160];
    snprintf(msg, sizeof(msg), "'%.60s' is not a lint rule (pacprobe lint --list-rules)", id);
    return fail(r, at + 1, msg);
  }
  if (!pp_strlist_push(&cfg->disable, &cfg->ndisable, id)) return fail(r, at, "out of memory");
  r->p = q + 1;
  return PP_EXIT_OK;
}

static int read_array(reader_t *r, pp_lint_config_t *cfg) {
  if (*r->p != '[') return fail(r, r->p, "disable: expected an array of rule ids [\"...\"]");
  r->p++;
  for (;;) {
    skip(r, true);
    if (r->p >= r->end) return fail(r, r->p, "unterminated array");
    if (*r->p == ']') {
      r->p++;
      return PP_EXIT_OK;
    }
    int rc = read_rule(r, cfg);
    if (rc) return rc;
    skip(r, true);
    if (r->p < r->end && *r->p == ',') r->p++;
    else if (r->p < r->end && *r->p != ']') return fail(r, r->p, "expected ',' or ']'");
  }
}

static int read_key(reader_t *r, pp_lint_config_t *cfg) {
  const char *k = r->p;
  while (r->p < r->end && (isalnum((unsigned char)*r->p) || *r->p == '-' || *r->p == '_')) r->p++;
  size_t klen = (size_t)(r->p - k);
  skip(r, false);
  if (klen == 0 || r->p >= r->end || *r->p != '=') return fail(r, k, "expected KEY = VALUE");
  r->p++;
  skip(r, false);
  if (!r->in_lint) return fail(r, k, "keys belong in the [lint] table");
  if (klen == 7 && strncmp(k, "disable", 7) == 0) return read_array(r, cfg);
  if (klen == 6 && strncmp(k, "strict", 6) == 0) {
    size_t n = strcspn(r->p, " \t\r\n#");
    if (n == 4 && strncmp(r->p, "true", 4) == 0) cfg->strict = true;
    else if (n == 5 && strncmp(r->p, "false", 5) == 0) cfg->strict = false;
    else return fail(r, r->p, "strict: expected true or false");
    r->p += n;
    return PP_EXIT_OK;
  }
  return fail(r, k, "unknown key (known: disable, strict)");
}

static int parse(reader_t *r, pp_lint_config_t *cfg) {
  for (;;) {
    skip(r, true);
    if (r->p >= r->end) return PP_EXIT_OK;
    int rc;
    if (*r->p == '[') {
      const char *close = memchr(r->p, ']', (size_t)(r->end - r->p));
      if (!close) return fail(r, r->p, "unterminated table header");
      r->in_lint = close - r->p == 5 && strncmp(r->p, "[lint", 5) == 0;
      if (!r->in_lint) return fail(r, r->p, "unknown table (known: [lint])");
      r->p = close + 1;
      rc = PP_EXIT_OK;
    } else {
      rc = read_key(r, cfg);
    }
    if (rc) return rc;
    skip(r, false);
    if (r->p < r->end && *r->p != '\n') return fail(r, r->p, "unexpected text after the value");
  }
}

/* Whether c separates folders on this platform ('/'; also '\\' on Windows). */
static bool is_sep(char c) {
  char t[2] = {c, '\0'};
  return pp_os_dirname_len(t) == 1;
}

/* The nearest .pacprobe.toml from the current directory up; NULL if none.
 * Folders are cut with src/os's separators, so "C:\\a\\b" walks up too. */
static char *find_config(void) {
  char dir[PATH_MAX];
  if (!getcwd(dir, sizeof(dir))) return NULL;
  size_t n = strlen(dir);
  for (int depth = 0; depth < 64 && n > 0; depth++) {
    char path[PATH_MAX + sizeof(PP_LINT_CONFIG_NAME) + 2];
    snprintf(path, sizeof(path), "%.*s%s%s", (int)n, dir, is_sep(dir[n - 1]) ? "" : "/",
             PP_LINT_CONFIG_NAME);
    if (pp_os_exists(path)) return pp_strndup(path, strlen(path));
    size_t m = n;
    while (m > 0 && is_sep(dir[m - 1])) m--; /* the folder's own trailing separator */
    dir[m] = '\0';
    size_t parent = pp_os_dirname_len(dir);  /* keeps the separator: "/" is the root */
    if (m == 0 || parent == 0 || parent >= n) return NULL;
    n = parent;
  }
  return NULL;
}

int pp_lint_config_load(const char *explicit_path, pp_lint_config_t *cfg) {
  memset(cfg, 0, sizeof(*cfg));
  cfg->path = explicit_path ? pp_strndup(explicit_path, strlen(explicit_path)) : find_config();
  if (!cfg->path) return PP_EXIT_OK;
  FILE *f = fopen(cfg->path, "rb");
  if (!f) {
    pp_msg_error("%s: cannot read the lint project file", cfg->path);
    return PP_EXIT_USAGE;
  }
  char *text = malloc(PP_LINT_CONFIG_MAX + 1);
  size_t len = text ? fread(text, 1, PP_LINT_CONFIG_MAX + 1, f) : 0;
  fclose(f);
  if (!text || len > PP_LINT_CONFIG_MAX) {
    pp_msg_error("%s: %s", cfg->path, text ? "over 64 KiB: not a lint project file" : "out of memory");
    free(text);
    return PP_EXIT_USAGE;
  }
  reader_t r = {cfg->path, text, text + len, text, 1, false};
  int rc = memchr(text, '\0', len) ? fail(&r, text, "NUL byte: not a text file") : parse(&r, cfg);
  free(text);
  return rc;
}

void pp_lint_config_free(pp_lint_config_t *cfg) {
  free(cfg->path);
  pp_strlist_free(cfg->disable, cfg->ndisable);
  memset(cfg, 0, sizeof(*cfg));
}
