/* SPDX-License-Identifier: MIT */
/*
 * The `check --report` page (docs/report.md), drawn from the JSON object of
 * `check --format json` (DESIGN §1.7, docs/json.md): a summary table, then
 * per target the decision chain (source → PAC line → PAC result → routes
 * tried → verdict), a waterfall of the attempts (DNS, connect, TLS, wait,
 * transfer, as a browser's network panel), the certificate chain and the
 * consumer rule that applied. Layout and escaping: html.c.
 */
#include <string.h>

#include "cli/report/html.h"

static bool is_ok(const char *verdict) { return verdict && strcmp(verdict, "ok") == 0; }

static void summary(FILE *f, const json_t *root) {
  const json_t *cfg = json_object_get(root, "config"), *sum = json_object_get(root, "summary");
  double total = pp_html_num(sum, "total"), ok = pp_html_num(sum, "ok");
  fprintf(f, "<section id=\"summary\"><h2>Summary</h2>\n<p><strong>%.0f target%s: %.0f ok, "
             "%.0f failed</strong>. ", total, total == 1 ? "" : "s", ok, total - ok);
  pp_html_wrap(f, "Configuration: <span class=\"badge warn\">",
               pp_html_str(cfg, "mode"),
               "</span>");
  const json_t *by = json_object_get(cfg, "decided_by");
  size_t i;
  const json_t *v;
  json_array_foreach(by, i, v) {
    fputs(i ? ", " : " decided by ", f);
    pp_html_text(f, json_string_value(v));
  }
  if (pp_html_str(cfg, "pac_url")) {
    pp_html_wrap(f, "; PAC <span class=\"url mono\">", pp_html_str(cfg, "pac_url"), "</span>");
  }
  if (pp_html_str(cfg, "consumer")) {
    pp_html_wrap(f, "; seen as <strong>", pp_html_str(cfg, "consumer"), "</strong>");
  }
  fputs(".</p>\n<table><thead><tr><th>Target</th><th>Route</th><th>Verdict</th></tr></thead>"
        "<tbody>\n", f);
  json_array_foreach(json_object_get(root, "targets"), i, v) {
    fprintf(f, "<tr><td class=\"url\"><a href=\"#t%zu\">", i + 1);
    pp_html_member(f, v, "url");
    pp_html_wrap(f, "</a></td><td class=\"mono\">",
                 pp_html_str(v, "route") ? pp_html_str(v, "route") : "—",
                 "</td><td>");
    pp_html_badge(f, pp_html_str(v, "verdict"), is_ok(pp_html_str(v, "verdict")));
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table></section>\n", f);
}

/* ---- decision chain ---- */

static void node(FILE *f, const char *cls, const char *label, const char *text) {
  fprintf(f, "<span class=\"node %s\"><span class=\"mute\">%s</span> ", cls, label);
  pp_html_text(f, text);
  fputs("</span><span class=\"arrow\" aria-hidden=\"true\">→</span>", f);
}

static void decision_chain(FILE *f, const json_t *t) {
  fputs("<h3>Decision chain</h3>\n<div class=\"chain\" role=\"list\">", f);
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(t, "decided_by"), i, v) {
    const char *s = json_string_value(v);
    node(f, "source", s && strncmp(s, "pac line", 8) == 0 ? "PAC" : "source", s);
  }
  if (pp_html_str(t, "pac_error")) node(f, "bad", "PAC error", pp_html_str(t, "pac_error"));
  else if (pp_html_str(t, "pac_result")) node(f, "result", "returned", pp_html_str(t, "pac_result"));
  json_array_foreach(json_object_get(t, "attempts"), i, v) {
    bool ok = json_is_true(json_object_get(v, "ok"));
    const json_t *err = json_object_get(v, "error");
    fprintf(f, "<span class=\"node attempt %s\"><span class=\"mute\">tried</span> ", ok ? "ok" : "bad");
    pp_html_member(f, v, "route");
    pp_html_wrap(f, " <span class=\"mute\">",
                 ok ? "ok" : pp_html_str(err, "code") ? pp_html_str(err, "code") : "failed",
                 "</span></span><span class=\"arrow\" aria-hidden=\"true\">→</span>");
  }
  const char *verdict = pp_html_str(t, "verdict");
  fprintf(f, "<span class=\"node outcome %s\"><span class=\"mute\">verdict</span> ",
          is_ok(verdict) ? "ok" : "bad");
  pp_html_badge(f, verdict, is_ok(verdict));
  fputs("</span></div>\n", f);
}

/* ---- waterfall ---- */

typedef struct phase {
  const char *name; /* the timings_ms member that ends it */
  const char *cls;
} phase_t;

/* timings_ms are cumulative from the attempt's start (curl's); a phase
 * that did not happen is null and draws nothing. */
static const phase_t phases[] = {{"dns", "dns"}, {"connect", "connect"}, {"tls", "tls"},
                                 {"first_byte", "wait"}, {"total", "transfer"}};

static void rect(FILE *f, const char *cls, double x, double w, double scale, const char *title,
                 double ms) {
  if (w <= 0) return;
  fprintf(f, "<rect class=\"seg-%s\" x=\"%.2f\" y=\"2\" width=\"%.2f\" height=\"16\">"
             "<title>%s %.1f ms</title></rect>", cls, x * scale, w * scale < 0.5 ? 0.5 : w * scale,
          title, ms);
}

/* One bar: the phases of one attempt at its offset in the target's time. */
static void bar(FILE *f, const json_t *a, double offset, double scale) {
  const json_t *tm = json_object_get(a, "timings_ms");
  bool ok = json_is_true(json_object_get(a, "ok"));
  double at = 0;
  fputs("<svg class=\"bar\" viewBox=\"0 0 1000 20\" preserveAspectRatio=\"none\" role=\"img\">", f);
  for (size_t i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
    double end = pp_html_num(tm, phases[i].name);
    if (end < 0 || end < at) continue;
    bool last = i + 1 == sizeof(phases) / sizeof(phases[0]);
    rect(f, last && !ok ? "fail" : phases[i].cls, offset + at, end - at, scale,
         last && !ok ? "failed after" : phases[i].cls, end - at);
    at = end;
  }
  fputs("</svg>", f);
}

static double attempt_ms(const json_t *a) {
  double t = pp_html_num(json_object_get(a, "timings_ms"), "total");
  return t > 0 ? t : 0;
}

static void waterfall(FILE *f, const json_t *t) {
  const json_t *atts = json_object_get(t, "attempts"), *a;
  size_t i;
  double span = 0, offset = 0;
  json_array_foreach(atts, i, a) span += attempt_ms(a);
  if (!json_array_size(atts)) {
    fputs("<p class=\"mute\">No route was tried.</p>\n", f);
    return;
  }
  fputs("<h3>Attempts</h3>\n<div class=\"legend mono\">", f);
  for (size_t k = 0; k < sizeof(phases) / sizeof(phases[0]); k++)
    fprintf(f, "<span><svg viewBox=\"0 0 10 10\"><rect class=\"seg-%s\" width=\"10\" height=\"10\"/>"
               "</svg> %s</span>", phases[k].cls, phases[k].cls);
  fputs("<span><svg viewBox=\"0 0 10 10\"><rect class=\"seg-fail\" width=\"10\" height=\"10\"/>"
        "</svg> failed</span></div>\n<div class=\"wf\">\n", f);
  json_array_foreach(atts, i, a) {
    bool ok = json_is_true(json_object_get(a, "ok"));
    const json_t *err = json_object_get(a, "error");
    pp_html_wrap(f, "<div class=\"mono\"><span class=\"route\">",
                 pp_html_str(a, "route"),
                 "</span> ");
    pp_html_badge(f, ok ? "ok" : pp_html_str(err, "code") ? pp_html_str(err, "code") : "failed", ok);
    fputs("</div>\n", f);
    bar(f, a, offset, span > 0 ? 1000.0 / span : 0);
    fprintf(f, "<div class=\"ms mono\">%.0f ms</div>\n", attempt_ms(a));
    offset += attempt_ms(a);
  }
  fputs("</div>\n", f);
}

/* ---- per attempt details: error, proxy's words, authentication, TLS ---- */

static void attempt_notes(FILE *f, const json_t *a) {
  const json_t *err = json_object_get(a, "error"), *why = json_object_get(a, "proxy_reason");
  const json_t *auth = json_object_get(a, "auth");
  if (pp_html_str(err, "message") && *pp_html_str(err, "message")) {
    pp_html_wrap(f, "<li><span class=\"mono\">", pp_html_str(a, "route"), "</span>: ");
    pp_html_member(f, err, "message");
    fputs("</li>\n", f);
  }
  if (pp_html_str(why, "text")) {
    fputs("<li>the proxy says: ", f);
    if (pp_html_str(why, "product")) {
      pp_html_member(f, why, "product");
      fputs(": ", f);
    }
    pp_html_member(f, why, "text");
    fputs("</li>\n", f);
  }
  if (json_is_true(json_object_get(auth, "required"))) {
    fputs("<li>proxy authentication required, offered:", f);
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(auth, "offered"), i, v) {
      fputc(' ', f);
      pp_html_text(f, json_string_value(v));
    }
    fputs("</li>\n", f);
  }
}

static void cert_chain(FILE *f, const json_t *a) {
  const json_t *tls = json_object_get(a, "tls");
  if (!json_is_object(tls)) return;
  bool intercepted = json_is_true(json_object_get(tls, "intercepted"));
  bool verified = json_is_true(json_object_get(tls, "verified"));
  pp_html_wrap(f, "<h3>Certificate chain via <span class=\"mono\">",
               pp_html_str(a, "route"),
               "</span> ");
  pp_html_badge(f, intercepted ? "intercepted" : verified ? "verified" : "not verified",
                verified && !intercepted);
  fputs("</h3>\n", f);
  if (pp_html_str(tls, "reason")) {
    pp_html_wrap(f, "<p>", pp_html_str(tls, "reason"), "</p>\n");
  }
  fputs("<table class=\"certs\"><thead><tr><th>#</th><th>Subject</th><th>Issuer</th>"
        "<th>Expires</th><th>SHA-256</th></tr></thead><tbody>\n", f);
  size_t i;
  const json_t *c;
  json_array_foreach(json_object_get(tls, "chain"), i, c) {
    fprintf(f, "<tr><td>%zu</td><td class=\"url\">", i);
    pp_html_member(f, c, "subject");
    pp_html_wrap(f, "</td><td class=\"url\">", pp_html_str(c, "issuer"), "</td><td>");
    pp_html_member(f, c, "not_after");
    pp_html_wrap(f, "</td><td class=\"mono url\">", pp_html_str(c, "sha256"), "</td></tr>\n");
  }
  fputs("</tbody></table>\n", f);
}

static void target(FILE *f, const json_t *t, size_t n) {
  const char *verdict = pp_html_str(t, "verdict");
  fprintf(f, "<section class=\"card target\" id=\"t%zu\"><h2><span class=\"url\">", n);
  pp_html_member(f, t, "url");
  fputs("</span> ", f);
  pp_html_badge(f, verdict, is_ok(verdict));
  fputs("</h2>\n", f);
  decision_chain(f, t);
  waterfall(f, t);
  const json_t *atts = json_object_get(t, "attempts"), *a;
  size_t i;
  fputs("<ul class=\"notes\">\n", f);
  json_array_foreach(atts, i, a) attempt_notes(f, a);
  const json_t *rule = json_object_get(t, "consumer_rule");
  if (pp_html_str(rule, "rule")) {
    pp_html_wrap(f, "<li class=\"rule\">consumer rule (", pp_html_str(rule, "event"), "): ");
    pp_html_member(f, rule, "rule");
    fputs("</li>\n", f);
  }
  if (pp_html_str(t, "explanation")) {
    pp_html_wrap(f, "<li>why it matters: ", pp_html_str(t, "explanation"), "</li>\n");
  }
  fputs("</ul>\n", f);
  json_array_foreach(atts, i, a) cert_chain(f, a);
  fputs("</section>\n", f);
}

void pp_report_check(FILE *f, const json_t *root) {
  pp_html_begin(f, "check");
  summary(f, root);
  const json_t *hosting = json_object_get(json_object_get(root, "config"), "pac_hosting");
  if (json_array_size(hosting)) {
    fputs("<section id=\"hosting\"><h2>Where the PAC is hosted</h2>\n", f);
    pp_html_hosting(f, hosting);
    fputs("</section>\n", f);
  }
  size_t i;
  const json_t *t;
  json_array_foreach(json_object_get(root, "targets"), i, t) target(f, t, i + 1);
  pp_html_end(f);
}
