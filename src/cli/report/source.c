/* SPDX-License-Identifier: MIT */
/*
 * A PAC's source in a report (docs/report.md): numbered lines split where
 * the engine counts lines (pp_js_line_end), each with the class its
 * renderer gives it (ran, decided, never...) and notes under it (helper
 * calls, DNS answers, hit counts). Bounded: a PAC of more than
 * SOURCE_ALL_MAX lines shows only the marked lines with a little context.
 */
#include "cli/report/html.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

#define SOURCE_ALL_MAX 3000
#define CONTEXT 2
#define MARKED_MAX 4000 /* lines shown at most in the sparse view */

/* Start offsets of each line (1-based index) in an allocated array. */
static size_t *split(const char *text, size_t len, size_t *nlines) {
  size_t cap = 64, n = 0;
  size_t *at = malloc(cap * sizeof(*at));
  const char *p = text, *end = text + len;
  if (!at) return NULL;
  at[n++] = 0;
  while (p < end) {
    size_t t = pp_js_line_end(p, end);
    if (!t) {
      p++;
      continue;
    }
    p += t;
    if (n == cap) {
      size_t *m = realloc(at, (cap *= 2) * sizeof(*at));
      if (!m) {
        free(at);
        return NULL;
      }
      at = m;
    }
    at[n++] = (size_t)(p - text);
  }
  *nlines = n;
  return at;
}

/* Length of the terminator that ends line p[0..n), 0 for the last line. */
static size_t terminator(const char *p, size_t n) {
  if (n >= 2 && p[n - 2] == '\r' && p[n - 1] == '\n') return 2;
  if (n >= 1 && (p[n - 1] == '\n' || p[n - 1] == '\r')) return 1;
  if (n >= 3 && pp_js_line_end(p + n - 3, p + n) == 3) return 3;
  return 0;
}

static bool near_marked(const char *const *cl, size_t line, size_t nlines) {
  for (size_t k = line > CONTEXT ? line - CONTEXT : 1; k <= line + CONTEXT && k <= nlines; k++)
    if (cl[k - 1]) return true;
  return false;
}

static void one_line(FILE *f, const pp_html_source_t *s, const char *p, size_t n, int line,
                     const char *cls) {
  fprintf(f, "<div id=\"L%d\"%s%s%s><span class=\"ln\">%d</span>", line, cls ? " class=\"" : "",
          cls ? cls : "", cls ? "\"" : "", line);
  char *copy = pp_strndup(p, n);
  pp_html_text(f, copy ? copy : "(out of memory)");
  free(copy);
  fputs("</div>\n", f);
  if (s->notes) s->notes(f, line, s->ctx);
}

void pp_html_source(FILE *f, const pp_html_source_t *s) {
  const char *text = s->text ? s->text : "";
  size_t len = s->text ? s->len : 0, nlines = 0;
  size_t *at = split(text, len, &nlines);
  const char **cl = at ? calloc(nlines, sizeof(*cl)) : NULL;
  if (!cl) {
    free(at);
    fputs("<p>(out of memory)</p>\n", f);
    return;
  }
  /* each line's class asked once: the renderers' lookups may cost a scan */
  for (size_t i = 0; i < nlines && i < INT_MAX; i++) cl[i] = s->cls((int)i + 1, s->ctx);
  bool all = nlines <= SOURCE_ALL_MAX, gap = false;
  size_t shown = 0;
  fputs("<div class=\"src mono\">\n", f);
  for (size_t i = 0; i < nlines && i < INT_MAX && shown < MARKED_MAX; i++) {
    if (!all && !near_marked(cl, i + 1, nlines)) {
      gap = true;
      continue;
    }
    if (gap) fputs("<div class=\"mute\">…</div>\n", f);
    gap = false;
    size_t n = (i + 1 < nlines ? at[i + 1] : len) - at[i];
    n -= terminator(text + at[i], n);
    one_line(f, s, text + at[i], n, (int)i + 1, cl[i]);
    shown++;
  }
  if (!all || shown == MARKED_MAX)
    fprintf(f, "<div class=\"mute\">(%zu lines; only the marked ones and %d around each are "
               "shown)</div>\n", nlines, CONTEXT);
  fputs("</div>\n", f);
  free(cl);
  free(at);
}
