/* SPDX-License-Identifier: MIT */
/*
 * The `diff --report` page (docs/report.md), drawn from the object of
 * `diff --format json` (docs/json.md): the old → new pairs, most frequent
 * first, each with the URLs that moved that way (the first ones listed;
 * the counts cover all). The PACs' sources are not shown here.
 */
#include <string.h>

#include "cli/report/html.h"

/* URLs listed under one group at most; the group's count says how many moved. */
#define PER_GROUP_MAX 500
/* Groups given a section of their own; the table lists every group. */
#define GROUPS_MAX 200

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void group(FILE *f, const json_t *root, const json_t *g, size_t n) {
  const char *old = pp_html_str(g, "old"), *new = pp_html_str(g, "new");
  fprintf(f, "<section class=\"card group\" id=\"g%zu\"><h3><span class=\"mono\">", n);
  pp_html_text(f, old);
  fputs("</span> <span class=\"arrow\">→</span> <span class=\"mono\">", f);
  pp_html_text(f, new);
  fprintf(f, "</span> <span class=\"badge warn\">%.0f URL%s</span></h3>\n<ul class=\"urls\">\n",
          pp_html_num(g, "count"), pp_html_num(g, "count") == 1 ? "" : "s");
  size_t i, listed = 0;
  const json_t *c;
  json_array_foreach(json_object_get(root, "changed"), i, c) {
    if (!same(pp_html_str(c, "old"), old) || !same(pp_html_str(c, "new"), new)) continue;
    if (listed++ == PER_GROUP_MAX) break;
    pp_html_wrap(f, "<li><span class=\"url\">", pp_html_str(c, "url"), "</span>");
    const char *err = pp_html_str(c, "new_error") ? pp_html_str(c, "new_error")
                                                   : pp_html_str(c, "old_error");
    if (err) {
      pp_html_wrap(f, " <span class=\"mute\">", err, "</span>");
    }
    fputs("</li>\n", f);
  }
  if (listed < pp_html_num(g, "count"))
    fprintf(f, "<li class=\"mute\">%.0f more not listed</li>\n", pp_html_num(g, "count") - listed);
  fputs("</ul></section>\n", f);
}

void pp_report_diff(FILE *f, const json_t *root) {
  pp_html_begin(f, "diff");
  pp_html_wrap(f, "<section id=\"summary\"><h2>Summary</h2>\n<p><span class=\"mono\">",
               pp_html_str(root, "old_pac"),
               "</span> → <span class=\"mono\">");
  pp_html_member(f, root, "new_pac");
  fprintf(f, "</span>: <strong>%.0f of %.0f URLs changed</strong>", pp_html_num(root, "changed_count"),
          pp_html_num(root, "total"));
  fprintf(f, ", in %zu way%s.</p>\n", json_array_size(json_object_get(root, "groups")),
          json_array_size(json_object_get(root, "groups")) == 1 ? "" : "s");
  fputs("<table><thead><tr><th>URLs</th><th>Old result</th><th>New result</th></tr></thead>"
        "<tbody>\n", f);
  size_t i;
  const json_t *g;
  json_array_foreach(json_object_get(root, "groups"), i, g) {
    fprintf(f, "<tr><td><a href=\"#g%zu\">%.0f</a></td><td class=\"mono\">", i + 1,
            pp_html_num(g, "count"));
    pp_html_member(f, g, "old");
    pp_html_wrap(f, "</td><td class=\"mono\">", pp_html_str(g, "new"), "</td></tr>\n");
  }
  fputs("</tbody></table></section>\n", f);
  json_array_foreach(json_object_get(root, "groups"), i, g) {
    if (i == GROUPS_MAX) {
      fprintf(f, "<p class=\"mute\">The URLs of the %zu other groups are not listed.</p>\n",
              json_array_size(json_object_get(root, "groups")) - GROUPS_MAX);
      break;
    }
    group(f, root, g, i + 1);
  }
  pp_html_end(f);
}
