/* SPDX-License-Identifier: MIT */
/*
 * Whether a PAC can read the clock (pacprobe.h pp_pac_clock_scan), for the
 * memoised log replay of eval and diff (src/cli/replay.c, issue 22): a
 * script whose answer may depend on the time cannot be evaluated once per
 * distinct URL unless --now pins the clock. The scan streams jslex tokens
 * (constant memory) and over-approximates: any mention of the date and
 * time helpers or of Date, and anything that can reach a global by a name
 * built at run time (eval, Function, constructor, globalThis, this[...]),
 * counts, as an identifier or as a string literal naming it. A wrong "yes"
 * only costs speed (every line is evaluated); docs/logs.md says what it
 * cannot see.
 */
#include "pacprobe.h"

#include <stdio.h>
#include <string.h>

#include "js/jslex.h"

static const char *const clock_names[] = {"Date", "timeRange", "dateRange", "weekdayRange",
                                          "eval", "Function", "constructor", "globalThis"};

/* The clock name tok is (an identifier, or a string literal holding just
 * the name), or NULL. */
static const char *names_clock(const pp_js_token_t *t, const char *src) {
  const char *s = src + t->off;
  size_t n = t->len;
  if (t->kind == PP_JS_STRING && n >= 2) {
    s++;
    n -= 2;
  } else if (t->kind != PP_JS_IDENT) {
    return NULL;
  }
  for (size_t i = 0; i < sizeof(clock_names) / sizeof(clock_names[0]); i++)
    if (strlen(clock_names[i]) == n && memcmp(clock_names[i], s, n) == 0) return clock_names[i];
  return NULL;
}

pp_status_t pp_pac_clock_scan(const char *src, size_t len, const char *name, bool *reads,
                              char *why, size_t whylen) {
  pp_js_lexer_t lx;
  pp_js_token_t t, prev = {0};
  *reads = false;
  if (whylen) why[0] = '\0';
  pp_js_lexer_init(&lx, src, len, 0);
  while (pp_js_next(&lx, &t) && t.kind != PP_JS_EOF) {
    const char *hit = names_clock(&t, src);
    bool this_index = prev.kind == PP_JS_KEYWORD && pp_js_tok_is(&prev, src, "this") &&
                      pp_js_tok_is(&t, src, "[");
    if (hit || this_index) {
      *reads = true;
      snprintf(why, whylen, "%s:%d:%d: %s%s", name, t.line, t.col, hit ? "uses " : "this[...]",
               hit ? hit : "");
      return PP_OK;
    }
    prev = t;
  }
  if (t.kind == PP_JS_ERROR) { /* cannot see past a lexing error: assume the worst */
    *reads = true;
    snprintf(why, whylen, "%s: not scanned past a tokenizer error", name);
  }
  return PP_OK;
}
