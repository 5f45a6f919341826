/* SPDX-License-Identifier: MIT */
/* The `pacprobe test` case-file grammar (docs/cases-format.md): one line at
 * a time into a case, a directive or nothing, with every directive value
 * checked here so a bad file is refused before any case runs. Pure logic;
 * running the cases is the program's job (src/cli/cmd_test.c). */
#ifndef PP_PAC_CASES_H
#define PP_PAC_CASES_H

#include <stddef.h>

#include "pacprobe.h"

typedef enum pp_case_kind {
  PP_CASE_NONE = 0,  /* blank or '#' comment */
  PP_CASE_TEST,      /* URL and EXPECTED */
  PP_CASE_DIRECTIVE  /* '@name [value]' */
} pp_case_kind_t;

typedef enum pp_case_dir {
  PP_CASE_DIR_NOW = 0,
  PP_CASE_DIR_TZ,
  PP_CASE_DIR_MY_IP,
  PP_CASE_DIR_RESOLVE,
  PP_CASE_DIR_EMULATE,
  PP_CASE_DIR_HOST,
  PP_CASE_DIR_RESET
} pp_case_dir_t;

typedef struct pp_case_line {
  pp_case_kind_t kind;
  pp_case_dir_t dir; /* PP_CASE_DIRECTIVE */
  char *url;         /* PP_CASE_TEST */
  char *expected;    /* PP_CASE_TEST: as written, blanks trimmed */
  char *value;       /* directive value trimmed; NULL for a bare directive */
  char **items;      /* @my-ip: the addresses; @resolve: the HOST=ADDR specs */
  size_t nitems;
} pp_case_line_t;

/* The directive's name without '@' ("now", "my-ip", ...); never NULL. */
const char *pp_case_dir_name(pp_case_dir_t dir);

/* Parses line[0..len) (no line end) into out, which the caller zeroes and
 * later clears with pp_case_line_clear. Returns PP_OK, PP_ENOMEM, or
 * PP_EINVAL with a one-line reason in err (unknown directive, a directive
 * value that is not valid, a case line without EXPECTED, @reset with a
 * value); out is cleared on failure. */
pp_status_t pp_case_line_parse(const char *line, size_t len, pp_case_line_t *out, char *err,
                               size_t errlen);
/* Frees what pp_case_line_parse allocated and zeroes *l. NULL-safe. */
void pp_case_line_clear(pp_case_line_t *l);

/* True when EXPECTED asks for a failed evaluation ("ERROR", any case). */
bool pp_case_expects_error(const char *expected);

/* The canonical form of EXPECTED under mode's result grammar into *canon
 * (malloc'd; "ERROR" for an error expectation). PP_EINVAL with a reason in
 * err when EXPECTED has an entry the grammar rejects (a typo would otherwise
 * silently mean DIRECT), PP_ENOMEM. */
pp_status_t pp_case_expected_canonical(const char *expected, pp_emulation_t mode, char **canon,
                                       char *err, size_t errlen);

#endif
