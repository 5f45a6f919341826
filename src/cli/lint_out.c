/* SPDX-License-Identifier: MIT */
/*
 * The formats of `pacprobe lint` (docs/lint.md "Output formats"): text
 * (file:line:col: severity: message [rule]), one JSON object, SARIF 2.1.0
 * for code scanning (tests/lint/sarif-schema-2.1.0.json validates it),
 * JUnit XML (a suite per PAC, a failing case per finding) and GitHub
 * Actions workflow commands. Every finding carries its rule id and the
 * rule's documentation anchor, docs/lint.md#RULE.
 */
#include "cli/lint_out.h"

#include <jansson.h>
#include <string.h>

#include "cli/cli.h"

#ifndef PP_DOCS_URL
#define PP_DOCS_URL "https://github.com/pacprobe/pacprobe/blob/main/docs/lint.md"
#endif

static const char *const format_names[] = {"text", "json", "sarif", "junit", "github"};

bool pp_lint_format_parse(const char *name, pp_lint_format_t *fmt) {
  for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
    if (strcmp(name, format_names[i]) == 0) {
      *fmt = (pp_lint_format_t)i;
      return true;
    }
  return false;
}

void pp_lint_print_rules(FILE *out) {
  size_t n;
  const pp_lint_rule_t *r = pp_lint_rules(&n);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%-19s %-8s %s\n", r[i].id, pp_lint_severity_name(r[i].severity), r[i].summary);
}

/* ---- text and json ----------------------------------------------------------- */

static void print_text(FILE *out, const pp_lint_report_t *rep) {
  for (size_t i = 0; i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    pp_term_style_t st = d->severity == PP_LINT_ERROR     ? PP_STYLE_BAD
                         : d->severity == PP_LINT_WARNING ? PP_STYLE_WARN
                                                          : PP_STYLE_NOTE;
    fprintf(out, "%s:%d:%d: %s%s%s: %s [%s]\n", pp_safe(d->file), d->line, d->col, pp_term_on(st),
            pp_lint_severity_name(d->severity), pp_term_off(), pp_safe(d->message), d->code);
  }
}

void pp_lint_print_summary(FILE *out, size_t errors, size_t warnings, size_t notes) {
  fprintf(out, "%zu error%s, %zu warning%s", errors, errors == 1 ? "" : "s", warnings,
          warnings == 1 ? "" : "s");
  if (notes) fprintf(out, ", %zu note%s", notes, notes == 1 ? "" : "s");
  fprintf(out, "\n");
}

static json_t *json_report(const pp_lint_report_t *rep) {
  json_t *arr = json_array(), *o = json_object();
  for (size_t i = 0; arr && i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    json_array_append_new(arr, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}", "file", d->file,
                                         "line", d->line, "col", d->col, "severity",
                                         pp_lint_severity_name(d->severity), "code", d->code,
                                         "message", d->message));
  }
  if (!o || !arr) {
    json_decref(arr);
    json_decref(o);
    return NULL;
  }
  json_object_set_new(o, "diagnostics", arr);
  json_object_set_new(o, "errors", json_integer((json_int_t)rep->errors));
  json_object_set_new(o, "warnings", json_integer((json_int_t)rep->warnings));
  json_object_set_new(o, "notes", json_integer((json_int_t)rep->notes));
  return o;
}

/* ---- SARIF 2.1.0 --------------------------------------------------------------- */

static const char *sarif_level(pp_lint_severity_t s) {
  return s == PP_LINT_ERROR ? "error" : s == PP_LINT_WARNING ? "warning" : "note";
}

static json_t *sarif_rules(void) {
  size_t n;
  const pp_lint_rule_t *r = pp_lint_rules(&n);
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < n; i++) {
    char uri[256], anchor[64];
    snprintf(uri, sizeof(uri), "%s#%s", PP_DOCS_URL, r[i].id);
    snprintf(anchor, sizeof(anchor), "docs/lint.md#%s", r[i].id);
    json_array_append_new(
        arr, json_pack("{s:s, s:s, s:{s:s}, s:s, s:{s:s}, s:{s:s}}", "id", r[i].id, "name",
                       r[i].id, "shortDescription", "text", r[i].summary, "helpUri", uri, "help",
                       "text", anchor, "defaultConfiguration", "level",
                       sarif_level(r[i].severity)));
  }
  return arr;
}

static json_t *sarif_result(const pp_lint_diag_t *d) {
  size_t n;
  const pp_lint_rule_t *rules = pp_lint_rules(&n);
  const pp_lint_rule_t *r = pp_lint_rule_find(d->code);
  json_t *res = json_pack(
      "{s:s, s:s, s:{s:s}, s:[{s:{s:{s:s}, s:{s:i, s:i}}}]}", "ruleId", d->code, "level",
      sarif_level(d->severity), "message", "text", d->message, "locations", "physicalLocation",
      "artifactLocation", "uri", d->file, "region", "startLine", d->line, "startColumn", d->col);
  if (res && r) json_object_set_new(res, "ruleIndex", json_integer((json_int_t)(r - rules)));
  return res;
}

static json_t *sarif_report(const pp_lint_report_t *rep) {
  json_t *results = json_array();
  for (size_t i = 0; results && i < rep->n; i++)
    json_array_append_new(results, sarif_result(&rep->v[i]));
  json_t *driver = json_pack("{s:s, s:s, s:s, s:o}", "name", "pacprobe", "version", PP_VERSION,
                             "informationUri", PP_DOCS_URL, "rules", sarif_rules());
  if (!results || !driver) {
    json_decref(results);
    json_decref(driver);
    return NULL;
  }
  return json_pack("{s:s, s:s, s:[{s:{s:o}, s:o, s:s}]}", "$schema",
                   "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                   "tool", "driver", driver, "results", results, "columnKind",
                   "unicodeCodePoints");
}

static int dump_json(FILE *out, json_t *o) {
  int rc = PP_EXIT_OK;
  if (!o || json_dumpf(o, out, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER) != 0) {
    pp_msg_error("lint: cannot write the report (out of memory)");
    rc = PP_EXIT_USAGE;
  } else {
    fprintf(out, "\n");
  }
  json_decref(o);
  return rc;
}

/* ---- JUnit XML ------------------------------------------------------------------- */

static void xml_text(FILE *out, const char *s) {
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '<') fputs("&lt;", out);
    else if (ch == '>') fputs("&gt;", out);
    else if (ch == '&') fputs("&amp;", out);
    else if (ch == '"') fputs("&quot;", out);
    else if (ch < 0x20 && ch != '\t') fputc('?', out); /* not allowed in XML 1.0 */
    else fputc(ch, out);
  }
}

static void junit_suite(FILE *out, const pp_lint_report_t *rep, const char *file) {
  size_t failures = 0;
  for (size_t i = 0; i < rep->n; i++)
    failures += strcmp(rep->v[i].file, file) == 0 && rep->v[i].severity != PP_LINT_NOTE;
  fputs("  <testsuite name=\"", out);
  xml_text(out, file);
  fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", failures ? failures : 1,
          failures);
  if (!failures) {
    fputs("    <testcase classname=\"pacprobe.lint\" name=\"", out);
    xml_text(out, file);
    fputs("\"/>\n", out);
  }
  for (size_t i = 0; i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    if (strcmp(d->file, file) != 0 || d->severity == PP_LINT_NOTE) continue;
    fprintf(out, "    <testcase classname=\"pacprobe.lint.%s\" name=\"", d->code);
    xml_text(out, d->file);
    fprintf(out, ":%d:%d %s\">\n      <failure type=\"%s\" message=\"", d->line, d->col, d->code,
            pp_lint_severity_name(d->severity));
    xml_text(out, d->message);
    fputs("\">", out);
    xml_text(out, d->file);
    fprintf(out, ":%d:%d: %s: ", d->line, d->col, pp_lint_severity_name(d->severity));
    xml_text(out, d->message);
    fprintf(out, " [%s] (docs/lint.md#%s)</failure>\n    </testcase>\n", d->code, d->code);
  }
  fputs("  </testsuite>\n", out);
}

static void print_junit(FILE *out, const pp_lint_report_t *rep, const char *const *files,
                        size_t nfiles) {
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pacprobe lint\">\n", out);
  for (size_t f = 0; f < nfiles; f++) junit_suite(out, rep, files[f]);
  /* findings located in --urls lists: a suite per list */
  for (size_t i = 0; i < rep->n; i++) {
    bool known = false;
    for (size_t f = 0; f < nfiles && !known; f++) known = strcmp(rep->v[i].file, files[f]) == 0;
    for (size_t j = 0; j < i && !known; j++) known = strcmp(rep->v[j].file, rep->v[i].file) == 0;
    if (!known) junit_suite(out, rep, rep->v[i].file);
  }
  fputs("</testsuites>\n", out);
}

/* ---- GitHub Actions workflow commands --------------------------------------------- */

/* %, CR and LF always; ':' and ',' too in a property (file=, title=). */
static void gh_escape(FILE *out, const char *raw, bool property) {
  for (const char *s = pp_safe(raw); *s; s++) {
    if (*s == '%') fputs("%25", out);
    else if (*s == '\r') fputs("%0D", out);
    else if (*s == '\n') fputs("%0A", out);
    else if (property && *s == ':') fputs("%3A", out);
    else if (property && *s == ',') fputs("%2C", out);
    else fputc(*s, out);
  }
}

static void print_github(FILE *out, const pp_lint_report_t *rep) {
  for (size_t i = 0; i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    fprintf(out, "::%s file=", d->severity == PP_LINT_ERROR     ? "error"
                               : d->severity == PP_LINT_WARNING ? "warning"
                                                                : "notice");
    gh_escape(out, d->file, true);
    fprintf(out, ",line=%d,col=%d,title=pacprobe lint %s::", d->line, d->col, d->code);
    gh_escape(out, d->message, false);
    fprintf(out, " (docs/lint.md#%s)\n", d->code);
  }
}

int pp_lint_print(FILE *out, pp_lint_format_t fmt, const pp_lint_report_t *rep,
                  const char *const *files, size_t nfiles) {
  switch (fmt) {
  case PP_LINT_FMT_JSON: return dump_json(out, json_report(rep));
  case PP_LINT_FMT_SARIF: return dump_json(out, sarif_report(rep));
  case PP_LINT_FMT_JUNIT: print_junit(out, rep, files, nfiles); break;
  case PP_LINT_FMT_GITHUB: print_github(out, rep); break;
  default:
    print_text(out, rep);
    pp_lint_print_summary(out, rep->errors, rep->warnings, rep->notes);
    break;
  }
  return PP_EXIT_OK;
}

void pp_lint_print_findings(FILE *out, pp_lint_format_t fmt, const pp_lint_report_t *rep) {
  if (fmt == PP_LINT_FMT_GITHUB) print_github(out, rep);
  else print_text(out, rep);
}
