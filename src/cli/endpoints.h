/* SPDX-License-Identifier: MIT */
/* --endpoints FILE (docs/endpoints.md): the Microsoft 365 endpoints JSON as
 * `check` targets (check_endpoints in endpoints.c) and as the question
 * `pacprobe test --endpoints FILE -p PAC` answers (test_endpoints.c). */
#ifndef PP_CLI_ENDPOINTS_H
#define PP_CLI_ENDPOINTS_H

#include "cli/cli.h"

/* The label that replaces '*' without --wildcard: Microsoft's example tenant. */
#define PP_WILDCARD_DEFAULT "contoso"

/* Reads and parses --endpoints (label from --wildcard), printing every
 * problem as a warning. PP_EXIT_OK, or PP_EXIT_USAGE after one line. */
int pp_cli_load_endpoints(const pp_args_t *a, pp_endpoints_t *out);
/* `pacprobe test --endpoints FILE -p PAC`. */
int pp_test_endpoints(const pp_args_t *a);

#endif
