/* SPDX-License-Identifier: MIT */
/*
 * The `test --report` page (docs/report.md), drawn from the object of
 * `test --format json` (docs/json.md "test"): the summary, the failed cases
 * (expected vs actual), and with --coverage the PAC source with every
 * `return` marked as taken (with its hit count) or never taken.
 */
#include <string.h>

#include "cli/report/html.h"

/* Failed cases listed at most; the summary counts all. */
#define FAILED_MAX 1000

typedef struct ctx {
  const json_t *sites;
} ctx_t;

/* Index of the first return site on `line` or after it: coverage lists
 * the sites in source order (docs/json.md), so a binary search finds a
 * line's sites without a scan per source line. */
static size_t first_site(const json_t *sites, int line) {
  size_t lo = 0, hi = json_array_size(sites);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((int)pp_html_num(json_array_get(sites, mid), "line") < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* "ran covered" when every return on the line was taken, "never" when one was not. */
static const char *cls(int line, const void *vc) {
  const ctx_t *c = vc;
  const char *k = NULL;
  for (size_t i = first_site(c->sites, line); i < json_array_size(c->sites); i++) {
    const json_t *s = json_array_get(c->sites, i);
    if ((int)pp_html_num(s, "line") != line) break;
    if (pp_html_num(s, "hits") <= 0) return "never";
    k = "ran covered";
  }
  return k;
}

static void notes(FILE *f, int line, const void *vc) {
  const ctx_t *c = vc;
  for (size_t i = first_site(c->sites, line); i < json_array_size(c->sites); i++) {
    const json_t *s = json_array_get(c->sites, i);
    if ((int)pp_html_num(s, "line") != line) break;
    double hits = pp_html_num(s, "hits");
    if (hits > 0)
      fprintf(f, "<div class=\"note\">return at column %.0f: taken %.0f time%s</div>\n",
              pp_html_num(s, "col"), hits, hits == 1 ? "" : "s");
    else
      fprintf(f, "<div class=\"note never-taken\"><strong>return at column %.0f: never taken"
                 "</strong></div>\n", pp_html_num(s, "col"));
  }
}

static void failed_cases(FILE *f, const json_t *root) {
  fputs("<section id=\"failed\"><h2>Failed cases</h2>\n<table><thead><tr><th>Line</th><th>URL</th>"
        "<th>Expected</th><th>Actual</th></tr></thead><tbody>\n", f);
  size_t i, shown = 0;
  const json_t *c;
  json_array_foreach(json_object_get(root, "cases"), i, c) {
    if (json_is_true(json_object_get(c, "ok"))) continue;
    if (shown++ == FAILED_MAX) {
      fputs("<tr><td colspan=\"4\" class=\"mute\">more failed cases are not listed</td></tr>\n", f);
      break;
    }
    fprintf(f, "<tr class=\"case\"><td>%.0f</td><td class=\"url\">", pp_html_num(c, "line"));
    pp_html_member(f, c, "url");
    pp_html_wrap(f, "</td><td class=\"mono\">",
                 pp_html_str(c, "expected"),
                 "</td><td class=\"mono\">");
    pp_html_member(f, c, "actual");
    if (pp_html_str(c, "error")) {
      pp_html_wrap(f, "<div class=\"mute\">", pp_html_str(c, "error"), "</div>");
    }
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table></section>\n", f);
}

void pp_report_test(FILE *f, const json_t *root, const char *text, size_t len) {
  const json_t *sites = json_object_get(root, "coverage");
  double passed = pp_html_num(root, "passed"), failed = pp_html_num(root, "failed");
  pp_html_begin(f, "test");
  pp_html_wrap(f, "<section id=\"summary\"><h2>Summary</h2>\n<p><span class=\"mono\">",
               pp_html_str(root, "pac"),
               "</span> against <span class=\"mono\">");
  pp_html_member(f, root, "cases_file");
  fputs("</span>: ", f);
  pp_html_badge(f, failed > 0 ? "failed" : "passed", failed <= 0);
  fprintf(f, " <strong>%.0f passed, %.0f failed</strong>", passed, failed);
  if (json_is_array(sites)) {
    size_t i, reached = 0;
    const json_t *s;
    json_array_foreach(sites, i, s) reached += pp_html_num(s, "hits") > 0;
    fprintf(f, "; <strong>%zu of %zu return statements reached</strong>", reached, json_array_size(sites));
  }
  fputs(".</p></section>\n", f);
  if (failed > 0) failed_cases(f, root);
  if (json_is_array(sites)) {
    fputs("<section id=\"coverage\"><h2>Coverage of the returns</h2>\n<p class=\"mute\">Highlighted: "
          "lines whose returns were all taken by some case; outlined dashed: a return no case "
          "reached.</p>\n", f);
    ctx_t c = {sites};
    pp_html_source_t src = {text, len, cls, notes, &c};
    pp_html_source(f, &src);
    fputs("</section>\n", f);
  } else {
    fputs("<p class=\"mute\">Run with --coverage to see which returns the cases reach.</p>\n", f);
  }
  pp_html_end(f);
}
