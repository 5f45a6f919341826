/* SPDX-License-Identifier: MIT */
/*
 * The frame every HTML report shares (docs/report.md): one self-contained
 * file — inline CSS, inline SVG, no script, no font, no image, no link —
 * under a Content-Security-Policy that forbids everything else, so the
 * file can be attached to a ticket and opened offline. Here too: the one
 * escaper for foreign text and the JSON accessors the renderers use.
 */
#include "cli/report/html.h"

#include <string.h>

#include "cli/cli.h"
#include "util/esc.h"
#include "util/str.h"

void pp_html_text(FILE *f, const char *s) {
  if (!s) return;
  pp_str_t vis = PP_STR_INIT;
  if (!pp_esc_text(&vis, s, strlen(s))) {
    fputs("(out of memory)", f);
    return;
  }
  for (const char *p = vis.s ? vis.s : ""; *p; p++) {
    switch (*p) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    default: fputc(*p, f);
    }
  }
  pp_str_free(&vis);
}

const char *pp_html_str(const json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

void pp_html_member(FILE *f, const json_t *o, const char *key) { pp_html_text(f, pp_html_str(o, key)); }

double pp_html_num(const json_t *o, const char *key) {
  const json_t *v = json_object_get(o, key);
  return json_is_number(v) ? json_number_value(v) : -1;
}

/* Light and dark, readable on a phone (one column under 40em) and on paper
 * (no backgrounds needed to read a verdict: badges carry the word). */
static const char css[] =
    ":root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--fg:#1f2328;--mute:#59636e;--bg:#fff;"
    "--line:#d1d9e0;--hi:#fff8c5;--dns:#0969da;--conn:#bf8700;--tls:#8250df;--wait:#1a7f37;"
    "--xfer:#57606a}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--mute:#9198a1;--bg:#0d1117;"
    "--line:#3d444d;--hi:#3b2e00}}\n"
    "body{font:15px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;"
    "max-width:70em;padding:1em}\n"
    "h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid var(--line);margin-top:1.6em}"
    "h3{font-size:1em}\n"
    "code,pre,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}\n"
    ".url{overflow-wrap:anywhere}.mute{color:var(--mute)}\n"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);"
    "padding:.25em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}\n"
    ".badge{display:inline-block;border-radius:1em;padding:0 .6em;font-weight:600;border:1px solid}\n"
    ".badge.ok{color:var(--ok)}.badge.bad{color:var(--bad)}.badge.warn{color:var(--warn)}\n"
    ".chain{display:flex;flex-wrap:wrap;align-items:center;gap:.3em;margin:.5em 0}\n"
    ".chain .node{border:1px solid var(--line);border-radius:.4em;padding:.2em .5em}\n"
    ".chain .arrow{color:var(--mute)}.chain .node.ok{border-color:var(--ok)}"
    ".chain .node.bad{border-color:var(--bad)}\n"
    ".wf{display:grid;grid-template-columns:minmax(8em,16em) 1fr 5em;gap:.2em .5em;"
    "align-items:center}\n"
    ".wf svg{width:100%;height:1.2em;display:block}.wf .ms{text-align:right}\n"
    ".seg-dns{fill:var(--dns)}.seg-connect{fill:var(--conn)}.seg-tls{fill:var(--tls)}"
    ".seg-wait{fill:var(--wait)}.seg-transfer{fill:var(--xfer)}.seg-fail{fill:var(--bad)}\n"
    ".legend span{margin-right:1em}.legend svg{width:.8em;height:.8em}\n"
    ".src{counter-reset:none;border:1px solid var(--line);overflow-x:auto}\n"
    ".src div{white-space:pre;padding:0 .5em}.src .ln{display:inline-block;width:3.5em;"
    "color:var(--mute);user-select:none}\n"
    ".src .ran{background:var(--hi)}.src .decided{outline:2px solid var(--ok)}"
    ".src .never{outline:2px dashed var(--bad)}\n"
    ".src .note{color:var(--mute);white-space:normal;padding-left:4em}\n"
    ".card{border:1px solid var(--line);border-radius:.5em;padding:.5em 1em;margin:1em 0;"
    "break-inside:avoid}\n"
    ".closing{font-weight:600;border-left:4px solid var(--warn);padding-left:.6em}\n"
    "@media (max-width:40em){.wf{grid-template-columns:1fr}.wf .ms{text-align:left}"
    "table{table-layout:fixed}td,th{padding:.2em}}\n"
    "@media print{body{max-width:none;font-size:11pt}.card{border-color:#999}}\n";

void pp_html_begin(FILE *f, const char *what) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f);
  fprintf(f, "<title>pacprobe %s report</title>\n<style>\n%s</style>\n</head>\n<body>\n", what, css);
  fprintf(f, "<h1>pacprobe %s</h1>\n", what);
}

void pp_html_end(FILE *f) {
  fprintf(f, "<p class=\"mute\">Written by pacprobe %s. This file is self-contained: it loads "
             "nothing and runs no script.</p>\n</body>\n</html>\n",
          PP_VERSION);
}

void pp_html_wrap(FILE *f, const char *open, const char *text, const char *close) {
  fputs(open, f);
  pp_html_text(f, text);
  fputs(close, f);
}

void pp_html_badge(FILE *f, const char *text, bool ok) {
  fprintf(f, "<span class=\"badge %s\">", ok ? "ok" : "bad");
  pp_html_text(f, text);
  fputs("</span>", f);
}

/* ---- writing the file ---- */

bool pp_report_open(pp_outfile_t *of, const pp_args_t *a) {
  memset(of, 0, sizeof(*of));
  if (!a->given[PP_OPT_REPORT]) return true;
  return pp_cli_outfile_open(of, "report", a->value[PP_OPT_REPORT], a->given[PP_OPT_OVERWRITE]);
}

bool pp_report_commit(pp_outfile_t *of, void (*render)(FILE *, const void *), const void *ctx) {
  if (!of->f) return true;
  render(of->f, ctx);
  return pp_cli_outfile_commit(of);
}
