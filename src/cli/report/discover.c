/* SPDX-License-Identifier: MIT */
/*
 * The `discover --report` page (docs/report.md), drawn from the object of
 * `discover --format json` (DESIGN §1.5, docs/json.md): each step (DHCP per
 * interface, lease files, each wpad. name, each fetch) with what was asked,
 * the answer, the outcome (a fetch's hosting findings under it) and its
 * time; the warnings; and the closing
 * sentence (src/cli/discover_closing.c).
 */
#include <string.h>

#include "cli/report/html.h"

/* Outcomes that moved discovery forward (docs/json.md "discover"). */
static bool good(const char *result) {
  return result && (!strcmp(result, "url") || !strcmp(result, "found") || !strcmp(result, "ok"));
}

/* What the step asked: interface, lease file, wpad name or URL. */
static const char *asked(const json_t *a) {
  static const char *const keys[] = {"interface", "file", "name", "url"};
  const char *m = pp_html_str(a, "method");
  if (m && !strcmp(m, "fetch")) return pp_html_str(a, "url");
  for (size_t i = 0; i < 3; i++)
    if (pp_html_str(a, keys[i])) return pp_html_str(a, keys[i]);
  return NULL;
}

static void answer(FILE *f, const json_t *a) {
  const char *m = pp_html_str(a, "method");
  if (m && !strcmp(m, "dns")) {
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(a, "addresses"), i, v) {
      fputs(i ? ", " : "", f);
      pp_html_text(f, json_string_value(v));
    }
  } else if (m && !strcmp(m, "fetch")) {
    if (pp_html_num(a, "status") > 0) fprintf(f, "HTTP %.0f, ", pp_html_num(a, "status"));
    fprintf(f, "%.0f bytes", pp_html_num(a, "bytes") > 0 ? pp_html_num(a, "bytes") : 0);
  } else {
    pp_html_member(f, a, "url");
  }
}

static void step(FILE *f, const json_t *a, size_t n) {
  const char *result = pp_html_str(a, "result");
  fprintf(f, "<tr class=\"step\"><td>%zu</td><td>", n);
  pp_html_member(f, a, "method");
  pp_html_wrap(f, "</td><td class=\"url mono\">", asked(a), "</td><td class=\"url mono\">");
  answer(f, a);
  fputs("</td><td>", f);
  pp_html_badge(f, result ? result : "?", good(result));
  if (pp_html_str(a, "detail")) {
    pp_html_wrap(f, "<div class=\"mute\">", pp_html_str(a, "detail"), "</div>");
  }
  pp_html_hosting(f, json_object_get(a, "hosting"));
  fprintf(f, "</td><td class=\"ms\">%.0f ms</td></tr>\n", pp_html_num(a, "ms") > 0 ? pp_html_num(a, "ms") : 0);
}

void pp_report_discover(FILE *f, const json_t *root) {
  pp_html_begin(f, "discover");
  pp_html_wrap(f, "<section id=\"summary\"><h2>Outcome</h2>\n<p class=\"closing\">",
               pp_html_str(root, "closing"),
               "</p>\n<p>PAC: <span class=\"url mono\">");
  pp_html_text(f, pp_html_str(root, "pac_url") ? pp_html_str(root, "pac_url") : "none");
  fputs("</span>, decided by ", f);
  pp_html_text(f, pp_html_str(root, "decided_by") ? pp_html_str(root, "decided_by") : "nothing");
  fprintf(f, ", in %.0f ms.</p></section>\n", pp_html_num(root, "ms") > 0 ? pp_html_num(root, "ms") : 0);
  fputs("<section id=\"steps\"><h2>Steps</h2>\n<table><thead><tr><th>#</th><th>Method</th>"
        "<th>Asked</th><th>Answer</th><th>Outcome</th><th>Time</th></tr></thead><tbody>\n", f);
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(root, "attempts"), i, v) step(f, v, i + 1);
  fputs("</tbody></table></section>\n", f);
  if (json_array_size(json_object_get(root, "warnings"))) {
    fputs("<section id=\"warnings\"><h2>Warnings</h2>\n<ul>\n", f);
    json_array_foreach(json_object_get(root, "warnings"), i, v) {
      pp_html_wrap(f, "<li><span class=\"badge warn\">", pp_html_str(v, "code"), "</span> ");
      pp_html_member(f, v, "message");
      fputs("</li>\n", f);
    }
    fputs("</ul></section>\n", f);
  }
  pp_html_end(f);
}
