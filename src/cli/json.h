/* SPDX-License-Identifier: MIT */
/* JSON values the formatters share (jansson). */
#ifndef PP_CLI_JSON_H
#define PP_CLI_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A JSON string, or null for NULL. Text that is not valid UTF-8 (a Latin-1
 * URL line, a registry value) has each byte >= 0x80 shown as U+FFFD rather
 * than the field being dropped. Returns a new reference. */
json_t *pp_json_str(const char *s);
/* An array of pp_json_str values. */
json_t *pp_json_strlist(char **v, size_t n);
/* Prints root as one compact ASCII line (key order kept) and releases it.
 * false on ENOMEM. */
bool pp_json_print_line(FILE *out, json_t *root);

#endif
