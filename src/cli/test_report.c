/* SPDX-License-Identifier: MIT */
/*
 * What `pacprobe test` prints (DESIGN §1.4, docs/json.md): text failure lines
 * and the exact "N passed, N failed" summary, TAP version 13, one JSON object,
 * a JUnit XML file, and the return coverage lines. Running the cases and
 * keeping their environment is src/cli/cmd_test.c's job.
 */
#include "cli/test_report.h"

#include "cli/json.h"
#include "cli/report/html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int pp_test_report_begin(pp_test_report_t *r, const char *junit_path, bool overwrite) {
  if (junit_path && !pp_cli_outfile_open(&r->junit_file, "junit", junit_path, overwrite))
    return PP_EXIT_USAGE;
  r->junit = r->junit_file.f;
  if ((r->format == PP_TEST_JSON || r->html.f) && !(r->json_cases = json_array())) r->oom = true;
  if (r->format == PP_TEST_TAP) printf("TAP version 13\n1..%zu\n", r->planned);
  return PP_EXIT_OK;
}

void pp_test_report_free(pp_test_report_t *r) {
  pp_cli_outfile_abort(&r->junit_file);
  pp_cli_outfile_abort(&r->html);
  pp_str_free(&r->junit_cases);
  json_decref(r->json_cases);
  memset(r, 0, sizeof(*r));
}

/* "ERROR (message)" for a failed evaluation, the canonical result otherwise. */
static void put_actual(pp_str_t *s, const pp_test_outcome_t *o) {
  if (o->error) pp_str_printf(s, "ERROR (%s)", o->error);
  else pp_str_puts(s, o->actual);
}

/* XML 1.0 text and attribute values: the five entities, and control
 * characters (not allowed in XML 1.0) shown as U+FFFD. */
static void xml_escape(pp_str_t *s, const char *t) {
  for (; t && *t; t++) {
    unsigned char c = (unsigned char)*t;
    switch (c) {
    case '&': pp_str_puts(s, "&amp;"); break;
    case '<': pp_str_puts(s, "&lt;"); break;
    case '>': pp_str_puts(s, "&gt;"); break;
    case '"': pp_str_puts(s, "&quot;"); break;
    case '\'': pp_str_puts(s, "&apos;"); break;
    default:
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') pp_str_puts(s, "&#xFFFD;");
      else pp_str_putc(s, (char)c);
    }
  }
}

static void junit_case(pp_test_report_t *r, const pp_test_outcome_t *o, const char *why) {
  pp_str_t *s = &r->junit_cases;
  pp_str_puts(s, "  <testcase name=\"");
  xml_escape(s, o->url);
  pp_str_puts(s, "\" classname=\"");
  xml_escape(s, r->cases_name);
  if (o->ok) {
    pp_str_puts(s, "\"/>\n");
    return;
  }
  pp_str_puts(s, "\">\n    <failure type=\"mismatch\" message=\"");
  xml_escape(s, why);
  pp_str_puts(s, "\">");
  pp_str_t where = PP_STR_INIT;
  pp_str_printf(&where, "%s:%lu: %s: %s", r->cases_name, o->line, o->url, why);
  xml_escape(s, where.s);
  pp_str_free(&where);
  pp_str_puts(s, "</failure>\n  </testcase>\n");
}

/* TAP 13: a YAML block under each "not ok" says what differed. */
static void tap_case(const pp_test_report_t *r, const pp_test_outcome_t *o, const char *why) {
  size_t n = r->passed + r->failed;
  /* '#' starts a TAP directive (SKIP, TODO): escaped in the description */
  printf("%sok %zu - ", o->ok ? "" : "not ", n);
  for (const char *p = pp_safe(o->url); *p; p++) {
    if (*p == '#') fputs("\\#", stdout);
    else putchar(*p);
  }
  putchar('\n');
  if (o->ok) return;
  json_t *j[3] = {json_string(why), json_string(o->expected), json_string(r->cases_name)};
  char *q[3];
  for (int i = 0; i < 3; i++) q[i] = j[i] ? json_dumps(j[i], JSON_ENCODE_ANY | JSON_ENSURE_ASCII) : NULL;
  printf("  ---\n  message: %s\n  expected: %s\n  file: %s\n  line: %lu\n  ...\n",
         q[0] ? q[0] : "\"\"", q[1] ? q[1] : "\"\"", q[2] ? q[2] : "\"\"", o->line);
  for (int i = 0; i < 3; i++) {
    free(q[i]);
    json_decref(j[i]);
  }
}

/* NULL (or text that is not UTF-8) becomes JSON null. */
/* pp_json_str: a case URL that is not UTF-8 keeps its ASCII (json_string
 * would give NULL and the URL would be null) */
static json_t *jstr(const char *s) { return pp_json_str(s); }

static void json_case(pp_test_report_t *r, const pp_test_outcome_t *o) {
  json_t *c = json_object();
  if (!c) {
    r->oom = true;
    return;
  }
  json_object_set_new(c, "line", json_integer((json_int_t)o->line));
  json_object_set_new(c, "url", jstr(o->url));
  json_object_set_new(c, "expected", jstr(o->expected));
  json_object_set_new(c, "actual", jstr(o->actual));
  json_object_set_new(c, "ok", json_boolean(o->ok));
  json_object_set_new(c, "error", jstr(o->error));
  if (json_array_append_new(r->json_cases, c) != 0) r->oom = true;
}

void pp_test_report_case(pp_test_report_t *r, const pp_test_outcome_t *o) {
  if (o->ok) r->passed++;
  else r->failed++;
  pp_str_t why = PP_STR_INIT;
  pp_str_printf(&why, "expected %s, got ", o->expected);
  put_actual(&why, o);
  const char *w = why.s ? why.s : "";
  if (why.oom) r->oom = true;
  if (r->junit) junit_case(r, o, w);
  switch (r->format) {
  case PP_TEST_TEXT:
    if (!o->ok) printf("%s:%lu: %s: %s\n", pp_safe(r->cases_name), o->line, pp_safe(o->url), pp_safe(w));
    break;
  case PP_TEST_TAP: tap_case(r, o, w); break;
  case PP_TEST_JSON: break;
  }
  if (r->json_cases) json_case(r, o); /* --format json, --report */
  pp_str_free(&why);
}

static json_t *coverage_json(const pp_return_site_t *sites, size_t n) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer(sites[i].line));
    json_object_set_new(o, "col", json_integer(sites[i].col));
    json_object_set_new(o, "hits", json_integer((json_int_t)sites[i].hits));
    json_array_append_new(arr, o);
  }
  return arr;
}

/* DESIGN §1.4: "PAC:LINE:COL: return hit N times" / "... return not reached";
 * TAP keeps them as comments so the stream stays valid TAP. */
static void coverage_text(const pp_test_report_t *r, const pp_return_site_t *sites, size_t n) {
  const char *lead = r->format == PP_TEST_TAP ? "# " : "";
  size_t reached = 0;
  for (size_t i = 0; i < n; i++) {
    if (sites[i].hits > 0) {
      reached++;
      printf("%s%s:%d:%d: return hit %lu times\n", lead, pp_safe(r->pac_name), sites[i].line, sites[i].col,
             sites[i].hits);
    } else {
      printf("%s%s:%d:%d: return not reached\n", lead, pp_safe(r->pac_name), sites[i].line, sites[i].col);
    }
  }
  printf("%scoverage: %zu of %zu return statements reached\n", lead, reached, n);
}

/* The object --format json prints and --report draws (docs/json.md). */
static json_t *test_json(pp_test_report_t *r, bool coverage, const pp_return_site_t *sites,
                         size_t nsites) {
  json_t *o = json_object();
  if (!o) {
    r->oom = true;
    return NULL;
  }
  json_object_set(o, "cases", r->json_cases);
  json_object_set_new(o, "passed", json_integer((json_int_t)r->passed));
  json_object_set_new(o, "failed", json_integer((json_int_t)r->failed));
  json_object_set_new(o, "coverage", coverage ? coverage_json(sites, nsites) : json_null());
  return o;
}

static void print_json(pp_test_report_t *r, bool coverage, const pp_return_site_t *sites,
                       size_t nsites) {
  json_t *o = test_json(r, coverage, sites, nsites);
  if (!o) return;
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) printf("%s\n", s);
  else r->oom = true;
  free(s);
  json_decref(o);
}

static bool write_junit(pp_test_report_t *r) {
  pp_str_t head = PP_STR_INIT;
  pp_str_puts(&head, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"");
  xml_escape(&head, r->cases_name);
  pp_str_printf(&head, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
                r->passed + r->failed, r->failed);
  bool ok = !head.oom && !r->junit_cases.oom;
  if (ok) {
    fputs(head.s, r->junit);
    if (r->junit_cases.s) fputs(r->junit_cases.s, r->junit);
    fputs("</testsuite>\n</testsuites>\n", r->junit);
  }
  pp_str_free(&head);
  r->junit = NULL;
  if (!ok) {
    pp_cli_outfile_abort(&r->junit_file);
    pp_msg_error("option --junit: out of memory; the report is not written");
    return false;
  }
  return pp_cli_outfile_commit(&r->junit_file);
}

static void render(FILE *f, const void *vr) {
  const pp_test_report_t *r = vr;
  pp_report_test(f, r->html_json, r->pac_text, r->pac_len);
}

/* --report FILE.html (docs/report.md): false after a one-line error. */
static bool write_html(pp_test_report_t *r, bool coverage, const pp_return_site_t *sites,
                       size_t nsites) {
  if (!r->html.f) return true;
  r->html_json = test_json(r, coverage, sites, nsites);
  if (r->html_json) {
    json_object_set_new(r->html_json, "pac", pp_json_str(r->pac_name));
    json_object_set_new(r->html_json, "cases_file", pp_json_str(r->cases_name));
  }
  bool ok = r->html_json && pp_report_commit(&r->html, render, r);
  json_decref(r->html_json);
  r->html_json = NULL;
  return ok;
}

int pp_test_report_end(pp_test_report_t *r, bool coverage, const pp_return_site_t *sites,
                       size_t nsites) {
  switch (r->format) {
  case PP_TEST_TEXT: printf("%zu passed, %zu failed\n", r->passed, r->failed); break;
  case PP_TEST_TAP: printf("# %zu passed, %zu failed\n", r->passed, r->failed); break;
  case PP_TEST_JSON: print_json(r, coverage, sites, nsites); break;
  }
  if (coverage && r->format != PP_TEST_JSON) coverage_text(r, sites, nsites);
  fflush(stdout);
  if (r->junit && !write_junit(r)) return PP_EXIT_USAGE;
  if (!r->oom && !write_html(r, coverage, sites, nsites)) return PP_EXIT_USAGE;
  if (r->oom) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  return r->failed ? PP_EXIT_PROBLEM : PP_EXIT_OK;
}
