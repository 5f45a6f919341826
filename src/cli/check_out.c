/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe check` output (DESIGN §1.7): a table of targets, then per target
 * the chain that decided it and every attempt, then a summary; the JSON
 * object of §1.7; JUnit XML with one testcase per target. Nothing here can
 * print the proxy password: it is never part of the data handed in.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "cli/check_consumer.h"
#include "cli/json.h"
#include "util/str.h"

const char *pp_ck_verdict(const pp_ck_target_t *t) {
  if (t->pac_error && !t->spec.nroutes) return "pac-error"; /* no consumer rule went on */
  return t->res.verdict ? t->res.verdict : "unreachable";
}

static const pp_attempt_t *decided(const pp_ck_target_t *t) {
  return t->res.decided >= 0 ? &t->res.attempts[t->res.decided] : NULL;
}

static double target_ms(const pp_ck_target_t *t) {
  double ms = 0;
  for (size_t i = 0; i < t->res.nattempts; i++)
    if (t->res.attempts[i].total_ms > 0) ms += t->res.attempts[i].total_ms;
  return ms;
}

static size_t count_ok(const pp_ck_t *ck) {
  size_t ok = 0;
  for (size_t i = 0; i < ck->n; i++) ok += strcmp(pp_ck_verdict(&ck->t[i]), "ok") == 0;
  return ok;
}

/* ---- text ---- */

/* Attempts shown one by one in the `decided by` line: the first ones and
 * the last; the failures between them are counted by error code. */
#define CHAIN_HEAD 3

static void print_step(FILE *out, const pp_attempt_t *a) {
  if (a->ok) fprintf(out, " → %s ok", pp_safe(a->route));
  else fprintf(out, " → %s failed (%s)", pp_safe(a->route), a->error_code ? a->error_code : "?");
}

/* " → N more failed (refused ×N, timeout ×M)" for attempts [from, to). */
static void print_skipped(FILE *out, const pp_attempt_t *v, size_t from, size_t to) {
  fprintf(out, " → %zu more attempts (", to - from);
  for (size_t i = from; i < to; i++) {
    const char *code = v[i].ok ? "ok" : v[i].error_code ? v[i].error_code : "?";
    bool seen = false;
    for (size_t k = from; k < i && !seen; k++)
      seen = strcmp(v[k].ok ? "ok" : v[k].error_code ? v[k].error_code : "?", code) == 0;
    if (seen) continue;
    size_t n = 0;
    for (size_t k = i; k < to; k++)
      n += strcmp(v[k].ok ? "ok" : v[k].error_code ? v[k].error_code : "?", code) == 0;
    fprintf(out, "%s%s ×%zu", i > from ? ", " : "", code, n);
  }
  fputc(')', out);
}

/* Why PAC entries were left untried (pp_check_result_t.untried). */
static void print_untried(FILE *out, const pp_check_result_t *r, unsigned max_time_ms, const char *sep) {
  if (!r->untried) return;
  if (r->untried_deadline)
    fprintf(out, "%s%zu more PAC entr%s not tried: the target's --max-time (%u ms) ran out", sep,
            r->untried, r->untried == 1 ? "y" : "ies", max_time_ms);
  else
    fprintf(out, "%s%zu more PAC entr%s not tried: at most %d routes are tried per target", sep,
            r->untried, r->untried == 1 ? "y" : "ies", PP_CHECK_MAX_ROUTES);
}

static void print_chain(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t) {
  fputs("  decided by: ", out);
  for (size_t i = 0; i < t->ndecided_by; i++) fprintf(out, "%s%s", i ? " → " : "", pp_safe(t->decided_by[i]));
  if (t->pac_error) fprintf(out, " → PAC error: %s", pp_safe(t->pac_error));
  size_t n = t->res.nattempts;
  for (size_t i = 0; i < n; i++) {
    if (n > CHAIN_HEAD + 2 && i == CHAIN_HEAD) {
      print_skipped(out, t->res.attempts, CHAIN_HEAD, n - 1);
      i = n - 2;
      continue;
    }
    print_step(out, &t->res.attempts[i]);
  }
  print_untried(out, &t->res, ck->max_time_ms, " → ");
  fputc('\n', out);
}

static void print_ms(FILE *out, const char *name, double ms) {
  if (ms >= 0) fprintf(out, " %s %.1f", name, ms);
}

static void print_tls(FILE *out, const pp_attempt_t *a) {
  if (!a->tls) return;
  for (size_t i = 0; i < a->nchain; i++)
    fprintf(out, "      cert %zu: %s, issuer %s, expires %s\n", i, pp_safe(a->chain[i].subject),
            pp_safe(a->chain[i].issuer), pp_safe(a->chain[i].not_after));
  fprintf(out, "      tls: %s%s%s%s\n", a->intercepted ? "INTERCEPTED" : a->verified ? "verified" : "not verified",
          a->tls_reason ? " — " : "", a->tls_reason ? pp_safe(a->tls_reason) : "",
          a->intercepted || a->verified ? "" : "");
}

static void print_attempt(FILE *out, const pp_attempt_t *a, bool with_ms) {
  fprintf(out, "    %-28s %s", pp_safe(a->route), a->ok ? "ok" : a->error_code ? a->error_code : "failed");
  if (a->status) fprintf(out, " (HTTP %ld)", a->status);
  fputc('\n', out);
  pp_ck_print_chain(out, "      ", a->dns_chain, a->ndns_chain);
  if (a->error_message) fprintf(out, "      %s\n", pp_safe(a->error_message));
  else if (a->proxy_reason) fprintf(out, "      the proxy says: %s%s%s\n", pp_safe(a->proxy_product),
                                    *a->proxy_product ? ": " : "", pp_safe(a->proxy_reason));
  if (a->nauth_offered || a->auth_used) {
    fputs("      proxy auth: offered", out);
    for (size_t i = 0; i < a->nauth_offered; i++) fprintf(out, " %s", pp_safe(a->auth_offered[i]));
    fprintf(out, "%s%s\n", a->auth_used ? "; used " : "", a->auth_used ? a->auth_used : "");
  }
  if (a->cred_state) {
    fprintf(out, "      credentials: %s", a->cred_state);
    if (a->cred_user)
      fprintf(out, " (user '%s', proxy named by %s)", pp_safe(a->cred_user), pp_safe(a->cred_named_by));
    fprintf(out, "%s%s\n", a->cred_note ? "; " : "", a->cred_note ? a->cred_note : "");
  }
  pp_ck_krb_t k;
  char scheme[1000];
  if (pp_ck_kerberos(a, &k, scheme, sizeof(scheme))) fprintf(out, "      domain machine: %s\n", pp_safe(scheme));
  if (with_ms) {
    fputs("      ms:", out);
    print_ms(out, "dns", a->dns_ms);
    print_ms(out, "connect", a->connect_ms);
    print_ms(out, "tls", a->tls_ms);
    print_ms(out, "first-byte", a->first_byte_ms);
    print_ms(out, "total", a->total_ms);
    fputc('\n', out);
  }
  print_tls(out, a);
}

void pp_ck_print_body(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t, bool with_ms) {
  print_chain(out, ck, t);
  for (size_t i = 0; i < t->res.nattempts; i++) print_attempt(out, &t->res.attempts[i], with_ms);
  if (t->res.untried) {
    print_untried(out, &t->res, ck->max_time_ms, "    ");
    fputc('\n', out);
  }
  const pp_attempt_t *d = decided(t);
  if (d && d->intercepted && ck->intercept_note) fprintf(out, "  why it matters: %s\n", pp_safe(ck->intercept_note));
  if (t->rule) fprintf(out, "  %s: %s\n", ck->consumer->label, pp_safe(t->rule));
  pp_ck_print_names(out, ck, t);
}

/* The table fits a terminal (pp_term_columns): the TARGET column gives
 * up its middle ("…") down to URL_MIN columns; route, verdict and time
 * are never cut. Into a pipe or file nothing is cut. */
#define URL_MIN 24
#define VERDICT_W 13
#define TIME_W 9

/* Spaces after s to fill w columns (none when s is wider). */
static int pad(size_t w, const char *s) {
  size_t n = pp_term_width(s);
  return n < w ? (int)(w - n) : 0;
}

static size_t fit_url_column(size_t w, size_t rw) {
  int cols = pp_term_columns();
  size_t rest = 2 + rw + 2 + VERDICT_W + 2 + TIME_W;
  if (cols <= 0 || w + rest <= (size_t)cols) return w;
  size_t room = (size_t)cols > rest ? (size_t)cols - rest : 0;
  return room > URL_MIN ? room : URL_MIN < w ? URL_MIN : w;
}

void pp_ck_print_text(FILE *out, const pp_ck_t *ck) {
  size_t w = 6, rw = 5;
  for (size_t i = 0; i < ck->n; i++) {
    const pp_attempt_t *d = decided(&ck->t[i]);
    if (pp_term_width(pp_safe(ck->t[i].url)) > w) w = pp_term_width(pp_safe(ck->t[i].url));
    if (d && pp_term_width(pp_safe(d->route)) > rw) rw = pp_term_width(pp_safe(d->route));
  }
  w = fit_url_column(w, rw);
  fprintf(out, "%-*s  %-*s  %-*s  %s\n", (int)w, "TARGET", (int)rw, "ROUTE", VERDICT_W, "VERDICT", "TIME");
  for (size_t i = 0; i < ck->n; i++) {
    const pp_ck_target_t *t = &ck->t[i];
    const pp_attempt_t *d = decided(t);
    char buf[4096];
    const char *url = pp_term_elide(pp_safe(t->url), w, buf, sizeof(buf)), *route = d ? pp_safe(d->route) : "-";
    const char *v = pp_ck_verdict(t);
    /* padded by columns, not bytes: a URL or route with UTF-8 stays aligned */
    fprintf(out, "%s%*s  %s%*s  %s%-*s%s  %.0f ms\n", url, pad(w, url), "", route, pad(rw, route), "",
            pp_term_on(pp_term_verdict_style(v)), VERDICT_W, v,
            pp_term_off(), target_ms(t));
  }
  pp_ck_print_grouped(out, ck);
  size_t ok = count_ok(ck);
  fprintf(out, "\nsummary: %zu target%s, %s%zu ok%s, %s%zu failed%s (configuration: %s", ck->n,
          ck->n == 1 ? "" : "s", pp_term_on(PP_STYLE_OK), ok, pp_term_off(),
          pp_term_on(ck->n - ok ? PP_STYLE_BAD : PP_STYLE_OK), ck->n - ok, pp_term_off(),
          pp_config_mode_name(ck->mode));
  for (size_t i = 0; i < ck->ndecided_by; i++)
    fprintf(out, "%s%s", i ? ", " : " by ", pp_safe(ck->decided_by[i]));
  fprintf(out, "%s%s)\n", ck->pac_url ? " " : "", ck->pac_url ? pp_safe(ck->pac_url) : "");
  pp_ck_print_hosting(out, ck);
  for (size_t i = 0; i < ck->ncreds; i++) {
    const pp_proxy_cred_t *c = &ck->creds[i];
    bool v6 = strchr(c->host, ':') && c->host[0] != '[';
    fprintf(out, "credentials: user '%s' only for proxy %s%s%s", pp_safe(c->user), v6 ? "[" : "",
            pp_safe(c->host),
            v6 ? "]" : "");
    if (c->port) fprintf(out, ":%d", c->port);
    else fputs(" (any port)", out);
    fprintf(out, ", named by %s\n", c->named_by);
  }
}

/* ---- JSON ---- */

/* pp_json_str: a URL or header that is not UTF-8 keeps its target in the
 * output (json_string would give NULL and json_pack would drop the object) */
static json_t *str_or_null(const char *s) { return pp_json_str(s); }

static json_t *strings(char **v, size_t n) {
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) json_array_append_new(arr, pp_json_str(v[i]));
  return arr;
}

static json_t *ms(double v) { return v >= 0 ? json_real(v) : json_null(); }

static json_t *tls_json(const pp_attempt_t *a) {
  if (!a->tls) return json_null();
  json_t *chain = json_array();
  for (size_t i = 0; i < a->nchain; i++)
    json_array_append_new(chain, json_pack("{s:s,s:s,s:s,s:s}", "subject", a->chain[i].subject,
                                           "issuer", a->chain[i].issuer, "not_after",
                                           a->chain[i].not_after, "sha256", a->chain[i].sha256));
  return json_pack("{s:o,s:b,s:b,s:o}", "chain", chain, "verified", a->verified, "intercepted",
                   a->intercepted, "reason", str_or_null(a->tls_reason));
}

static json_t *attempt_json(const pp_attempt_t *a) {
  json_t *err = a->ok ? json_null()
                      : json_pack("{s:s,s:s}", "code", a->error_code ? a->error_code : "http",
                                  "message", a->error_message ? a->error_message : "");
  json_t *cred = a->cred_state ? json_pack("{s:s,s:o,s:o,s:o}", "state", a->cred_state, "user",
                                            str_or_null(a->cred_user), "named_by",
                                            str_or_null(a->cred_named_by), "note",
                                            str_or_null(a->cred_note))
                               : json_null();
  json_t *auth = json_pack("{s:b,s:o,s:o,s:o}", "required", a->auth_required, "offered",
                           strings(a->auth_offered, a->nauth_offered), "used",
                           str_or_null(a->auth_used), "credentials", cred);
  json_t *t = json_pack("{s:o,s:o,s:o,s:o,s:o}", "dns", ms(a->dns_ms), "connect", ms(a->connect_ms),
                        "tls", ms(a->tls_ms), "first_byte", ms(a->first_byte_ms), "total",
                        ms(a->total_ms));
  json_t *why = a->proxy_reason ? json_pack("{s:o,s:s}", "product", *a->proxy_product ?
                                             json_string(a->proxy_product) : json_null(),
                                             "text", a->proxy_reason) : json_null();
  pp_ck_krb_t k;
  char scheme[1000];
  if (auth && pp_ck_kerberos(a, &k, scheme, sizeof(scheme)))
    json_object_set_new(auth, "domain_machine",
                        json_pack("{s:b,s:b,s:o,s:s}", "ip_literal", k.ip_literal, "alias", k.alias,
                                  "spn", *k.spn ? json_string(k.spn) : json_null(), "scheme", scheme));
  else if (auth) json_object_set_new(auth, "domain_machine", json_null());
  return json_pack("{s:o,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "route", pp_json_str(a->route), "ok", a->ok, "status",
                   a->status ? json_integer(a->status) : json_null(), "error", err, "auth", auth,
                   "timings_ms", t, "tls", tls_json(a), "proxy_reason", why, "dns_chain",
                   pp_ck_chain_json(a->dns_chain, a->ndns_chain));
}

static json_t *target_json(const pp_ck_t *ck, const pp_ck_target_t *t) {
  json_t *att = json_array();
  for (size_t i = 0; i < t->res.nattempts; i++)
    json_array_append_new(att, attempt_json(&t->res.attempts[i]));
  const pp_attempt_t *d = decided(t);
  json_t *o = json_pack("{s:o,s:s,s:o,s:o,s:o,s:o}", "url", pp_json_str(t->url), "verdict", pp_ck_verdict(t),
                        "route", str_or_null(d ? d->route : NULL), "decided_by",
                        strings(t->decided_by, t->ndecided_by), "pac_result",
                        str_or_null(t->pac_error ? NULL : t->result.canonical), "attempts", att);
  if (o && t->pac_error) json_object_set_new(o, "pac_error", json_string(t->pac_error));
  if (o)
    json_object_set_new(o, "untried",
                        t->res.untried ? json_pack("{s:I,s:s}", "count", (json_int_t)t->res.untried,
                                                   "reason", t->res.untried_deadline ? "max-time" : "route-cap")
                                       : json_null());
  if (o && t->tag_checked)
    json_object_set_new(o, "service_tag", json_pack("{s:s,s:o,s:b,s:o}", "tag", ck->tag, "addresses",
                                                    strings(t->addrs, t->naddrs), "inside",
                                                    t->tag_inside, "names", pp_ck_names_json(t)));
  if (o && ck->consumer)
    json_object_set_new(o, "consumer_rule", t->rule ? json_pack("{s:s,s:s}", "event", t->rule_event,
                                                                 "rule", t->rule) : json_null());
  if (o && d && d->intercepted && ck->intercept_note)
    json_object_set_new(o, "explanation", json_string(ck->intercept_note));
  return o;
}

json_t *pp_ck_json(const pp_ck_t *ck) {
  json_t *targets = json_array();
  for (size_t i = 0; i < ck->n; i++) json_array_append_new(targets, target_json(ck, &ck->t[i]));
  size_t ok = count_ok(ck);
  json_t *creds = json_array();
  for (size_t i = 0; i < ck->ncreds; i++)
    json_array_append_new(creds, json_pack("{s:s,s:s,s:o,s:s}", "user", ck->creds[i].user, "host",
                                           ck->creds[i].host, "port", ck->creds[i].port ?
                                           json_integer(ck->creds[i].port) : json_null(),
                                           "named_by", ck->creds[i].named_by));
  json_t *root = json_pack(
      "{s:{s:s,s:o,s:o,s:o},s:o,s:{s:I,s:I,s:I}}", "config", "mode", pp_config_mode_name(ck->mode),
      "decided_by", strings(ck->decided_by, ck->ndecided_by), "pac_url", str_or_null(ck->pac_url),
      "credentials", creds, "targets", targets, "summary", "total", (json_int_t)ck->n, "ok", (json_int_t)ok, "failed",
      (json_int_t)(ck->n - ok));
  json_t *cfg = root ? json_object_get(root, "config") : NULL;
  if (cfg) json_object_set_new(cfg, "pac_hosting", pp_ck_hosting_json(ck));
  if (cfg && ck->consumer) {
    json_object_set_new(cfg, "for", json_string(ck->consumer->name));
    json_object_set_new(cfg, "consumer", json_string(ck->consumer->label));
    json_object_set_new(cfg, "fallthrough", str_or_null(ck->fallthrough));
  }
  return root;
}

bool pp_ck_print_json(FILE *out, const pp_ck_t *ck) {
  json_t *root = pp_ck_json(ck);
  bool good = root && json_dumpf(root, out, JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(6)) == 0;
  if (good) fputc('\n', out);
  json_decref(root);
  if (!good) pp_msg_error("out of memory");
  return good;
}

/* ---- JUnit ---- */

/* Control characters, which XML 1.0 cannot carry, are escaped first
 * (pp_safe: \xHH), then the markup characters. */
static void xml(FILE *f, const char *s) {
  for (s = s ? pp_safe(s) : NULL; s && *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    default: fputc(*s, f);
    }
  }
}

void pp_ck_write_junit(FILE *f, const pp_ck_t *ck) {
  size_t ok = count_ok(ck);
  fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"pacprobe check\" "
             "tests=\"%zu\" failures=\"%zu\">\n", ck->n, ck->n - ok);
  for (size_t i = 0; i < ck->n; i++) {
    const pp_ck_target_t *t = &ck->t[i];
    const pp_attempt_t *d = decided(t);
    fputs("  <testcase classname=\"check\" name=\"", f);
    xml(f, t->url);
    fprintf(f, "\" time=\"%.3f\">", target_ms(t) / 1000.0);
    if (strcmp(pp_ck_verdict(t), "ok") != 0) {
      fprintf(f, "\n    <failure type=\"%s\" message=\"", pp_ck_verdict(t));
      xml(f, t->pac_error ? t->pac_error : d && d->tls_reason ? d->tls_reason
             : d && d->error_message ? d->error_message : "no route connected");
      fputs("\">", f);
      for (size_t k = 0; k < t->res.nattempts; k++) {
        const pp_attempt_t *a = &t->res.attempts[k];
        xml(f, a->route);
        fputs(": ", f);
        xml(f, a->ok ? "ok" : a->error_message);
        fputc('\n', f);
      }
      fputs("</failure>\n  ", f);
    }
    fputs("</testcase>\n", f);
  }
  fputs("</testsuite>\n", f);
}
