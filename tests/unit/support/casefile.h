/* SPDX-License-Identifier: MIT */
/* pp_test casefile: the one reader of the unit tests' data files
 * (tests/unit/data, passed as argv[1]). A case file is lines of
 * TAB-separated fields; blank lines and lines starting '#' are not cases.
 * Fields accept \t \n \r \\ and \xHH escapes so blanks stay visible. */
#ifndef PP_TEST_CASEFILE_H
#define PP_TEST_CASEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Fields past this many on one line are ignored. */
#define PP_TEST_MAX_FIELDS 8

/* Remembers the data directory (not copied: argv[1] lives long enough).
 * NULL means ".". */
void pp_test_set_datadir(const char *dir);

/* For a test whose data dir is required: takes it from argv[1], or prints
 * "usage: PROG DATADIR" to stderr and returns false (exit 2 then). */
bool pp_test_datadir_from_args(int argc, char **argv);

/* Writes "<datadir>/<name>" into out (size cap); false when it does not fit
 * (out then holds a truncated path that names no data file). */
bool pp_test_data_path(const char *name, char *out, size_t cap);

/* Reads the data file name whole. Returns a malloc'd, NUL-terminated copy
 * the caller frees, with its length (without the NUL) in *len; NULL when the
 * file cannot be opened or read, or on ENOMEM. */
char *pp_test_read_data(const char *name, size_t *len);

/* Unescapes p[0..n): \t \n \r \\ and \xHH; any other escaped character
 * stands for itself. Returns a malloc'd string ("" for n == 0) the caller
 * frees; NULL on ENOMEM. */
char *pp_test_unescape(const char *p, size_t n);

typedef struct pp_test_fields {
  char *f[PP_TEST_MAX_FIELDS]; /* malloc'd, unescaped */
  size_t n;
} pp_test_fields_t;

/* Splits line[0..len) on TAB and unescapes each field into fl (a line with
 * no TAB is one field; an empty line is one empty field). Returns false on
 * ENOMEM, with fl holding the fields made so far (free them either way). */
bool pp_test_split_fields(const char *line, size_t len, pp_test_fields_t *fl);

/* Frees the fields and sets fl->n to 0; safe to call twice. */
void pp_test_fields_free(pp_test_fields_t *fl);

/* A case file being read line by line. */
typedef struct pp_test_casefile {
  const char *name; /* as given to open, for messages */
  char *text;
  pp_buf_t buf;
  size_t lineno; /* 1-based number of the line last returned */
} pp_test_casefile_t;

/* Reads data file name into cf. False (nothing to close) when it cannot be
 * read; cf must then not be used. */
bool pp_test_casefile_open(pp_test_casefile_t *cf, const char *name);

/* Next case line (blank and '#' lines skipped), without its line end;
 * *line points into cf and stays valid until close. False at the end. */
bool pp_test_casefile_next(pp_test_casefile_t *cf, const char **line, size_t *len);

/* Frees what open read; safe to call twice. */
void pp_test_casefile_close(pp_test_casefile_t *cf);

/* One case handed to a check function. Everything is owned by the runner
 * and valid only during the call. */
typedef struct pp_test_case {
  const char *file; /* data file name, for messages */
  size_t lineno;    /* 1-based line in that file */
  const char *line; /* the raw line, not NUL-terminated */
  size_t len;
  char *const *f; /* its fields, unescaped */
  size_t n;
} pp_test_case_t;

typedef enum pp_test_verdict {
  PP_TEST_PASS,
  PP_TEST_FAIL,      /* the check printed why with pp_test_case_fail */
  PP_TEST_NOT_A_CASE /* e.g. a "[section]" line: neither counted nor failed */
} pp_test_verdict_t;

typedef pp_test_verdict_t (*pp_test_check_fn)(const pp_test_case_t *c, void *ctx);

typedef struct pp_test_tally {
  size_t cases;
  size_t failures; /* includes lines the runner could not split (ENOMEM) */
} pp_test_tally_t;

/* Runs check on every case line of data file name, in file order, then
 * prints "<name>: N cases, F failed" to stderr. The caller asserts on the
 * tally. Fails the running cmocka test when the file cannot be read. */
pp_test_tally_t pp_test_run_cases(const char *name, pp_test_check_fn check, void *ctx);

/* Prints "<file>:<line>: " and the formatted message to stderr: the one
 * shape of every case failure, so each names where to look. */
void pp_test_case_fail(const pp_test_case_t *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
