/* SPDX-License-Identifier: MIT */
/*
 * Formatting one evaluated URL for `eval` (DESIGN §1.2): text (pactester's
 * "URL : RESULT" lines), JSON Lines, TSV. The diagnostics that go with a
 * record (errors, dropped result entries, alerts) are written here too so
 * every format reports the same facts.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/eval.h"
#include "cli/json.h"
#include "cli/lists.h"


static json_t *routes_json(const pp_result_t *r) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < r->nroutes; i++) {
    const pp_route_t *rt = &r->routes[i];
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(pp_route_type_name(rt->type)));
    if (rt->type != PP_ROUTE_DIRECT) {
      json_object_set_new(o, "host", pp_json_str(rt->host));
      json_object_set_new(o, "port", json_integer(rt->port));
    }
    json_array_append_new(arr, o);
  }
  return arr;
}


/* Machine-readable name of a per-URL failure (docs/json.md). */
static const char *error_code(pp_status_t st) {
  switch (st) {
  case PP_EBADURL: return "bad-url";
  case PP_ETIMEOUT: return "timeout";
  case PP_EMEMLIMIT: return "memory-limit";
  case PP_ETOOBIG: return "result-limit";
  case PP_ENOTSTRING: return "not-a-string";
  case PP_ENONASCII: return "non-ascii";
  case PP_EENGINE: return "engine";
  default: return "script";
  }
}

/* dns_problems: [{"name","cause","message"}] (docs/json.md). */
static json_t *dns_problems_json(const pp_eval_t *ev) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < ev->ndns_problems; i++) {
    const pp_dns_problem_t *p = &ev->dns_problems[i];
    json_t *o = json_object();
    json_object_set_new(o, "name", pp_json_str(p->name));
    json_object_set_new(o, "cause", json_string(pp_dns_failure_code(p->cause)));
    json_object_set_new(o, "message", json_string(pp_dns_failure_describe(p->cause)));
    json_array_append_new(arr, o);
  }
  return arr;
}

static const char *decided_by(const pp_eval_t *ev) {
  if (ev->implicit_bypass) return "implicit-bypass";
  if (ev->status == PP_EBADURL) return NULL;
  return "pac";
}

static void print_json(FILE *out, const pp_eval_t *ev) {
  json_t *o = json_object();
  json_object_set_new(o, "url", pp_json_str(ev->url));
  json_object_set_new(o, "pac_url", pp_json_str(ev->pac_url));
  json_object_set_new(o, "host", pp_json_str(ev->host));
  json_object_set_new(o, "raw", pp_json_str(ev->raw));
  json_object_set_new(o, "result", pp_json_str(ev->result.canonical));
  json_object_set_new(o, "routes", routes_json(&ev->result));
  if (ev->status == PP_OK) {
    json_object_set_new(o, "error", json_null());
  } else {
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(error_code(ev->status)));
    json_object_set_new(err, "message", pp_json_str(ev->error ? ev->error : pp_strerror(ev->status)));
    json_object_set_new(err, "line", ev->error_line > 0 ? json_integer(ev->error_line) : json_null());
    json_object_set_new(o, "error", err);
  }
  json_object_set_new(o, "alerts", pp_json_strlist(ev->alerts, ev->nalerts));
  json_object_set_new(o, "dns_problems", dns_problems_json(ev));
  json_object_set_new(o, "invalid", pp_json_strlist(ev->result.invalid, ev->result.ninvalid));
  json_object_set_new(o, "decided_by", pp_json_str(decided_by(ev)));
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) fprintf(out, "%s\n", s);
  free(s);
  json_decref(o);
}

/* TSV fields cannot hold tabs or newlines: like every control character
 * they are escaped (\t, \n; pp_safe). */
static void put_tsv_field(FILE *out, const char *s) {
  if (s) fputs(pp_safe(s), out);
}

static void print_text(FILE *out, const pp_eval_t *ev, bool bare) {
  const char *shown = ev->raw;
  if (!shown && ev->implicit_bypass) shown = ev->result.canonical;
  if (!shown) return; /* a failed URL has no answer line; the error is on stderr */
  /* escaped (pp_safe): an ordinary result is printed byte for byte as
   * pactester does; control characters are shown as \xHH (docs/security.md) */
  if (bare) fprintf(out, "%s\n", pp_safe(shown));
  else fprintf(out, "%s : %s\n", pp_safe(ev->url), pp_safe(shown));
}

/* What the emulated client does after a failure (pac-semantics.md §5). */
static const char *client_fallback(pp_emulation_t mode) {
  switch (mode) {
  case PP_EMU_CHROME: return "Chromium goes DIRECT";
  case PP_EMU_FIREFOX: return "Firefox goes DIRECT";
  case PP_EMU_WINHTTP: return "WinHTTP reports the error to the application";
  case PP_EMU_PACPARSER: return "pactester stops with an error";
  case PP_EMU_PAC_RESOLVER: return "pac-resolver throws to its caller";
  case PP_EMU_LIBPROXY: return "libproxy returns direct://";
  }
  return "the client goes DIRECT";
}

/* One warning per failure cause among the evaluation's DNS problems, with
 * the first name and how many; a lookup the deadline cut is already named
 * by the evaluation's timeout error. */
static void warn_dns_problems(const pp_eval_t *ev) {
  for (int c = PP_DNS_FAIL_TIMEOUT; c < PP_DNS_FAIL_COUNT; c++) {
    const char *first = NULL;
    size_t n = 0;
    for (size_t i = 0; i < ev->ndns_problems; i++)
      if ((int)ev->dns_problems[i].cause == c && n++ == 0) first = ev->dns_problems[i].name;
    if (!n || (c == PP_DNS_FAIL_DEADLINE && ev->status == PP_ETIMEOUT)) continue;
    const char *why = pp_dns_failure_describe((pp_dns_failure_t)c);
    if (c == PP_DNS_FAIL_CAPPED && n == 1)
      pp_msg_warn("%s: DNS lookup of %s not made: %s; the PAC got no address for it", ev->url,
                  first, why);
    else if (c == PP_DNS_FAIL_CAPPED)
      pp_msg_warn("%s: %zu DNS lookups not made: %s (first: %s); the PAC got no address for them",
                  ev->url, n, why, first);
    else if (n == 1)
      pp_msg_warn("%s: DNS lookup of %s failed: %s; the PAC got no address, as for a name that "
                  "does not exist", ev->url, first, why);
    else
      pp_msg_warn("%s: %zu DNS lookups failed: %s (first: %s); the PAC got no address for them, "
                  "as for names that do not exist", ev->url, n, why, first);
  }
  if (ev->dns_problems_unlisted)
    pp_msg_warn("%s: %zu more DNS lookups failed or were not made (only the first %d names are "
                "listed)", ev->url, ev->dns_problems_unlisted, PP_DNS_PROBLEMS_MAX);
}

void pp_eval_report(const pp_eval_report_t *rep, const pp_eval_t *ev) {
  if (ev->status == PP_EBADURL) {
    char *echo = pp_cli_echo(ev->url, strlen(ev->url), PP_CLI_ECHO_MAX);
    pp_msg_error("%s: '%s': %s", rep->where, echo ? echo : "", ev->error);
    free(echo);
  } else if (ev->status != PP_OK) {
    /* unsupported: the browser runs it, so its answer is unknown here */
    pp_msg_error("%s: %s (%s; result reported as DIRECT)", ev->url, ev->error,
                 ev->status == PP_EUNSUPPORTED ? "the browser's answer is not known"
                                               : client_fallback(rep->mode));
  } else if (ev->result.ninvalid > 0) {
    pp_str_t dropped = PP_STR_INIT;
    for (size_t i = 0; i < ev->result.ninvalid; i++)
      pp_str_printf(&dropped, "%s'%s'", i ? ", " : "", ev->result.invalid[i]);
    pp_msg_warn("%s: result \"%s\" has invalid entries %s; a browser uses \"%s\"", ev->url,
                ev->raw, dropped.s ? dropped.s : "", ev->result.canonical);
    pp_str_free(&dropped);
  } else if (ev->implicit_bypass && rep->format == PP_FMT_TEXT) {
    pp_msg_note("%s: implicit bypass: %s sends localhost, loopback and link-local DIRECT "
                "without running the PAC", ev->url, pp_emulation_name(rep->mode));
  }
  if (ev->ndns_problems || ev->dns_problems_unlisted) warn_dns_problems(ev);
  if (rep->format != PP_FMT_JSON)
    for (size_t i = 0; i < ev->nalerts; i++)
      pp_msg_raw("alert: %s: %s\n", pp_safe(ev->url), pp_safe(ev->alerts[i]));
  switch (rep->format) {
  case PP_FMT_JSON: print_json(stdout, ev); break;
  case PP_FMT_TSV:
    put_tsv_field(stdout, ev->url);
    fputc('\t', stdout);
    put_tsv_field(stdout, ev->result.canonical);
    fputc('\t', stdout);
    put_tsv_field(stdout, ev->status == PP_OK ? "" : ev->error);
    fputc('\n', stdout);
    break;
  case PP_FMT_TEXT: print_text(stdout, ev, rep->bare); break;
  }
}
