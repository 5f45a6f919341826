/* SPDX-License-Identifier: MIT */
/* A log file as a byte stream (source.c): plain, gzip or zstd, told apart
 * by their first bytes, so `-f access.log.gz` and `--log squid x.zst` read
 * like the plain file; "-" is stdin. Feeds the bounded line reader
 * (util/lines.h) through pp_log_source_read. */
#ifndef PP_LOG_SOURCE_H
#define PP_LOG_SOURCE_H

#include <stddef.h>

#include "log/decode.h"

typedef struct pp_log_source pp_log_source_t;

/* Opens path ("-" = stdin) and looks at its first bytes. NULL with a
 * one-line reason in err (cannot open, out of memory, a compression this
 * build does not read). */
pp_log_source_t *pp_log_source_open(const char *path, char *err, size_t errlen);
/* A pp_lines_read_fn: up to n decompressed bytes; 0 at the end or on an
 * error (*err = an errno value; pp_log_source_error says why). */
size_t pp_log_source_read(void *src, char *buf, size_t n, int *err);
/* The codec the first bytes showed. */
pp_log_codec_t pp_log_source_codec(const pp_log_source_t *s);
/* Why the last read failed ("" when it did not): a decoder's reason. */
const char *pp_log_source_error(const pp_log_source_t *s);
/* Closes the file (not stdin) and frees s. NULL-safe. */
void pp_log_source_close(pp_log_source_t *s);

#endif
