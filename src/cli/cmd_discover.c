/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe discover` (DESIGN §1.5): options into pp_discover_opts_t, one
 * library call, then the trace as text (one line per attempt, warnings,
 * the decision, the closing sentence of discover_closing.c) or one JSON
 * object (docs/json.md), and the --report page. Exit 0 when a usable
 * PAC was found, 1 when not, 2 on usage errors. The discovery is
 * src/wpad/discover.c.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/json.h"
#include "cli/hosting_out.h"
#include "cli/report/html.h"

typedef struct disc_run {
  pp_args_t a;
  pp_discover_opts_t o;
  pp_resolver_t *resolver;
  bool json;
  char *closing;        /* the closing sentence (discover_closing.c) */
  pp_outfile_t report;  /* --report */
} disc_run_t;

static int usage(const char *opt, const char *value, const char *why) {
  pp_msg_error("option --%s: bad value '%s': %s", opt, value, why);
  return PP_EXIT_USAGE;
}

static int setup(disc_run_t *r) {
  const pp_args_t *a = &r->a;
  const char *f = a->value[PP_OPT_FORMAT], *order = a->value[PP_OPT_ORDER];
  if (f && strcmp(f, "text") && strcmp(f, "json")) return usage("format", f, "expected text or json");
  r->json = f && !strcmp(f, "json");
  if (order && strcmp(order, "dhcp,dns") && strcmp(order, "dns,dhcp"))
    return usage("order", order, "expected dhcp,dns or dns,dhcp");
  if (a->positional.n) {
    pp_msg_error("discover: unexpected argument '%s' (see pacprobe discover --help)", a->positional.v[0]);
    return PP_EXIT_USAGE;
  }
  if (!(r->resolver = pp_resolver_new())) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  char err[512];
  for (size_t i = 0; i < a->list[PP_OPT_DNS_SERVER].n; i++)
    if (pp_resolver_add_server(r->resolver, a->list[PP_OPT_DNS_SERVER].v[i], err, sizeof(err)) != PP_OK)
      return usage("dns-server", a->list[PP_OPT_DNS_SERVER].v[i], err);
  pp_discover_opts_t *o = &r->o;
  pp_discover_opts_init(o);
  o->interfaces = a->list[PP_OPT_INTERFACE].v;
  o->ninterfaces = a->list[PP_OPT_INTERFACE].n;
  o->domains = a->list[PP_OPT_DOMAIN].v;
  o->ndomains = a->list[PP_OPT_DOMAIN].n;
  o->lease_files = a->list[PP_OPT_LEASE_FILE].v;
  o->nlease_files = a->list[PP_OPT_LEASE_FILE].n;
  o->no_dhcp = a->given[PP_OPT_NO_DHCP];
  o->no_dns = a->given[PP_OPT_NO_DNS];
  o->no_fetch = a->given[PP_OPT_NO_FETCH];
  o->dns_first = order && !strcmp(order, "dns,dhcp");
  o->dhcp_timeout_ms = (unsigned)a->count[PP_OPT_DHCP_TIMEOUT];
  o->dns_timeout_ms = (unsigned)a->count[PP_OPT_DNS_TIMEOUT];
  o->fetch_timeout_ms = (unsigned)a->count[PP_OPT_FETCH_TIMEOUT];
  o->devolution_level = (unsigned)a->count[PP_OPT_DEVOLUTION_LEVEL];
  o->resolver = r->resolver;
  return PP_EXIT_OK;
}

/* ---- text ------------------------------------------------------------------ */

static void fetch_summary(const pp_wpad_attempt_t *a, char *out, size_t len) {
  const pp_fetch_info_t *f = &a->fetch;
  int n = snprintf(out, len, "HTTP %ld, %zu bytes%s%s", f->http_status, f->bytes, f->content_type ? ", " : "",
                   f->content_type ? f->content_type : "");
  for (size_t i = 0; i < f->nredirects && n > 0 && (size_t)n < len; i++)
    n += snprintf(out + n, len - (size_t)n, "%s%s", i ? " -> " : ", redirected to ", f->redirects[i]);
}

/* The hosting findings of a fetch, under its line (docs/sources.md). */
static void print_hosting(const pp_wpad_attempt_t *a) {
  for (size_t i = 0; i < a->nhosting; i++)
    printf("      hosting %s: %s; %s\n", a->hosting[i].code, pp_safe(a->hosting[i].message),
           a->hosting[i].clients);
}

static void print_attempt(const pp_wpad_attempt_t *a) {
  char answer[2048];
  if (a->method == PP_WPAD_FETCH && a->fetch.code) fetch_summary(a, answer, sizeof(answer));
  else snprintf(answer, sizeof(answer), "%s", a->answer && *a->answer ? a->answer : "-");
  char asked[600];
  snprintf(asked, sizeof(asked), "%s%s%s%s", a->asked ? a->asked : "", a->via ? " (" : "", a->via ? a->via : "",
           a->via ? ")" : "");
  printf("%-5s %s -> %s  [%s%s%s, %.0f ms]%s%s\n", pp_wpad_method_name(a->method), pp_safe(asked),
         pp_safe(answer), pp_term_on(pp_term_verdict_style(a->result)), a->result ? pp_safe(a->result) : "?",
         pp_term_off(), a->ms, a->detail ? ": " : "", a->detail ? pp_safe(a->detail) : "");
  print_hosting(a);
}

/* The system's own detector next to pacprobe's (Windows only). */
static void print_os_method(const char *api, const char *name, const pp_wpad_os_method_t *m) {
  if (!m->asked) return;
  printf("os    %s %s -> %s  [%s, %.0f ms]; pacprobe -> %s: %s\n", api, name, m->url ? pp_safe(m->url) : "none",
         m->url ? "found" : m->error ? pp_safe(m->error) : "none", m->ms, m->ours ? pp_safe(m->ours) : "none",
         m->agrees ? "agree" : "DISAGREE");
}

static void print_os(const pp_wpad_os_view_t *v) {
  if (!v->api) return;
  if (!v->ran) {
    printf("os    %s -> [error]: %s\n", v->api, v->error ? pp_safe(v->error) : "?");
    return;
  }
  print_os_method(v->api, "dhcp", &v->dhcp);
  print_os_method(v->api, "dns", &v->dns);
  printf("os_agrees: %s\n", v->agrees ? "yes" : "no");
}

static void print_text(const disc_run_t *r, const pp_discovery_t *d) {
  for (size_t i = 0; i < d->nattempts; i++) print_attempt(&d->attempts[i]);
  for (size_t i = 0; i < d->nwarnings; i++) printf("warning %s: %s\n", d->warnings[i].code, pp_safe(d->warnings[i].message));
  printf("decided_by: %s\npac_url: %s\ntime: %.0f ms\n",
         d->decided_by ? pp_safe(d->decided_by) : "none", d->pac_url ? pp_safe(d->pac_url) : "none",
         d->ms);
  print_os(&d->os);
  if (r->closing) printf("\n%s%s%s\n", pp_term_on(PP_STYLE_BOLD), pp_safe(r->closing), pp_term_off());
}

/* ---- JSON -------------------------------------------------------------------- */

static json_t *jstr(const char *s) { return pp_json_str(s); }

static json_t *split_addrs(const char *s) {
  json_t *arr = json_array();
  while (s && *s) {
    size_t n = strcspn(s, ",");
    json_array_append_new(arr, json_stringn(s, n));
    s += n;
    s += strspn(s, ", ");
  }
  return arr;
}

static void fetch_fields(json_t *o, const pp_wpad_attempt_t *a) {
  const pp_fetch_info_t *f = &a->fetch;
  json_object_set_new(o, "url", jstr(a->asked));
  json_object_set_new(o, "offered_by", jstr(a->via));
  json_object_set_new(o, "status", f->http_status ? json_integer(f->http_status) : json_null());
  json_object_set_new(o, "content_type", jstr(f->content_type));
  json_object_set_new(o, "bytes", json_integer((json_int_t)f->bytes));
  json_t *r = json_array();
  for (size_t i = 0; i < f->nredirects; i++) json_array_append_new(r, jstr(f->redirects[i]));
  json_object_set_new(o, "redirects", r);
  json_object_set_new(o, "effective_url", jstr(f->effective_url));
  json_object_set_new(o, "hosting", pp_json_hosting(a->hosting, a->nhosting, 0));
}

static json_t *attempt_json(const pp_wpad_attempt_t *a) {
  json_t *o = json_object();
  json_object_set_new(o, "method", json_string(pp_wpad_method_name(a->method)));
  switch (a->method) {
  case PP_WPAD_DHCP:
  case PP_WPAD_LEASE:
    json_object_set_new(o, a->method == PP_WPAD_DHCP ? "interface" : "file", jstr(a->asked));
    json_object_set_new(o, a->method == PP_WPAD_DHCP ? "via" : "client", jstr(a->via));
    json_object_set_new(o, "server", jstr(a->server));
    json_object_set_new(o, "url", jstr(a->answer));
    break;
  case PP_WPAD_DNS:
    json_object_set_new(o, "name", jstr(a->asked));
    json_object_set_new(o, "addresses", split_addrs(a->answer));
    break;
  case PP_WPAD_FETCH: fetch_fields(o, a); break;
  }
  json_object_set_new(o, "result", jstr(a->result));
  json_object_set_new(o, "detail", jstr(a->detail));
  json_object_set_new(o, "ms", json_integer((json_int_t)(a->ms + 0.5)));
  return o;
}

static json_t *os_method_json(const pp_wpad_os_method_t *m) {
  if (!m->asked) return json_null();
  return json_pack("{s:o, s:o, s:o, s:b, s:I}", "url", jstr(m->url), "error", jstr(m->error), "pacprobe",
                   jstr(m->ours), "agrees", m->agrees, "ms", (json_int_t)(m->ms + 0.5));
}

static json_t *os_json(const pp_wpad_os_view_t *v) {
  return json_pack("{s:s, s:b, s:o, s:o, s:o, s:b}", "api", v->api, "ran", v->ran, "error", jstr(v->error),
                   "dhcp", os_method_json(&v->dhcp), "dns", os_method_json(&v->dns), "agrees", v->ran && v->agrees);
}

/* The object --format json prints and --report draws (docs/json.md). */
static json_t *discovery_json(const disc_run_t *r, const pp_discovery_t *d) {
  json_t *o = json_object(), *att = json_array(), *w = json_array();
  for (size_t i = 0; i < d->nattempts; i++) json_array_append_new(att, attempt_json(&d->attempts[i]));
  for (size_t i = 0; i < d->nwarnings; i++)
    json_array_append_new(w, json_pack("{s:s, s:o}", "code", d->warnings[i].code, "message",
                                       jstr(d->warnings[i].message)));
  json_object_set_new(o, "attempts", att);
  json_object_set_new(o, "pac_url", jstr(d->pac_url));
  json_object_set_new(o, "decided_by", jstr(d->decided_by));
  json_object_set_new(o, "warnings", w);
  json_object_set_new(o, "ms", json_integer((json_int_t)(d->ms + 0.5)));
  if (d->os.api) json_object_set_new(o, "os_detect", os_json(&d->os));
  json_object_set_new(o, "closing", jstr(r->closing));
  return o;
}

static void print_json(const disc_run_t *r, const pp_discovery_t *d) {
  json_t *o = discovery_json(r, d);
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) printf("%s\n", s);
  free(s);
  json_decref(o);
}

static void render(FILE *f, const void *root) { pp_report_discover(f, root); }

/* --report FILE.html (docs/report.md): false after a one-line error. */
static bool write_report(disc_run_t *r, const pp_discovery_t *d) {
  if (!r->report.f) return true;
  json_t *o = discovery_json(r, d);
  bool ok = o && pp_report_commit(&r->report, render, o);
  if (!o) pp_msg_error("out of memory");
  json_decref(o);
  return ok;
}

static void print_help(void) {
  printf("usage: pacprobe discover [options]\n\n"
         "Find the PAC as WPAD clients do: DHCPINFORM asking for option 252 (and\n"
         "lease files), then wpad.<domain> in DNS, then fetch and check the PAC;\n"
         "each fetch lists its PAC hosting findings (docs/sources.md) and the\n"
         "clients they affect.\n"
         "Every step is shown with its time and verdict.\n\noptions:\n");
  pp_options_help(stdout, PP_CMD_DISCOVER);
  printf("\nexit status: 0 a usable PAC was found, 1 nothing usable, 2 usage error\n");
}

int pp_cmd_discover(int argc, char **argv, int first) {
  disc_run_t r;
  pp_discovery_t d;
  memset(&r, 0, sizeof(r));
  memset(&d, 0, sizeof(d));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_DISCOVER, "discover", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  if (!pp_report_open(&r.report, &r.a)) {
    rc = PP_EXIT_USAGE;
    goto done;
  }
  pp_status_t st = pp_discover(&r.o, &d);
  if (st != PP_OK) {
    pp_msg_error("discover: %s", d.error ? d.error : pp_strerror(st));
    rc = PP_EXIT_USAGE;
    goto done;
  }
  r.closing = pp_discover_closing(&d, &r.o);
  if (r.json) print_json(&r, &d);
  else print_text(&r, &d);
  fflush(stdout);
  rc = d.pac_url ? PP_EXIT_OK : PP_EXIT_PROBLEM;
  if (!write_report(&r, &d)) rc = PP_EXIT_USAGE;
done:
  pp_cli_outfile_abort(&r.report);
  free(r.closing);
  pp_discovery_clear(&d);
  pp_resolver_free(r.resolver);
  pp_args_free(&r.a);
  return rc;
}
