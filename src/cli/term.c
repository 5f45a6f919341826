/* SPDX-License-Identifier: MIT */
/*
 * What the program knows about the terminal its results go to (issue 20):
 * whether to colour verdicts and severities (--color, NO_COLOR) and how
 * wide it is (tables fit it). Decided once per run from stdout, after the
 * options are parsed (pp_args_parse). Colour codes never wrap foreign
 * text unescaped: callers print pp_safe() text between pp_term_on() and
 * pp_term_off(). The isatty/ioctl calls are the platform's (src/os).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "os/os.h"

/* The colour rule (https://no-color.org, GNU ls/grep --color):
 *  1. --color=always: colour, even into a pipe;
 *  2. --color=never: none;
 *  3. --color=auto (the default): colour only when stdout is a terminal,
 *     NO_COLOR is unset or empty, and TERM is not "dumb". */
static bool color_on;
static int columns; /* 0: not a terminal, no width to fit */

bool pp_term_setup(const pp_args_t *a) {
  const char *c = a->value[PP_OPT_COLOR];
  if (c && strcmp(c, "always") && strcmp(c, "never") && strcmp(c, "auto")) {
    pp_msg_error("option --color: bad value '%s': expected always, never or auto", c);
    return false;
  }
  bool tty = pp_os_stdout_is_terminal();
  const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
  if (c && !strcmp(c, "always")) color_on = true;
  else if (c && !strcmp(c, "never")) color_on = false;
  else color_on = tty && !(nc && *nc) && !(term && !strcmp(term, "dumb"));
  columns = tty ? pp_os_terminal_columns() : 0;
  const char *env = getenv("COLUMNS");
  if (tty && env && atoi(env) > 0) columns = atoi(env);
  return true;
}

bool pp_term_color(void) { return color_on; }

int pp_term_columns(void) { return columns; }

const char *pp_term_on(pp_term_style_t s) {
  if (!color_on) return "";
  switch (s) {
  case PP_STYLE_OK: return "\033[32m";
  case PP_STYLE_BAD: return "\033[1;31m";
  case PP_STYLE_WARN: return "\033[33m";
  case PP_STYLE_NOTE: return "\033[36m";
  case PP_STYLE_BOLD: return "\033[1m";
  }
  return "";
}

const char *pp_term_off(void) { return color_on ? "\033[0m" : ""; }

pp_term_style_t pp_term_verdict_style(const char *verdict) {
  if (!verdict) return PP_STYLE_BAD;
  if (!strcmp(verdict, "ok") || !strcmp(verdict, "found") || !strcmp(verdict, "url")) return PP_STYLE_OK;
  if (!strcmp(verdict, "intercepted") || !strcmp(verdict, "auth-required")) return PP_STYLE_WARN;
  return PP_STYLE_BAD;
}

/* Columns s takes: UTF-8 continuation bytes take none (pp_safe text: no
 * controls left; wide CJK characters are counted as one, a rare overlap). */
size_t pp_term_width(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Byte offset after the first `cols` columns of s. */
static size_t cut(const char *s, size_t cols) {
  size_t i = 0, seen = 0;
  while (s[i] && seen < cols) {
    i++;
    while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
    seen++;
  }
  return i;
}

const char *pp_term_elide(const char *s, size_t width, char *buf, size_t len) {
  size_t w = pp_term_width(s);
  if (w <= width || width < 5 || len < 8) return s;
  size_t head = (width - 1) * 2 / 3, tail = width - 1 - head;
  size_t hb = cut(s, head), tb_start = cut(s, w - tail);
  size_t tl = strlen(s + tb_start);
  if (hb + 3 + tl + 1 > len) return s;
  memcpy(buf, s, hb);
  memcpy(buf + hb, "\xE2\x80\xA6", 3); /* … */
  memcpy(buf + hb + 3, s + tb_start, tl + 1);
  return buf;
}
