/* SPDX-License-Identifier: MIT */
/* pp_buf: the bounded read cursor every parser uses (docs/style.md
 * "Parsing input"). A cursor never reads past len; every fetch reports
 * failure instead. The cursor does not own the bytes. */
#ifndef PP_UTIL_BUF_H
#define PP_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pp_buf {
  const unsigned char *data;
  size_t len;
  size_t pos;
} pp_buf_t;

void pp_buf_init(pp_buf_t *b, const void *data, size_t len);
/* Bytes left to read. */
size_t pp_buf_remaining(const pp_buf_t *b);
/* Next byte without consuming it, -1 at the end. */
int pp_buf_peek(const pp_buf_t *b);
/* Next byte, -1 at the end. */
int pp_buf_get(pp_buf_t *b);
/* Next line without its "\n" or "\r\n"; false at the end. A last line
 * without a newline is returned too. *line points into the buffer. */
bool pp_buf_fetch_line(pp_buf_t *b, const char **line, size_t *len);
/* Copies n bytes; false (nothing consumed) when fewer remain. */
bool pp_buf_fetch_bytes(pp_buf_t *b, void *dst, size_t n);
bool pp_buf_fetch_be16(pp_buf_t *b, uint16_t *v);
bool pp_buf_fetch_be32(pp_buf_t *b, uint32_t *v);
/* Skips spaces and tabs; returns how many. */
size_t pp_buf_skip_blanks(pp_buf_t *b);
/* Consumes bytes up to (not including) a space, tab or the end; returns the
 * token (pointer into the buffer) and its length (0 at a blank or the end). */
size_t pp_buf_fetch_token(pp_buf_t *b, const char **tok);
/* Consumes lit when the next bytes equal it. */
bool pp_buf_match(pp_buf_t *b, const char *lit);

#endif
