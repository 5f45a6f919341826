/* SPDX-License-Identifier: MIT */
/* Field splitting for the column log formats (fields.c): W3C extended and
 * CSV. */
#ifndef PP_LOG_FIELDS_H
#define PP_LOG_FIELDS_H

#include <stddef.h>

typedef struct pp_log_field {
  const char *s; /* into the line, quotes removed */
  size_t n;
} pp_log_field_t;

/* Splits a W3C entry into at most max fields. Returns how many, -1 when
 * there are more than max, -2 for an unterminated quoted value. */
int pp_log_split_w3c(const char *line, size_t len, pp_log_field_t *f, size_t max);
/* Splits a CSV line (RFC 4180, ','); same returns. An empty line is one
 * empty field. */
int pp_log_split_csv(const char *line, size_t len, pp_log_field_t *f, size_t max);

#endif
