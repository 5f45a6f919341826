/* SPDX-License-Identifier: MIT */
/* The HTML reports of --report FILE.html (docs/report.md): the page frame,
 * escaping, and one renderer per subcommand, each fed the same JSON object
 * the subcommand prints with --format json (docs/json.md). */
#ifndef PP_CLI_REPORT_HTML_H
#define PP_CLI_REPORT_HTML_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"

/* Writes s as HTML text that is also safe inside a double- or single-quoted
 * attribute: characters that could act on a terminal or hide text (C0/C1
 * controls, bytes that are not UTF-8, bidi controls, U+2028/U+2029) are
 * first shown as visible escapes (pp_esc_text: \n, \xHH, \u202E), then
 * & < > " ' become entities. NULL writes nothing. Every string that came
 * from a PAC, URL, header, certificate or registry goes through here. */
void pp_html_text(FILE *f, const char *s);
/* pp_html_text of a JSON string member (nothing when absent or not a string). */
void pp_html_member(FILE *f, const json_t *o, const char *key);
/* The JSON string member key, or NULL. */
const char *pp_html_str(const json_t *o, const char *key);
/* A JSON number member, or -1 when absent or null. */
double pp_html_num(const json_t *o, const char *key);

/* The page head: doctype, charset, a Content-Security-Policy that allows
 * nothing but inline styles and data: images (no script, no request), the
 * viewport for phones, the one inline stylesheet; then <h1>. what names the
 * report ("check", "explain"...). pp_html_end closes the page. */
void pp_html_begin(FILE *f, const char *what);
void pp_html_end(FILE *f);
/* open (our markup, written as is), text escaped (pp_html_text), close. */
void pp_html_wrap(FILE *f, const char *open, const char *text, const char *close);
/* A JSON array of PAC hosting findings (hosting.c) as a list; nothing
 * when empty. */
void pp_html_hosting(FILE *f, const json_t *list);
/* A verdict or outcome as a coloured badge: class "badge ok|bad|warn". */
void pp_html_badge(FILE *f, const char *text, bool ok);

/* A PAC's source with marked lines (source.c). cls gives a line's class
 * ("ran", "decided", "never"; several space-separated) or NULL; notes, when
 * set, writes what goes under a line. A source of more than 3000 lines
 * shows only the marked lines with two lines around each. */
typedef struct pp_html_source {
  const char *text;
  size_t len;
  const char *(*cls)(int line, const void *ctx);
  void (*notes)(FILE *f, int line, const void *ctx);
  const void *ctx;
} pp_html_source_t;
void pp_html_source(FILE *f, const pp_html_source_t *s);

/* Renderers: the subcommand's JSON object (not consumed) to a page. */
void pp_report_check(FILE *f, const json_t *root);
void pp_report_explain(FILE *f, const json_t *root, const char *text, size_t len);
void pp_report_diff(FILE *f, const json_t *root);
void pp_report_discover(FILE *f, const json_t *root);
void pp_report_test(FILE *f, const json_t *root, const char *text, size_t len);

/* --report FILE: the page is written through the safe file writer
 * (src/cli/outfile.c: temporary file beside FILE, fsync, rename). open
 * early (a bad path fails before a long run; nothing when --report was not
 * given), then commit renders and moves the file into place. Both return
 * false after a one-line error, FILE untouched; commit always releases of. */
bool pp_report_open(pp_outfile_t *of, const pp_args_t *a);
bool pp_report_commit(pp_outfile_t *of, void (*render)(FILE *, const void *), const void *ctx);

#endif
