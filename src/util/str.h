/* SPDX-License-Identifier: MIT */
/* Growable strings and string lists. Out of memory is sticky: after a failed
 * append every later append is a no-op and pp_str_take returns NULL, so
 * callers check once at the end. */
#ifndef PP_UTIL_STR_H
#define PP_UTIL_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pp_str {
  char *s;   /* NUL-terminated when non-NULL */
  size_t len;
  size_t cap;
  bool oom;
} pp_str_t;

#define PP_STR_INIT {0, 0, 0, false}

bool pp_str_append(pp_str_t *s, const char *p, size_t n);
bool pp_str_puts(pp_str_t *s, const char *p);
bool pp_str_putc(pp_str_t *s, char c);
bool pp_str_printf(pp_str_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* vsnprintf into a new malloc'd string (vasprintf); NULL on ENOMEM or a
 * format error. ap is consumed. */
char *pp_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Hands the string to the caller (malloc'd, never NULL unless OOM: an empty
 * string is returned as ""). Resets s. */
char *pp_str_take(pp_str_t *s);
void pp_str_free(pp_str_t *s);

/* strndup that never reads past n. NULL on ENOMEM. */
char *pp_strndup(const char *p, size_t n);
/* Appends a copy of s to *list (a malloc'd array). false on ENOMEM. */
bool pp_strlist_push(char ***list, size_t *n, const char *s);
void pp_strlist_free(char **list, size_t n);
/* ASCII-only lower-casing in place (locale independent). */
void pp_ascii_lower(char *s);
/* Length of the JavaScript line terminator at p (LF, CR, CRLF, U+2028,
 * U+2029: the ones Duktape counts lines by), 0 when there is none; p < end. */
size_t pp_js_line_end(const char *p, const char *end);
/* Writes "fmt" into err (size errlen) when err is non-NULL, line breaks
 * turned into blanks: every err is documented as one line. */
void pp_set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
