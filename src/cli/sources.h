/* SPDX-License-Identifier: MIT */
/* `pacprobe sources` output (DESIGN §1.6): text for people, JSON. */
#ifndef PP_CLI_SOURCES_H
#define PP_CLI_SOURCES_H

#include "cli/cli.h"

/* Prints the decided configuration c for one consumer to out. */
void pp_sources_print_text(FILE *out, const pp_config_t *c);
/* One JSON object on one line. false on ENOMEM. */
bool pp_sources_print_json(FILE *out, const pp_config_t *c);

/* sources_os.c: the live part (running account, what Windows says); no
 * output unless c->os.present. */
struct json_t;
void pp_sources_print_os_text(FILE *out, const pp_config_t *c);
void pp_sources_os_json(struct json_t *root, const pp_config_t *c);

#endif
