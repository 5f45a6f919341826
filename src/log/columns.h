/* SPDX-License-Identifier: MIT */
/* The URL of a W3C or CSV entry from the columns its header named
 * (columns.c). */
#ifndef PP_LOG_COLUMNS_H
#define PP_LOG_COLUMNS_H

#include "log/fields.h"
#include "log/log.h"

/* Builds rec from the nf fields of one entry and p's column indexes:
 * ENTRY, or BAD with the reason in p->err. */
pp_log_line_t pp_log_columns_entry(pp_log_parser_t *p, const pp_log_field_t *f, size_t nf,
                                   pp_log_rec_t *rec);

#endif
