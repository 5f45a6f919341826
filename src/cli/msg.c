/* SPDX-License-Identifier: MIT */
/*
 * The only file of the program that writes diagnostics: one line each,
 * prefixed "pacprobe: " with the severity, on stderr (DESIGN §1: results on
 * stdout, diagnostics on stderr). Callers never pass secrets here.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"

static void emit(const char *prefix, const char *fmt, va_list ap) {
  fputs(prefix, stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void pp_msg_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit("pacprobe: error: ", fmt, ap);
  va_end(ap);
}

void pp_msg_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit("pacprobe: warning: ", fmt, ap);
  va_end(ap);
}

void pp_msg_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit("pacprobe: note: ", fmt, ap);
  va_end(ap);
}

void pp_msg_raw(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
}
