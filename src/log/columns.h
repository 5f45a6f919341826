/* SPDX-License-Identifier: MIT */
/* The URL of a W3C or CSV entry from the columns its header named
 * (columns.c). */
#ifndef PP_LOG_COLUMNS_H
#define PP_LOG_COLUMNS_H

#include "log/fields.h"
#include "log/log.h"

/* A column name and the parser field (offsetof) holding its index + 1. */
typedef struct pp_log_column_name {
  const char *name;
  size_t off;
} pp_log_column_name_t;

/* Sets p's column indexes from a header's nf names: for each name of the
 * table (case-insensitive) the first column carrying it. skip_off, when
 * not SIZE_MAX, is a field left alone (csv:COLUMN names the URL itself). */
void pp_log_columns_match(pp_log_parser_t *p, const pp_log_column_name_t *table, size_t ntable,
                          const pp_log_field_t *f, size_t nf, size_t skip_off);

/* Builds rec from the nf fields of one entry and p's column indexes:
 * ENTRY, or BAD with the reason in p->err. */
pp_log_line_t pp_log_columns_entry(pp_log_parser_t *p, const pp_log_field_t *f, size_t nf,
                                   pp_log_rec_t *rec);

#endif
