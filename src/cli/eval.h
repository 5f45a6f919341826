/* SPDX-License-Identifier: MIT */
/* Shared by the eval command, its pactester personality and the output
 * formatter. */
#ifndef PP_CLI_EVAL_H
#define PP_CLI_EVAL_H

#include "cli/cli.h"
#include "util/str.h"

typedef enum pp_format { PP_FMT_TEXT, PP_FMT_JSON, PP_FMT_TSV } pp_format_t;

typedef struct pp_eval_report {
  pp_format_t format;
  pp_emulation_t mode;
  bool bare;         /* text: one URL given on the command line → result only */
  const char *where; /* "argument 2" or "urls.txt:14", for bad-URL messages */
} pp_eval_report_t;

/* Writes the record in rep->format to stdout and its diagnostics to stderr. */
void pp_eval_report(const pp_eval_report_t *rep, const pp_eval_t *ev);

#endif
