/* SPDX-License-Identifier: MIT */
/*
 * Regular expression literals Duktape cannot compile as written (issue 16):
 * a literal whose pattern or flags need the rewrite of src/pac/regex.c
 * (named groups, flags s u y d) or that pacprobe cannot run at all
 * (flag v, \p{…} in a class) becomes __pp_re("source", "flags")
 * (pacscripts/runtime/08-regexp.js), which builds the regex when the
 * literal is evaluated, as a literal is. So the rest of the PAC still runs;
 * an evaluation that reaches an unsupported regex fails with the distinct
 * unsupported-feature error, and a note says so at load (and in lint). A
 * literal with a syntax error is left to Duktape, as browsers reject it too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"
#include "pac/regex.h"

/* The feature bit of pp_lower_used, above the ones lower_int.h lists. */
#define LWF_REGEX (1u << 28)

static void js_string(pp_str_t *o, const char *p, size_t n) {
  pp_str_putc(o, '"');
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '\\' || p[i] == '"') pp_str_putc(o, '\\');
    pp_str_putc(o, p[i]);
  }
  pp_str_putc(o, '"');
}

static const char *feature_of(const pp_regex_t *r, const char *flags, const char **es) {
  *es = "ES2018";
  if (r->nnames) return "regex named groups";
  if (strchr(flags, 's')) return "regex flag 's'";
  *es = "ES2022";
  if (strchr(flags, 'd')) return "regex flag 'd'";
  *es = "ES2015";
  if (strchr(flags, 'y')) return "regex flag 'y'";
  return "regex flag 'u'";
}

/* Lookbehind runs in pacprobe's (patched) engine as written; older engines
 * (--emulate winhttp, pacparser) are told apart by lint. First use only. */
static void lookbehind_used(lw_t *w, long k) {
  for (size_t j = 0; j < w->res->nlowered; j++)
    if (strcmp(w->res->lowered[j].feature, "regex lookbehind") == 0) return;
  pp_lower_used(w, k, 0, "regex lookbehind", "ES2018");
}

void pp_lower_regex(lw_t *w, long k) {
  const char *p = w->src + w->t[k].off;
  size_t n = w->t[k].len, i = n;
  while (i > 1 && p[i - 1] != '/') i--;
  char flags[16];
  if (i < 2 || n - i >= sizeof(flags)) return; /* Duktape reports it */
  memcpy(flags, p + i, n - i);
  flags[n - i] = '\0';
  pp_regex_t r;
  if (!pp_regex_rewrite(p + 1, i - 2, flags, &r)) {
    pp_regex_clear(&r);
    w->oom = true;
    return;
  }
  if (!r.syntax[0] && !r.unsupported && r.lookbehind) lookbehind_used(w, k);
  if (!r.syntax[0] && (r.changed || r.unsupported)) {
    pp_str_t text = PP_STR_INIT;
    pp_str_puts(&text, "__pp_re(");
    js_string(&text, p + 1, i - 2);
    pp_str_puts(&text, ", ");
    js_string(&text, flags, strlen(flags));
    pp_str_putc(&text, ')');
    const char *es = r.es;
    const char *f = r.unsupported ? r.unsupported : feature_of(&r, flags, &es);
    if (r.unsupported) {
      char msg[200];
      snprintf(msg, sizeof(msg), "%s (%s): pacprobe's engine cannot run this regex; an "
               "evaluation that reaches it fails as unsupported", f, es);
      pp_lower_note(w, k, f, msg);
    }
    pp_lower_used(w, k, LWF_REGEX, f, es);
    if (text.oom) w->oom = true;
    else pp_lower_repl(w, k, text.s);
    pp_str_free(&text);
  }
  pp_regex_clear(&r);
}
