/* SPDX-License-Identifier: MIT */
/*
 * The only file of the program that writes diagnostics: one line each,
 * prefixed "pacprobe: " with the severity, on stderr (DESIGN §1: results on
 * stdout, diagnostics on stderr). Callers never pass secrets here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/esc.h"
#include "util/str.h"

/* Messages quote input (a URL argument, a file's line, a PAC's error) that
 * may hold CR, LF, escape sequences or bidi controls; pp_esc_text shows
 * them as \r, \n, \xHH, \uHHHH, so one message stays one line and a
 * crafted input can neither forge a second diagnostic nor act on the
 * terminal (issue 15 item 8). */
static void put_one_line(const char *s) {
  pp_str_t o = PP_STR_INIT;
  if (pp_esc_text(&o, s, strlen(s))) fputs(o.s ? o.s : "", stderr);
  else fputs("(out of memory)", stderr);
  pp_str_free(&o);
}

static void emit(const char *prefix, const char *fmt, va_list ap) {
  char *text = pp_vformat(fmt, ap);
  fputs(prefix, stderr);
  put_one_line(text ? text : fmt); /* out of memory: the format at least says what */
  fputc('\n', stderr);
  free(text);
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
