/* SPDX-License-Identifier: MIT */
/*
 * Template literals become string concatenation: each template token
 * (whole, head, middle, tail) is rewritten on its own, so nesting needs no
 * stack; a raw line break continues the literal on the next line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

/* Appends raw template characters as the body of a "..." literal. A raw
 * line break (cooked as \n) ends the literal and continues it on the next
 * line, so the line count stays. */
static void template_chars(pp_str_t *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\\' && i + 1 < n) {
      if (p[i + 1] == 0) pp_str_puts(s, "\\x00");
      else pp_str_append(s, p + i, 2);
      i++;
      if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') pp_str_putc(s, p[++i]);
    } else if (c == 0) {
      pp_str_puts(s, "\\x00"); /* repl texts are C strings */
    } else if (c == '"') {
      pp_str_puts(s, "\\\"");
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < n && p[i + 1] == '\n') i++;
      pp_str_puts(s, "\\n\" +\n\"");
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
               ((unsigned char)p[i + 2] == 0xA8 || (unsigned char)p[i + 2] == 0xA9)) {
      pp_str_printf(s, "\\u%s\" +\n\"", (unsigned char)p[i + 2] == 0xA8 ? "2028" : "2029");
      i += 2;
    } else {
      pp_str_putc(s, (char)c);
    }
  }
}

void pp_lower_template(lw_t *w, long k) {
  const pp_js_token_t *t = &w->t[k];
  bool opens = t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_HEAD;
  if (opens && pp_lower_ends_operand(w, k - 1)) {
    pp_lower_unsupported(w, k, "tagged template", "ES2015");
    return;
  }
  pp_lower_used(w, k, LWF_TEMPLATE, "template literal", "ES2015");
  const char *p = w->src + t->off + 1;
  size_t n = t->len - 1 - (t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_TAIL ? 1 : 2);
  pp_str_t s = PP_STR_INIT;
  switch (t->kind) {
  case PP_JS_TEMPLATE: pp_str_puts(&s, "\""); break;
  case PP_JS_TEMPLATE_HEAD: pp_str_puts(&s, "(\""); break;
  default: pp_str_puts(&s, ") + \""); break;
  }
  template_chars(&s, p, n);
  pp_str_puts(&s, t->kind == PP_JS_TEMPLATE ? "\"" : t->kind == PP_JS_TEMPLATE_TAIL ? "\")" : "\" + (");
  if (!s.s) w->oom = true;
  else pp_lower_repl(w, k, s.s);
  pp_str_free(&s);
}
