/* SPDX-License-Identifier: MIT */
/*
 * Template literals become string concatenation: each template token
 * (whole, head, middle, tail) is rewritten on its own, so nesting needs no
 * stack; a raw line break continues the literal on the next line. A
 * tagged template becomes a call with the frozen strings array of its site.
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

/* ---- tagged templates ----------------------------------------------------- */

enum { TAGGED = -2 }; /* aux mark on the later parts of a tagged template */

static bool line_break_at(const char *p, size_t i, size_t n, size_t *len) {
  unsigned char c = (unsigned char)p[i];
  *len = 1;
  if (c == '\r' && i + 1 < n && p[i + 1] == '\n') *len = 2;
  else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
           ((unsigned char)p[i + 2] == 0xA8 || (unsigned char)p[i + 2] == 0xA9)) *len = 3;
  else return c == '\r' || c == '\n';
  return true;
}

/* The characters of one part as a "..." literal body on one line: cooked
 * (escapes kept for the string literal to read, line continuations
 * dropped) or raw (backslashes doubled). Counts the line breaks. */
static void part_chars(pp_str_t *s, const char *p, size_t n, bool raw, int *breaks) {
  for (size_t i = 0; i < n; i++) {
    size_t bl;
    bool br = line_break_at(p, i, n, &bl);
    unsigned char c = (unsigned char)p[i];
    if (br) {
      *breaks += 1;
      if (bl == 3) pp_str_puts(s, p[i + 2] == (char)0xA8 ? "\\u2028" : "\\u2029");
      else pp_str_puts(s, "\\n");
      i += bl - 1;
    } else if (c == '\\' && !raw && i + 1 < n) {
      if (line_break_at(p, i + 1, n, &bl)) {
        *breaks += 1;
        i += bl;
      } else {
        if (p[i + 1] == 0) pp_str_puts(s, "\\x00");
        else pp_str_append(s, p + i, 2);
        i++;
      }
    } else if (c == '\\' || c == '"') {
      pp_str_putc(s, '\\');
      pp_str_putc(s, (char)c);
    } else if (c == 0) {
      pp_str_puts(s, "\\x00");
    } else {
      pp_str_putc(s, (char)c);
    }
  }
}

static void part_span(const lw_t *w, long k, const char **p, size_t *n) {
  const pp_js_token_t *t = &w->t[k];
  *p = w->src + t->off + 1;
  *n = t->len - 1 - (t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_TAIL ? 1 : 2);
}

static void put_breaks(pp_str_t *s, int breaks) {
  for (int i = 0; i < breaks; i++) pp_str_putc(s, '\n');
}

/* Later parts of a tagged template: `}b${` -> `), (`, `}c`` -> `))`. */
static void tagged_part(lw_t *w, long k) {
  const char *p;
  size_t n;
  int breaks = 0;
  pp_str_t s = PP_STR_INIT, scratch = PP_STR_INIT;
  part_span(w, k, &p, &n);
  part_chars(&scratch, p, n, true, &breaks);
  pp_str_puts(&s, w->t[k].kind == PP_JS_TEMPLATE_TAIL ? "))" : "), (");
  put_breaks(&s, breaks);
  if (!s.s || (n && !scratch.s)) w->oom = true;
  else pp_lower_repl(w, k, s.s);
  pp_str_free(&s);
  pp_str_free(&scratch);
}

/* tag`a${x}b` -> tag(S || (S = __pp_tpl(["a", "b"], ["a", "b"])), (x)), S
 * a variable of the script: one frozen strings array per call site. */
static void tagged(lw_t *w, long k) {
  pp_lower_used(w, k, LWF_TAGGED, "tagged template", "ES2015");
  char site[32];
  snprintf(site, sizeof(site), "__pp_s%ld", k);
  pp_lower_after(w, w->n - 2, -1, ";var %s;", site);
  pp_str_t cooked = PP_STR_INIT, raw = PP_STR_INIT, s = PP_STR_INIT;
  int breaks = 0, ignored = 0;
  long j = k;
  for (int guard = 0; j >= 0 && guard < 1000000; guard++) {
    const char *p;
    size_t n;
    part_span(w, j, &p, &n);
    pp_str_puts(&cooked, j == k ? "\"" : ", \"");
    part_chars(&cooked, p, n, false, j == k ? &breaks : &ignored);
    pp_str_putc(&cooked, '"');
    pp_str_puts(&raw, j == k ? "\"" : ", \"");
    part_chars(&raw, p, n, true, &ignored);
    pp_str_putc(&raw, '"');
    pp_js_kind_t kd = w->t[j].kind;
    if (kd == PP_JS_TEMPLATE || kd == PP_JS_TEMPLATE_TAIL) break;
    j = w->match[j];
    if (j >= 0) w->aux[j] = TAGGED;
  }
  bool whole = w->t[k].kind == PP_JS_TEMPLATE;
  pp_str_printf(&s, "(%s || (%s = __pp_tpl([%s], [%s]))%s", site, site, cooked.s ? cooked.s : "",
                raw.s ? raw.s : "", whole ? ")" : ", (");
  put_breaks(&s, breaks);
  if (!s.s || !cooked.s || !raw.s) w->oom = true;
  else pp_lower_repl(w, k, s.s);
  pp_str_free(&cooked);
  pp_str_free(&raw);
  pp_str_free(&s);
}

void pp_lower_template(lw_t *w, long k) {
  const pp_js_token_t *t = &w->t[k];
  bool opens = t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_HEAD;
  if (opens && pp_lower_ends_operand(w, k - 1)) {
    tagged(w, k);
    return;
  }
  if (!opens && w->aux[k] == TAGGED) {
    tagged_part(w, k);
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
