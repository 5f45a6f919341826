/* SPDX-License-Identifier: MIT */
/*
 * The `explain --report` page (docs/report.md), drawn from the JSON object
 * of `explain --format json` (DESIGN §1.3, docs/json.md "explain") and the
 * PAC text: the result, then the PAC source with the lines where a helper
 * call, alert or return ran highlighted, the deciding return marked, and
 * under each such line its calls with arguments and results and the DNS
 * answers they caused. Lines that ran without a traced call are not known
 * to the trace and stay unmarked.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/report/html.h"

typedef struct ctx {
  const json_t *root, *trace;
  int decided, error_line;
  struct at *ix; /* every entry by (line, trace order); a dns entry has its call's line */
  size_t nix;
} ctx_t;

typedef struct at {
  int line;
  size_t entry;
} at_t;

static int entry_line(const json_t *e) {
  double l = pp_html_num(e, "line");
  return l > 0 ? (int)l : 0;
}

static int by_line(const void *a, const void *b) {
  const at_t *x = a, *y = b;
  if (x->line != y->line) return (x->line > y->line) - (x->line < y->line);
  return (x->entry > y->entry) - (x->entry < y->entry);
}

static bool is_dns(const json_t *e) {
  const char *kind = pp_html_str(e, "kind");
  return kind && strcmp(kind, "dns") == 0;
}

/* Builds c->ix; false on out of memory. Lines and notes then cost a
 * binary search, not a scan of the trace per source line. */
static bool index_trace(ctx_t *c) {
  size_t i, n = 0;
  const json_t *e;
  int last = 0;
  c->ix = malloc((json_array_size(c->trace) + 1) * sizeof(*c->ix));
  if (!c->ix) return false;
  json_array_foreach(c->trace, i, e) {
    int line = is_dns(e) ? last : entry_line(e);
    if (!is_dns(e)) last = line;
    if (line > 0) c->ix[n++] = (at_t){line, i};
  }
  qsort(c->ix, n, sizeof(*c->ix), by_line);
  c->nix = n;
  return true;
}

/* Index of the first entry of `line` in c->ix, or c->nix. */
static size_t first_of(const ctx_t *c, int line) {
  size_t lo = 0, hi = c->nix;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->ix[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static bool ran(const ctx_t *c, int line) {
  size_t k = first_of(c, line);
  return k < c->nix && c->ix[k].line == line;
}

static const char *cls(int line, const void *vc) {
  const ctx_t *c = vc;
  if (line == c->decided) return "ran decided";
  if (line == c->error_line) return "ran never";
  return ran(c, line) ? "ran" : NULL;
}

static void json_value(FILE *f, const json_t *v) {
  char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
  pp_html_text(f, s ? s : "?");
  free(s);
}

static void dns_note(FILE *f, const json_t *e) {
  pp_html_wrap(f, "<div class=\"note dns\">DNS ", pp_html_str(e, "host"), " → ");
  size_t i;
  const json_t *a;
  json_array_foreach(json_object_get(e, "answers"), i, a) {
    fputs(i ? ", " : "", f);
    pp_html_text(f, json_string_value(a));
  }
  if (!json_array_size(json_object_get(e, "answers"))) fputs("no address", f);
  fputs(" <span class=\"mute\">(", f);
  pp_html_member(f, e, "source");
  fprintf(f, ", %.1f ms)</span></div>\n", pp_html_num(e, "ms") > 0 ? pp_html_num(e, "ms") : 0);
}

static void call_note(FILE *f, const json_t *e) {
  pp_html_wrap(f, "<div class=\"note call\">", pp_html_str(e, "fn"), "(");
  size_t k;
  const json_t *arg;
  json_array_foreach(json_object_get(e, "args"), k, arg) {
    fputs(k ? ", " : "", f);
    json_value(f, arg);
  }
  fputs(") → ", f);
  json_value(f, json_object_get(e, "result"));
  fputs("</div>\n", f);
}

/* The entries of `line` in trace order; a dns entry belongs to the call
 * just before it. */
static void notes(FILE *f, int line, const void *vc) {
  const ctx_t *c = vc;
  for (size_t k = first_of(c, line); k < c->nix && c->ix[k].line == line; k++) {
    const json_t *e = json_array_get(c->trace, c->ix[k].entry);
    const char *kind = pp_html_str(e, "kind");
    if (!kind) continue;
    if (!strcmp(kind, "dns")) dns_note(f, e);
    else if (!strcmp(kind, "call")) call_note(f, e);
    else if (!strcmp(kind, "alert"))
      pp_html_wrap(f, "<div class=\"note alert\">alert: ", pp_html_str(e, "message"), "</div>\n");
    else if (!strcmp(kind, "return") && line == c->decided)
      pp_html_wrap(f, "<div class=\"note return\"><strong>this return decided:</strong> ",
                   pp_html_str(c->root, "raw"), "</div>\n");
  }
}

static void summary(FILE *f, const json_t *root) {
  const json_t *err = json_object_get(root, "error"), *at = json_object_get(root, "decided_at");
  pp_html_wrap(f, "<section id=\"summary\"><h2>Result</h2>\n<table>\n<tr><th>URL</th><td class=\"url\">",
               pp_html_str(root, "url"),
               "</td></tr>\n<tr><th>The script saw</th><td class=\"url mono\">");
  pp_html_member(f, root, "pac_url");
  pp_html_wrap(f, " <span class=\"mute\">host</span> ",
               pp_html_str(root, "host"),
               "</td></tr>\n<tr><th>Emulating</th><td>");
  pp_html_member(f, root, "emulate");
  fputs("</td></tr>\n<tr><th>Result</th><td class=\"mono\">", f);
  pp_html_badge(f, pp_html_str(root, "result") ? pp_html_str(root, "result") : "none",
                !json_is_object(err));
  if (pp_html_str(root, "raw") && pp_html_str(root, "result") &&
      strcmp(pp_html_str(root, "raw"), pp_html_str(root, "result")) != 0) {
    fputs(" <span class=\"mute\">returned as</span> ", f);
    pp_html_member(f, root, "raw");
  }
  fputs("</td></tr>\n", f);
  if (pp_html_num(at, "line") > 0)
    fprintf(f, "<tr><th>Decided at</th><td><a href=\"#L%.0f\">line %.0f, column %.0f</a></td></tr>\n",
            pp_html_num(at, "line"), pp_html_num(at, "line"), pp_html_num(at, "col"));
  else if (pp_html_str(root, "decided_by")) {
    pp_html_wrap(f, "<tr><th>Decided by</th><td>", pp_html_str(root, "decided_by"), "</td></tr>\n");
  }
  if (json_is_object(err)) {
    fputs("<tr><th>Error</th><td>", f);
    pp_html_badge(f, pp_html_str(err, "message"), false);
    fputs("</td></tr>\n", f);
  }
  if (json_is_true(json_object_get(root, "trace_truncated")))
    fputs("<tr><th>Trace</th><td>cut at its limit: later calls are not shown</td></tr>\n", f);
  fputs("</table></section>\n", f);
}

void pp_report_explain(FILE *f, const json_t *root, const char *text, size_t len) {
  ctx_t c = {root, json_object_get(root, "trace"),
             (int)pp_html_num(json_object_get(root, "decided_at"), "line"),
             (int)pp_html_num(json_object_get(root, "error"), "line"), NULL, 0};
  if (!index_trace(&c)) c.nix = 0; /* out of memory: no line is marked as ran */
  pp_html_begin(f, "explain");
  summary(f, root);
  fputs("<section id=\"source\"><h2>The PAC, as it ran</h2>\n<p class=\"mute\">Highlighted: lines "
        "where a helper call, alert or return ran; outlined: the return that decided (dashed: "
        "where the script failed). Under each line: its calls and the DNS answers they got.</p>\n",
        f);
  pp_html_source_t src = {text, len, cls, notes, &c};
  pp_html_source(f, &src);
  free(c.ix);
  fputs("</section>\n", f);
  pp_html_end(f);
}
