/* SPDX-License-Identifier: MIT */
/*
 * The lowering at load time (issue 9): the original script is checked for
 * constructs pacprobe does not lower (PP_EUNSUPPORTED, original line:col),
 * then, only when it has ES2015+ syntax, both the kept script and the
 * instrumented text are lowered, so an ES5 PAC compiles byte for byte as
 * written. Also the load-time warnings (pp_engine_warnings).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/engine_int.h"
#include "js/lower.h"

static void add_warning(pp_engine_t *e, const char *name, const pp_lower_diag_t *d,
                        const char *text) {
  char line[512];
  snprintf(line, sizeof(line), "%s:%d:%d: %s", name, d->line, d->col, text);
  pp_strlist_push(&e->warn, &e->nwarn, line);
}

static void collect_warnings(pp_engine_t *e, const pp_lower_result_t *r) {
  char text[400];
  for (size_t i = 0; e->opts.emulate == PP_EMU_WINHTTP && i < r->nlowered; i++) {
    const pp_lower_diag_t *d = &r->lowered[i];
    if (strcmp(d->msg, "built-in") == 0)
      snprintf(text, sizeof(text), "%s (%s) is missing in WinHTTP's legacy JScript engine; "
               "pacprobe provides it", d->feature, d->es);
    else
      snprintf(text, sizeof(text), "%s (%s): WinHTTP's legacy JScript engine rejects this "
               "syntax; pacprobe lowers it to ES5", d->feature, d->es);
    add_warning(e, e->name, d, text);
  }
  for (size_t i = 0; i < r->nnotes; i++) add_warning(e, e->name, &r->notes[i], r->notes[i].msg);
}

/* Replaces *text (len *len) with its lowering when there is one. */
static pp_status_t lower_in_place(char **text, size_t *len) {
  pp_lower_result_t r;
  pp_status_t st = pp_lower(*text, *len, &r);
  if (st == PP_OK && r.changed) {
    free(*text);
    *text = r.text;
    *len = r.len;
    r.text = NULL;
  }
  pp_lower_clear(&r);
  return st;
}

pp_status_t pp_lower_engine(pp_engine_t *e) {
  pp_strlist_free(e->warn, e->nwarn);
  e->warn = NULL;
  e->nwarn = 0;
  pp_lower_result_t r;
  pp_status_t st = pp_lower(e->script, e->script_len, &r);
  if (st == PP_EUNSUPPORTED) {
    char msg[512];
    pp_lower_format_unsupported(&r.error, e->name, msg, sizeof(msg));
    pp_str_free(&e->err);
    pp_str_puts(&e->err, msg);
    e->err_line = r.error.line;
  }
  bool modern = st == PP_OK && r.changed;
  if (modern) collect_warnings(e, &r);
  pp_lower_clear(&r);
  if (st == PP_ESYNTAX) return PP_OK; /* Duktape reports it from the original */
  if (!modern || st != PP_OK) return st;
  st = lower_in_place(&e->script, &e->script_len);
  if (st == PP_OK && e->instr.text) {
    pp_status_t ist = lower_in_place(&e->instr.text, &e->instr.len);
    if (ist == PP_ENOMEM) return ist;
    if (ist != PP_OK) {
      pp_instrumented_clear(&e->instr);
      pp_str_printf(&e->instr_note, "%s: the instrumented text could not be lowered; the PAC "
                    "runs uninstrumented", e->name);
    }
  }
  return st == PP_ENOMEM ? st : PP_OK;
}

size_t pp_engine_warnings(const pp_engine_t *e, const char *const **lines) {
  *lines = (const char *const *)e->warn;
  return e->nwarn;
}

static void push_line(char ***lines, size_t *n, const pp_lower_diag_t *d, const char *text,
                      bool *ok) {
  char buf[512];
  snprintf(buf, sizeof(buf), "%d:%d: %s", d->line, d->col, text);
  *ok = *ok && pp_strlist_push(lines, n, buf);
}

/* What an older engine does run although pacprobe lowers it for its own:
 * pactester 1.3.6 (libpacparser1, SpiderMonkey 1.7) runs const and array
 * destructuring; tests/lint/engines.cases checks every claim against
 * pactester itself. */
static bool engine_runs(pp_emulation_t mode, const char *feature) {
  static const char *const pacparser_runs[] = {"const", "destructuring", "destructuring pattern",
                                               "destructuring target"};
  if (mode != PP_EMU_PACPARSER) return false;
  for (size_t i = 0; i < sizeof(pacparser_runs) / sizeof(pacparser_runs[0]); i++)
    if (strcmp(feature, pacparser_runs[i]) == 0) return true;
  return false;
}

pp_status_t pp_lower_findings(const char *src, size_t len, pp_emulation_t mode, char ***lines,
                              size_t *n, size_t *nerr) {
  *lines = NULL;
  *n = *nerr = 0;
  pp_lower_result_t r;
  pp_status_t st = pp_lower(src, len, &r);
  bool ok = st != PP_ENOMEM;
  char text[400];
  if (st == PP_EUNSUPPORTED) {
    snprintf(text, sizeof(text), "unsupported JavaScript feature '%s' (%s) \xe2\x80\x94 browsers "
             "accept this; pacprobe's engine does not", r.error.feature, r.error.es);
    push_line(lines, n, &r.error, text, &ok);
    *nerr = 1;
  }
  bool old_engine = mode == PP_EMU_WINHTTP || mode == PP_EMU_PACPARSER;
  for (size_t i = 0; old_engine && i < r.nlowered; i++) {
    const pp_lower_diag_t *d = &r.lowered[i];
    if (engine_runs(mode, d->feature)) continue;
    snprintf(text, sizeof(text), "%s (%s): %s's engine rejects this; pacprobe %s", d->feature,
             d->es, pp_emulation_name(mode),
             strcmp(d->msg, "built-in") == 0 ? "provides it" : "lowers it to ES5");
    push_line(lines, n, d, text, &ok);
  }
  for (size_t i = 0; i < r.nnotes; i++) push_line(lines, n, &r.notes[i], r.notes[i].msg, &ok);
  pp_lower_clear(&r);
  if (!ok) {
    pp_strlist_free(*lines, *n);
    *lines = NULL;
    *n = *nerr = 0;
    return PP_ENOMEM;
  }
  return PP_OK;
}
