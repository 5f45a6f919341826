/* SPDX-License-Identifier: MIT */
/*
 * The PAC hosting findings (docs/sources.md "Where the PAC is hosted") on
 * the discover and check report pages: each code as a badge, what was seen,
 * the clients it affects, and with check --for whether it is relevant to
 * the consumer. Drawn from the JSON arrays of docs/json.md.
 */
#include "cli/report/html.h"

void pp_html_hosting(FILE *f, const json_t *list) {
  const json_t *v;
  size_t i;
  if (!json_array_size(list)) return;
  fputs("<ul class=\"hosting\">", f);
  json_array_foreach(list, i, v) {
    const json_t *rel = json_object_get(v, "relevant");
    pp_html_wrap(f, "<li><span class=\"badge warn\">", pp_html_str(v, "code"), "</span> ");
    if (json_is_boolean(rel)) fputs(json_is_true(rel) ? "<strong>relevant</strong> " : "not relevant ", f);
    pp_html_member(f, v, "message");
    pp_html_wrap(f, "<div class=\"mute\">", pp_html_str(v, "clients"), "</div></li>");
  }
  fputs("</ul>", f);
}
