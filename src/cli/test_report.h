/* SPDX-License-Identifier: MIT */
/* The outputs of `pacprobe test` (DESIGN §1.4): failure lines and the
 * summary, TAP, one JSON object, a JUnit XML file, the coverage lines. */
#ifndef PP_CLI_TEST_REPORT_H
#define PP_CLI_TEST_REPORT_H

#include <jansson.h>

#include "cli/cli.h"
#include "util/str.h"

typedef enum pp_test_format { PP_TEST_TEXT, PP_TEST_TAP, PP_TEST_JSON } pp_test_format_t;

typedef struct pp_test_outcome {
  unsigned long line;   /* line of the case in CASES */
  const char *url;
  const char *expected; /* canonical, or "ERROR" */
  const char *actual;   /* canonical, or "ERROR" */
  const char *error;    /* the evaluation's message when it failed, else NULL */
  bool ok;
} pp_test_outcome_t;

typedef struct pp_test_report {
  pp_test_format_t format;
  const char *cases_name; /* CASES as given, for locations and JUnit */
  const char *pac_name;   /* for coverage locations */
  size_t planned;         /* number of cases (TAP plan) */
  size_t passed, failed;
  FILE *junit;            /* junit_file.f: opened before the run so a bad path fails early */
  pp_outfile_t junit_file;
  pp_str_t junit_cases;   /* <testcase> elements until the counts are known */
  json_t *json_cases;     /* --format json or --report */
  pp_outfile_t html;      /* --report: opened by the caller before the run */
  json_t *html_json;
  const char *pac_text;   /* the PAC, for the --report source view */
  size_t pac_len;
  bool oom;
} pp_test_report_t;

/* Prepares the report (TAP header and plan). junit_path may be NULL. On a
 * JUnit file that cannot be created prints one line and returns
 * PP_EXIT_USAGE; PP_EXIT_OK otherwise. Call pp_test_report_free either way. */
int pp_test_report_begin(pp_test_report_t *r, const char *junit_path, bool overwrite);
/* Records and prints one case. */
void pp_test_report_case(pp_test_report_t *r, const pp_test_outcome_t *o);
/* Prints the summary (and, when coverage is set, every return site of the
 * PAC in sites[0..nsites) with its summed hits), writes the JUnit file. Returns
 * PP_EXIT_USAGE when the JUnit file cannot be written or memory ran out,
 * else PP_EXIT_PROBLEM when a case failed, else PP_EXIT_OK. */
int pp_test_report_end(pp_test_report_t *r, bool coverage, const pp_return_site_t *sites,
                       size_t nsites);
void pp_test_report_free(pp_test_report_t *r);

#endif
