/* SPDX-License-Identifier: MIT */
/* How `pacprobe lint` prints its report (docs/lint.md "Output formats"):
 * text (gcc-style), json, sarif (SARIF 2.1.0), junit (JUnit XML), github
 * (GitHub Actions workflow commands). */
#ifndef PP_CLI_LINT_OUT_H
#define PP_CLI_LINT_OUT_H

#include <stdio.h>

#include "lint/lint.h"

typedef enum pp_lint_format {
  PP_LINT_FMT_TEXT = 0,
  PP_LINT_FMT_JSON,
  PP_LINT_FMT_SARIF,
  PP_LINT_FMT_JUNIT,
  PP_LINT_FMT_GITHUB
} pp_lint_format_t;

/* "text", "json", ... -> *fmt; false for an unknown name. */
bool pp_lint_format_parse(const char *name, pp_lint_format_t *fmt);

/* Prints rep in fmt on out; `files` are the PACs in command-line order
 * (JUnit gives each its suite, clean ones included). PP_EXIT_OK, or
 * PP_EXIT_USAGE after a message (out of memory, write error). */
int pp_lint_print(FILE *out, pp_lint_format_t fmt, const pp_lint_report_t *rep,
                  const char *const *files, size_t nfiles);

/* Streaming (text, github): the findings of rep without a summary, and
 * the text summary line "N errors, N warnings[, N notes]". */
void pp_lint_print_findings(FILE *out, pp_lint_format_t fmt, const pp_lint_report_t *rep);
void pp_lint_print_summary(FILE *out, size_t errors, size_t warnings, size_t notes);

/* `--list-rules`: id, severity and summary of every rule, one a line. */
void pp_lint_print_rules(FILE *out);

#endif
