/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe explain -p PAC URL` (DESIGN §1.3): one evaluation with the
 * engine's trace on, told as a story: helper calls, DNS lookups, alerts,
 * returns, then the deciding return quoted from the PAC with a caret, the
 * raw and canonical result and the routes. Text for people, --format json
 * for programs (docs/json.md "explain"). The trace itself is the library's.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"
#include "cli/json.h"
#include "cli/report/html.h"
#include "util/buf.h"
#include "util/str.h"

typedef struct explain_run {
  pp_args_t a;
  pp_cli_env_t env;
  pp_engine_t *engine;
  bool json;
  const char *name; /* PAC name used in locations */
  char *text;       /* the PAC source, for quoting lines */
  size_t len;
  pp_outfile_t report; /* --report */
  json_t *report_json;
} explain_run_t;

static const char *source_name(pp_dns_source_t s, bool text) {
  switch (s) {
  case PP_DNS_SRC_LITERAL: return "literal";
  case PP_DNS_SRC_OVERRIDE: return text ? "--resolve" : "override";
  case PP_DNS_SRC_HOSTS: return text ? "--hosts" : "hosts";
  case PP_DNS_SRC_SERVER: return "server";
  case PP_DNS_SRC_OFFLINE: return text ? "offline (--no-dns)" : "offline";
  case PP_DNS_SRC_CAPPED:
    return text ? "not asked: Chromium's cap of 20 distinct lookups per evaluation" : "capped";
  }
  return "server";
}

/* Line `line` of the PAC (1-based) without its terminator; NULL if none.
 * *n gets its length. Lines end where the engine's line numbers say they
 * do, so a file with lone CRs is quoted right too. */
static const char *source_line(const explain_run_t *r, int line, size_t *n) {
  const char *p = r->text, *end = r->text + r->len, *start = p;
  int at = 1;
  while (p < end) {
    size_t t = pp_js_line_end(p, end);
    if (!t) {
      p++;
      continue;
    }
    if (at == line) break;
    p += t;
    start = p;
    at++;
  }
  if (at != line) return NULL;
  *n = (size_t)(p - start);
  return start;
}

static void print_location(const explain_run_t *r, int line, int col) {
  if (line <= 0) return;
  if (col > 0) printf("  %s:%d:%d", pp_safe(r->name), line, col);
  else printf("  %s:%d", pp_safe(r->name), line);
}

/* Code points of s (UTF-8), the width of escaped text on a terminal. */
static size_t columns(const char *s) {
  size_t c = 0;
  for (; *s; s++) c += ((unsigned char)*s & 0xC0) != 0x80;
  return c;
}

/* "   12 | text" then a caret under column col (col counts code points, so
 * a multi-byte character is one column). The line is the PAC's own text:
 * escaped (pp_safe), and the caret counts the escapes' width. */
static void print_quote(const explain_run_t *r, int line, int col) {
  size_t n = 0;
  const char *p = source_line(r, line, &n);
  if (!p) return;
  char *text = pp_strndup(p, n);
  if (!text) return;
  printf("  %5d | %s\n", line, pp_safe(text));
  if (col > 0) {
    size_t i = 0; /* the byte where column col starts */
    for (int c = 1; i < n && c < col; c++)
      for (i++; i < n && ((unsigned char)p[i] & 0xC0) == 0x80; i++) {}
    text[i] = '\0';
    printf("        | %*s^\n", (int)columns(pp_safe(text)), "");
  }
  free(text);
}

static void print_entry(const explain_run_t *r, size_t i, const pp_trace_entry_t *t) {
  printf("%3zu. ", i + 1);
  switch (t->kind) {
  case PP_TRACE_CALL: {
    const char *args = t->args ? t->args : "[]";
    size_t an = strlen(args);
    char *inner = pp_strndup(an >= 2 ? args + 1 : "", an >= 2 ? an - 2 : 0);
    printf("call    %s(%s) -> %s", pp_safe(t->fn), pp_safe(inner ? inner : "?"),
           pp_safe(t->result ? t->result : "(threw)"));
    free(inner);
    print_location(r, t->line, t->col);
    break;
  }
  case PP_TRACE_DNS:
    printf("dns     %s -> ", pp_safe(t->text));
    if (t->nanswers == 0) printf("(no answer)");
    for (size_t k = 0; k < t->nanswers; k++) printf("%s%s", k ? ", " : "", pp_safe(t->answers[k]));
    printf("  [%s, %.1f ms", source_name(t->source, true), t->ms);
    /* "does not exist" and the cap are what the answer and source say already */
    if (t->failure != PP_DNS_FAIL_NONE && t->failure != PP_DNS_FAIL_NOT_FOUND &&
        t->failure != PP_DNS_FAIL_CAPPED)
      printf(", %s", pp_dns_failure_describe(t->failure));
    putchar(']');
    break;
  case PP_TRACE_ALERT:
    printf("alert   %s", pp_safe(t->text));
    print_location(r, t->line, 0);
    break;
  case PP_TRACE_RETURN:
    printf("return ");
    print_location(r, t->line, t->col);
    if (t->depth > 1) printf("  (in a function %d call%s below FindProxyForURL)", t->depth - 1,
                             t->depth > 2 ? "s" : "");
    break;
  }
  putchar('\n');
}

static void print_text(const explain_run_t *r, const pp_eval_t *ev) {
  printf("PAC      %s (emulating %s)\n", pp_safe(r->name), pp_emulation_name(r->env.opts.emulate));
  printf("URL      %s\n", pp_safe(ev->url));
  if (ev->pac_url && !ev->implicit_bypass)
    printf("passed   FindProxyForURL(\"%s\", \"%s\")\n", pp_safe(ev->pac_url), pp_safe(ev->host));
  if (ev->implicit_bypass) {
    printf("\nThe PAC did not run: %s sends localhost, loopback and link-local URLs DIRECT "
           "(implicit bypass).\n", pp_emulation_name(r->env.opts.emulate));
  } else if (ev->pac_url) {
    printf("\ntrace:\n");
    if (ev->ntrace == 0) printf("  (no helper calls, lookups, alerts or returns recorded)\n");
    for (size_t i = 0; i < ev->ntrace; i++) print_entry(r, i, &ev->trace[i]);
    if (ev->trace_truncated) printf("  ... (trace truncated after %d entries)\n", PP_TRACE_MAX);
  }
  if (ev->decided_line > 0) {
    printf("\ndecided at %s:%d:%d\n", pp_safe(r->name), ev->decided_line, ev->decided_col);
    print_quote(r, ev->decided_line, ev->decided_col);
    if (ev->origin_line > 0 && (ev->origin_line != ev->decided_line ||
                                ev->origin_col != ev->decided_col)) {
      printf("value from %s:%d:%d\n", pp_safe(r->name), ev->origin_line, ev->origin_col);
      print_quote(r, ev->origin_line, ev->origin_col);
    }
  }
  if (ev->status != PP_OK) {
    printf("\nerror    %s\n", pp_safe(ev->error ? ev->error : pp_strerror(ev->status)));
    if (ev->error_line > 0) print_quote(r, ev->error_line, 0);
  }
  printf("\nraw      %s\n", ev->raw ? pp_safe(ev->raw) : "(none)");
  printf("result   %s\n", pp_safe(ev->result.canonical));
  for (size_t i = 0; i < ev->result.nroutes; i++) {
    const pp_route_t *rt = &ev->result.routes[i];
    printf("route %zu  %s", i + 1, pp_route_type_name(rt->type));
    if (rt->host) printf(" %s%s%s:%d", strchr(rt->host, ':') ? "[" : "", pp_safe(rt->host),
                         strchr(rt->host, ':') ? "]" : "", rt->port);
    putchar('\n');
  }
  for (size_t i = 0; i < ev->result.ninvalid; i++)
    printf("dropped  %s (not valid PAC result grammar)\n", pp_safe(ev->result.invalid[i]));
}

/* ---- JSON --------------------------------------------------------------- */

/* pp_json_str: text that is not UTF-8 keeps its ASCII, each other byte
 * shown as U+FFFD */
static json_t *jstr(const char *s) { return pp_json_str(s); }

static json_t *jraw(const char *json_text) {
  json_t *j = json_text ? json_loads(json_text, JSON_DECODE_ANY, NULL) : NULL;
  return j ? j : json_null();
}

static json_t *entry_json(const pp_trace_entry_t *t) {
  json_t *o = json_object();
  static const char *const kinds[] = {"call", "dns", "alert", "return"};
  json_object_set_new(o, "kind", json_string(kinds[t->kind]));
  switch (t->kind) {
  case PP_TRACE_CALL:
    json_object_set_new(o, "fn", jstr(t->fn));
    json_object_set_new(o, "args", t->args ? jraw(t->args) : json_array());
    json_object_set_new(o, "result", jraw(t->result));
    json_object_set_new(o, "line", json_integer(t->line));
    json_object_set_new(o, "col", json_integer(t->col));
    break;
  case PP_TRACE_DNS: {
    json_t *ans = json_array();
    for (size_t k = 0; k < t->nanswers; k++) json_array_append_new(ans, jstr(t->answers[k]));
    json_object_set_new(o, "host", jstr(t->text));
    json_object_set_new(o, "answers", ans);
    json_object_set_new(o, "source", json_string(source_name(t->source, false)));
    json_object_set_new(o, "failure", t->failure == PP_DNS_FAIL_NONE
                                          ? json_null()
                                          : json_string(pp_dns_failure_code(t->failure)));
    json_object_set_new(o, "ms", json_real(t->ms));
    break;
  }
  case PP_TRACE_ALERT:
    json_object_set_new(o, "message", jstr(t->text));
    json_object_set_new(o, "line", json_integer(t->line));
    break;
  case PP_TRACE_RETURN:
    json_object_set_new(o, "line", json_integer(t->line));
    json_object_set_new(o, "col", json_integer(t->col));
    json_object_set_new(o, "depth", json_integer(t->depth));
    break;
  }
  return o;
}

static json_t *at_json(const explain_run_t *r, int line, int col) {
  if (line <= 0) return json_null();
  size_t n = 0;
  const char *p = source_line(r, line, &n);
  char *src = p ? pp_strndup(p, n) : NULL;
  json_t *o = json_object();
  json_object_set_new(o, "line", json_integer(line));
  json_object_set_new(o, "col", json_integer(col));
  json_object_set_new(o, "source", jstr(src));
  free(src);
  return o;
}

static json_t *routes_json(const pp_result_t *res) {
  json_t *arr = json_array();
  for (size_t i = 0; i < res->nroutes; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(pp_route_type_name(res->routes[i].type)));
    if (res->routes[i].host) {
      json_object_set_new(o, "host", jstr(res->routes[i].host));
      json_object_set_new(o, "port", json_integer(res->routes[i].port));
    }
    json_array_append_new(arr, o);
  }
  return arr;
}

/* The object --format json prints and --report draws (docs/json.md). */
static json_t *explain_json(const explain_run_t *r, const pp_eval_t *ev) {
  json_t *o = json_object(), *trace = json_array();
  for (size_t i = 0; i < ev->ntrace; i++) json_array_append_new(trace, entry_json(&ev->trace[i]));
  const char *note = pp_engine_instrument_note(r->engine);
  json_object_set_new(o, "url", jstr(ev->url));
  json_object_set_new(o, "pac_url", jstr(ev->pac_url));
  json_object_set_new(o, "host", jstr(ev->host));
  json_object_set_new(o, "emulate", json_string(pp_emulation_name(r->env.opts.emulate)));
  json_object_set_new(o, "trace", trace);
  json_object_set_new(o, "trace_truncated", json_boolean(ev->trace_truncated));
  json_object_set_new(o, "decided_at", at_json(r, ev->decided_line, ev->decided_col));
  json_object_set_new(o, "value_from", at_json(r, ev->origin_line, ev->origin_col));
  json_object_set_new(o, "raw", jstr(ev->raw));
  json_object_set_new(o, "result", jstr(ev->result.canonical));
  json_object_set_new(o, "routes", routes_json(&ev->result));
  if (ev->status == PP_OK) {
    json_object_set_new(o, "error", json_null());
  } else {
    json_t *err = json_object();
    json_object_set_new(err, "message", jstr(ev->error ? ev->error : pp_strerror(ev->status)));
    json_object_set_new(err, "line", ev->error_line > 0 ? json_integer(ev->error_line) : json_null());
    json_object_set_new(o, "error", err);
  }
  json_object_set_new(o, "decided_by", ev->implicit_bypass ? json_string("implicit-bypass")
                                        : ev->pac_url ? json_string("pac") : json_null());
  json_object_set_new(o, "instrumentation", *note ? json_string(note) : json_null());
  return o;
}

static void print_json(const explain_run_t *r, const pp_eval_t *ev) {
  json_t *o = explain_json(r, ev);
  char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) printf("%s\n", s);
  free(s);
  json_decref(o);
}

/* ---- the command --------------------------------------------------------- */

static void render(FILE *f, const void *vr) {
  const explain_run_t *r = vr;
  pp_report_explain(f, r->report_json, r->text, r->len);
}

/* --report FILE.html (docs/report.md): false after a one-line error. */
static bool write_report(explain_run_t *r, const pp_eval_t *ev) {
  if (!r->report.f) return true;
  r->report_json = explain_json(r, ev);
  bool ok = r->report_json && pp_report_commit(&r->report, render, r);
  if (!r->report_json) pp_msg_error("out of memory");
  json_decref(r->report_json);
  r->report_json = NULL;
  return ok;
}

static void print_help(void) {
  printf("usage: pacprobe explain -p PAC [options] URL\n\n"
         "Evaluate one URL and tell the story: every PAC helper call with its arguments\n"
         "and result, every DNS lookup, alert() and return, and the return statement\n"
         "that decided the result, quoted from the PAC.\n\noptions:\n");
  pp_options_help(stdout, PP_CMD_EXPLAIN);
  printf("\nexit status: 0 evaluated, 1 the evaluation failed (the trace up to the failure\n"
         "is printed), 2 usage error or unusable PAC\n");
}

static int setup(explain_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (f && strcmp(f, "json") == 0) r->json = true;
  else if (f && strcmp(f, "text") != 0) return pp_cli_usage_error("format", f, "expected text or json");
  int rc = pp_cli_env_setup(&r->env, &r->a);
  if (rc) return rc;
  r->env.opts.trace = true;
  const char *pac = r->a.value[PP_OPT_PAC];
  if (!pac) {
    pp_msg_error("explain: no PAC given (use -p FILE|URL|-)");
    return PP_EXIT_USAGE;
  }
  if (r->a.positional.n != 1) {
    pp_msg_error("explain: give exactly one URL (got %zu)", r->a.positional.n);
    return PP_EXIT_USAGE;
  }
  if ((rc = pp_cli_read_pac(pac, r->env.opts.emulate, &r->text, &r->len))) return rc;
  r->name = pp_cli_pac_name(pac);
  if (!pp_report_open(&r->report, &r->a)) return PP_EXIT_USAGE;
  return pp_cli_load_engine(&r->env.opts, r->text, r->len, r->name, &r->engine);
}

int pp_cmd_explain(int argc, char **argv, int first) {
  explain_run_t r;
  memset(&r, 0, sizeof(r));
  pp_eval_t ev;
  memset(&ev, 0, sizeof(ev));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_EXPLAIN, "explain", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  const char *note = pp_engine_instrument_note(r.engine);
  if (*note && !r.json) pp_msg_note("%s: the deciding return cannot be shown", note);
  if (pp_engine_eval(r.engine, r.a.positional.v[0], r.a.value[PP_OPT_HOST], &ev) == PP_ENOMEM) {
    pp_msg_error("out of memory");
    rc = PP_EXIT_USAGE;
    goto done;
  }
  if (r.json) print_json(&r, &ev);
  else print_text(&r, &ev);
  if (ev.status != PP_OK) pp_msg_error("%s: %s", ev.url, ev.error ? ev.error : pp_strerror(ev.status));
  rc = ev.status == PP_OK ? PP_EXIT_OK : PP_EXIT_PROBLEM;
  if (!write_report(&r, &ev)) rc = PP_EXIT_USAGE;
done:
  pp_cli_outfile_abort(&r.report);
  fflush(stdout);
  pp_eval_clear(&ev);
  pp_engine_free(r.engine);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  free(r.text);
  return rc;
}
