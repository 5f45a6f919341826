/* SPDX-License-Identifier: MIT */
/* pp_lines: the bounded line reader every list reader uses on a stream
 * (URL lists of eval, diff, check; lint --urls). A line is never longer
 * than the cap given at init; a longer one is skipped up to its newline,
 * and the skip itself is bounded, so /dev/zero cannot grow memory or spin
 * forever. Out of memory and read errors are statuses, never an early EOF. */
#ifndef PP_UTIL_LINES_H
#define PP_UTIL_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum pp_lines_status {
  PP_LINES_OK,      /* *line holds one line (without its "\n") */
  PP_LINES_EOF,     /* no more lines */
  PP_LINES_LONG,    /* the line was over the cap and was skipped; r->head has its start */
  PP_LINES_ENDLESS, /* no newline within the skip bound: the reader stops here */
  PP_LINES_EREAD,   /* the stream failed (errno kept in r->err) */
  PP_LINES_ENOMEM
} pp_lines_status_t;

#define PP_LINES_HEAD 64 /* bytes of a skipped line kept for the message */

/* A byte source other than a FILE (a decompressor): up to n bytes into
 * buf, 0 at the end; *err an errno value on failure. */
typedef size_t (*pp_lines_read_fn)(void *ctx, char *buf, size_t n, int *err);

typedef struct pp_lines {
  FILE *f;
  pp_lines_read_fn read; /* when set, read from here instead of f */
  void *read_ctx;
  char *buf;               /* unread bytes are buf[start, end) */
  size_t start, end, cap;
  size_t max_line, max_skip;
  unsigned long lineno;    /* number of the line last returned (1-based) */
  unsigned long long skipped; /* bytes of the last LONG line */
  unsigned long long bytes;   /* bytes consumed so far */
  char head[PP_LINES_HEAD];
  size_t nhead;
  int err;
  bool eof;
} pp_lines_t;

/* Reads f (not owned) in lines of at most max_line bytes; a longer line is
 * discarded, reading at most max_skip bytes in search of its end. */
void pp_lines_init(pp_lines_t *r, FILE *f, size_t max_line, size_t max_skip);
/* The same over a read function (log input: src/log/source.c). */
void pp_lines_init_fn(pp_lines_t *r, pp_lines_read_fn fn, void *ctx, size_t max_line,
                      size_t max_skip);
/* The next line. On PP_LINES_OK *line points into the reader's buffer
 * (valid until the next call) and *had_nl says whether a "\n" ended it (a
 * "\r" before it is kept). After PP_LINES_ENDLESS, EREAD or ENOMEM the
 * caller stops reading. */
pp_lines_status_t pp_lines_next(pp_lines_t *r, const char **line, size_t *len, bool *had_nl);
void pp_lines_free(pp_lines_t *r);

#endif
