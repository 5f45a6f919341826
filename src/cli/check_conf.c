/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe check`: which configuration is in effect (explicit --proxy,
 * --pac or --auto, else the sources decision for --for, default env) and,
 * per target, the routes it gives and the chain that decided them: config
 * sources, then "pac line N" from the deciding return (DESIGN §1.7).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "cli/check_consumer.h"
#include "cli/sources.h"
#include "util/str.h"

extern char **environ;

static bool push(char ***l, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool push(char ***l, size_t *n, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  return pp_strlist_push(l, n, buf);
}

static int oom(void) {
  pp_msg_error("out of memory");
  return PP_EXIT_USAGE;
}

static char *join(char **v, size_t n) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t i = 0; i < n; i++) pp_str_printf(&s, "%s%s", i ? "," : "", v[i]);
  return pp_str_take(&s);
}

/* The sources decision (docs/sources.md) for --for (default env). */
static int from_sources(pp_ck_t *ck, const pp_args_t *a) {
  pp_config_t c;
  pp_consumer_t who = ck->consumer ? ck->consumer->config : PP_FOR_ENV;
  memset(&c, 0, sizeof(c));
  int rc = PP_EXIT_USAGE;
  bool offline;
  pp_status_t st = pp_sources_add_files(&c, a, &offline);
  /* As `sources`: no exports given, the live registry where there is one. */
  if (st == PP_OK && !offline &&
      (st = pp_config_add_live(&c)) == PP_EPLATFORM)
    st = PP_OK;
  if (st == PP_OK) st = pp_config_add_env(&c, (const char *const *)environ);
  if (st == PP_OK) st = pp_config_decide(&c, who);
  if (st != PP_OK) goto done;
  for (size_t i = 0; i < c.nsources; i++)
    if (c.sources[i].error) pp_msg_error("%s", c.sources[i].error);
  if (c.nerrors) goto done;
  for (size_t i = 0; i < c.nwarnings; i++) pp_msg_warn("%s", c.warnings[i].message);
  const pp_config_effective_t *e = &c.effective;
  ck->mode = e->mode;
  bool ok = push(&ck->decided_by, &ck->ndecided_by, "%s", c.decided_by ? c.decided_by : "default");
  if (ok && e->pac_url) ok = (ck->pac_url = pp_strndup(e->pac_url, strlen(e->pac_url))) != NULL;
  if (ok && e->mode == PP_MODE_PROXY) {
    ck->proxy = pp_strndup(e->proxy, strlen(e->proxy));
    ck->noproxy = join(e->bypass, e->nbypass);
    ok = ck->proxy && ck->noproxy;
  }
  rc = ok ? PP_EXIT_OK : oom();
done:
  if (st != PP_OK) rc = st == PP_EINVAL ? PP_EXIT_USAGE : oom(); /* EINVAL: reported */
  pp_config_clear(&c);
  return rc;
}

/* --auto, or auto-detect in effect: WPAD as `pacprobe discover` does it.
 * With why, a failure is handed back instead of printed. */
static int discover(pp_ck_t *ck, char **text, size_t *len, char **why) {
  char *by = NULL;
  int rc = pp_cli_discover_pac_hosting("auto-detect", text, len, &ck->pac_url, &by, why, &ck->hosting,
                                       &ck->nhosting);
  if (rc == PP_EXIT_OK && !push(&ck->decided_by, &ck->ndecided_by, "wpad %s", by)) rc = oom();
  free(by);
  return rc;
}

static const char *url_scheme(const char *url, char *buf, size_t len) {
  size_t n = strcspn(url, ":");
  snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), url);
  pp_ascii_lower(buf);
  return buf;
}

static bool set_routes(pp_ck_target_t *t, const char *raw) {
  return pp_result_parse(raw, PP_EMU_CHROME, &t->result) == PP_OK;
}

bool pp_ck_proxy_of(const char *proxy, const char *scheme, pp_result_t *out) {
  return pp_config_proxy_route(proxy, scheme, out) != PP_ENOMEM;
}

static bool copy_chain(pp_ck_target_t *t, const pp_ck_t *ck) {
  for (size_t i = 0; i < ck->ndecided_by; i++)
    if (!pp_strlist_push(&t->decided_by, &t->ndecided_by, ck->decided_by[i])) return false;
  return true;
}

static bool proxy_target(pp_ck_target_t *t, const pp_ck_t *ck) {
  char sch[16], err[128];
  pp_np_url_t u;
  pp_np_dialect_t d = ck->consumer ? ck->consumer->dialect : PP_NP_CURL;
  /* the bypass list as the consumer's runtime applies it (docs/sources.md) */
  if (ck->noproxy && *ck->noproxy && pp_noproxy_url(t->url, &u, err, sizeof(err)) == PP_OK &&
      pp_noproxy_match_dialect(d, ck->noproxy, &u))
    return push(&t->decided_by, &t->ndecided_by, "bypass list %s (%s rules)", ck->noproxy,
                pp_noproxy_dialect_name(d)) &&
           set_routes(t, "DIRECT");
  return pp_config_proxy_route(ck->proxy, url_scheme(t->url, sch, sizeof(sch)), &t->result) == PP_OK;
}

static bool pac_target(pp_ck_target_t *t, pp_engine_t *e) {
  pp_eval_t ev;
  memset(&ev, 0, sizeof(ev));
  if (pp_engine_eval(e, t->url, NULL, &ev) == PP_ENOMEM) return false;
  bool ok = true;
  if (ev.status != PP_OK) {
    ok = (t->pac_error = pp_strndup(ev.error, strlen(ev.error))) != NULL;
  } else if (ev.implicit_bypass) {
    ok = push(&t->decided_by, &t->ndecided_by, "implicit bypass (%s never proxies loopback)",
              "the emulated browser");
  } else if (ev.decided_line > 0) {
    ok = push(&t->decided_by, &t->ndecided_by, "pac line %d", ev.decided_line);
  }
  if (ok) {
    t->result = ev.result;
    memset(&ev.result, 0, sizeof(ev.result));
  }
  pp_eval_clear(&ev);
  return ok;
}

/* The configuration's PAC URL for a --for consumer: a failure is handed
 * back in *why (the consumer's rule takes over) instead of printed. */
static int fetch_quiet(pp_ck_t *ck, const char *url, char **text, size_t *len, char **why) {
  char err[512];
  pp_fetch_info_t info;
  pp_status_t st = pp_pac_read_info(url, PP_PAC_MAX_BYTES, PP_PAC_FETCH_TIMEOUT_MS, text, len, NULL, &info,
                                    err, sizeof(err));
  /* the hosting findings of what arrived, or of a status that kept it out */
  bool answered = st == PP_OK ||
                  (info.code && (!strcmp(info.code, "http-status") || !strcmp(info.code, "too-big") ||
                     !strcmp(info.code, "redirect-refused")));
  pp_status_t hs = answered ? pp_pac_hosting_check(url, info.http_status || info.headers ? &info : NULL,
                                                   st == PP_OK ? *text : NULL, st == PP_OK ? *len : 0,
                                                   &ck->hosting, &ck->nhosting)
                            : PP_OK;
  pp_fetch_info_clear(&info);
  if (hs != PP_OK) return oom();
  if (st == PP_OK) return PP_EXIT_OK;
  *why = pp_strndup(err, strlen(err));
  return PP_EXIT_USAGE;
}

/* A hosting finding makes the consumer not use the PAC it would get (a
 * file:// URL for WinHTTP, text/plain without a PAC extension for the
 * WinHTTP proxy service, a status other than 200 for Chrome): the PAC is
 * dropped and the consumer's no-PAC rule decides, as for a failed fetch. */
static bool refused(const pp_ck_t *ck, char **why) {
  const pp_pac_finding_t *f = pp_ck_hosting_refusal(ck);
  if (!f || !ck->consumer->no_pac) return false;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "%s [%s]", f->message, f->code);
  *why = pp_str_take(&s);
  return true;
}

/* No PAC could be had for a --for consumer (docs/consumers.md "no PAC"):
 * its rule decides, and the chain says so: "auto-detect found no PAC (why)
 * → WinINet tries the next mode → DIRECT". */
static int fall_through(pp_ck_t *ck, bool autodetect, const char *why) {
  const pp_ck_consumer_t *c = ck->consumer;
  pp_msg_warn("%s: %s; %s: %s", autodetect ? "auto-detect" : "PAC", why, c->label, c->no_pac);
  ck->fallthrough = c->no_pac;
  ck->pac_failed = !autodetect; /* WPAD finding nothing is normal; a named PAC failing is not */
  ck->mode = PP_MODE_DIRECT;
  bool unused = pp_ck_hosting_refusal(ck) != NULL; /* it arrived, the consumer would not take it */
  bool ok = unused ? push(&ck->decided_by, &ck->ndecided_by, "the PAC %s is not used (%s) → %s",
                          ck->pac_url, why, c->no_pac)
          : autodetect ? push(&ck->decided_by, &ck->ndecided_by, "auto-detect found no PAC (%s) → %s",
                              why, c->no_pac)
                       : push(&ck->decided_by, &ck->ndecided_by, "the PAC %s could not be fetched (%s) → %s",
                              ck->pac_url, why, c->no_pac);
  return ok ? PP_EXIT_OK : oom();
}

/* What the URL alone tells (file://, UNC): a consumer that does not load
 * such a PAC is not made to fetch it. The findings stay in ck only then. */
static bool where_refused(pp_ck_t *ck, char **why) {
  if (!ck->consumer) return false;
  if (pp_pac_hosting_check(ck->pac_url, NULL, NULL, 0, &ck->hosting, &ck->nhosting) != PP_OK) {
    *why = NULL;
    return false;
  }
  if (refused(ck, why)) return true;
  pp_pac_findings_free(ck->hosting, ck->nhosting);
  ck->hosting = NULL;
  ck->nhosting = 0;
  return false;
}

static int load_pac(pp_ck_t *ck, const pp_args_t *a, pp_cli_env_t *env, pp_engine_t **e) {
  char *text = NULL, *why = NULL;
  size_t len = 0;
  int rc;
  /* the consumer's own rule applies to a PAC the configuration names, not to --pac */
  bool quiet = ck->consumer && ck->consumer->no_pac && !a->given[PP_OPT_PAC];
  bool autodetect = a->given[PP_OPT_AUTO] || (!ck->pac_url && ck->mode == PP_MODE_AUTO_DETECT);
  if (!autodetect && where_refused(ck, &why)) rc = PP_EXIT_USAGE; /* not even fetched */
  else if (autodetect) rc = discover(ck, &text, &len, quiet ? &why : NULL);
  else if (quiet && strstr(ck->pac_url, "://")) rc = fetch_quiet(ck, ck->pac_url, &text, &len, &why);
  else rc = pp_cli_read_pac_hosting(ck->pac_url, env->opts.emulate, &text, &len, &ck->hosting, &ck->nhosting);
  if (rc == PP_EXIT_OK && ck->consumer && refused(ck, &why)) {
    free(text);
    text = NULL;
    rc = PP_EXIT_USAGE;
  }
  if (rc != PP_EXIT_OK && why) {
    rc = fall_through(ck, autodetect, why);
    free(why);
    return rc;
  }
  free(why);
  if (rc == PP_EXIT_OK)
    rc = pp_cli_load_engine(&env->opts, text, len, pp_cli_pac_name(ck->pac_url), e);
  free(text);
  return rc;
}

static int decide_config(pp_ck_t *ck, const pp_args_t *a) {
  const char *proxy = a->value[PP_OPT_PROXY], *pac = a->value[PP_OPT_PAC];
  if (proxy) {
    ck->mode = *proxy ? PP_MODE_PROXY : PP_MODE_DIRECT;
    ck->proxy = pp_strndup(proxy, strlen(proxy));
    ck->noproxy = pp_strndup("", 0);
    return push(&ck->decided_by, &ck->ndecided_by, "--proxy") && ck->proxy && ck->noproxy
               ? PP_EXIT_OK : oom();
  }
  if (pac) {
    ck->mode = PP_MODE_PAC;
    ck->pac_url = pp_strndup(pac, strlen(pac));
    return push(&ck->decided_by, &ck->ndecided_by, "--pac") && ck->pac_url ? PP_EXIT_OK : oom();
  }
  if (a->given[PP_OPT_AUTO]) {
    ck->mode = PP_MODE_AUTO_DETECT;
    return PP_EXIT_OK;
  }
  return from_sources(ck, a);
}

int pp_ck_routes(pp_ck_t *ck, const pp_args_t *a, pp_cli_env_t *env) {
  const char *f = a->value[PP_OPT_FOR];
  if (f && !(ck->consumer = pp_ck_consumer_find(f)))
    return pp_cli_usage_error("for", f, pp_ck_consumer_names());
  int rc = decide_config(ck, a);
  pp_engine_t *e = NULL;
  bool pac = ck->mode == PP_MODE_PAC || ck->mode == PP_MODE_AUTO_DETECT;
  if (rc == PP_EXIT_OK && pac) rc = load_pac(ck, a, env, &e);
  if (rc == PP_EXIT_OK && pac && !e) pac = false; /* the consumer's no-PAC rule took over */
  for (size_t i = 0; rc == PP_EXIT_OK && i < ck->n; i++) {
    pp_ck_target_t *t = &ck->t[i];
    bool ok = copy_chain(t, ck);
    if (ok && pac) ok = pac_target(t, e);
    else if (ok && ck->mode == PP_MODE_PROXY) ok = proxy_target(t, ck);
    else if (ok) ok = set_routes(t, "DIRECT");
    if (!ok) rc = oom();
    t->spec.routes = t->result.routes;
    t->spec.nroutes = t->pac_error ? 0 : t->result.nroutes;
    if (rc == PP_EXIT_OK && ck->consumer && !pp_ck_consumer_routes(ck->consumer, t, pac)) rc = oom();
  }
  pp_engine_free(e);
  return rc;
}
