/* SPDX-License-Identifier: MIT */
/* Internals shared by the files of src/config: the text line reader that
 * .reg and netsh parsing use, and the source-list helpers of collect.c that
 * decide.c reads. Not part of the public API. */
#ifndef PP_CONFIG_INT_H
#define PP_CONFIG_INT_H

#include "pacprobe.h"
#include "util/buf.h"
#include "util/str.h"

/* A text file read line by line whatever its encoding: UTF-16LE with BOM is
 * decoded to UTF-8; UTF-8 (BOM skipped) and 8-bit bytes pass through. For
 * every decoded byte the reader remembers the file offset and physical
 * line it came from, so an error anywhere in a logical line (continuations
 * included) names the exact place in the file. */
typedef struct pp_text {
  pp_buf_t buf;
  const char *name;
  bool utf16;
  unsigned lineno;  /* physical lines read so far */
  pp_str_t line;    /* current logical line, UTF-8 */
  size_t *offs;     /* per byte of line (+1 sentinel): file offset */
  unsigned *lines;  /* per byte of line (+1 sentinel): physical line */
  size_t cap;
  pp_status_t status; /* why the last read failed */
  char *err;
  size_t errlen;
} pp_text_t;

/* Detects the encoding (BOM) and prepares the reader. */
void pp_text_init(pp_text_t *t, const void *data, size_t len, const char *name, char *err,
                  size_t errlen);
/* Reads one physical line into t->line, replacing it, or appending when
 * `append` (then leading blanks of the new line are dropped: a ",\"
 * continuation). Returns 1 for a line, 0 at the end, -1 on an error
 * (t->status and err set). */
int pp_text_read(pp_text_t *t, bool append);
/* Formats "name:line: byte offset N: " + fmt for position i of t->line
 * into t's err and returns PP_EINVAL. */
pp_status_t pp_text_error(pp_text_t *t, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pp_text_free(pp_text_t *t);

/* collect.c */
pp_source_t *pp_config_push(pp_config_t *c, pp_source_kind_t kind, const char *file);
bool pp_config_set_proxy(pp_source_t *s, const char *proxy);
bool pp_config_split_bypass(const char *list, const char *seps, char ***out, size_t *n);
bool pp_config_warn(pp_config_t *c, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "SavedLegacySettings" etc.: which WinINet value a source is. */
bool pp_config_is_value(const pp_source_t *s, const char *name);
const char *pp_account_label(pp_account_t a); /* "LocalSystem", ... */

#endif
