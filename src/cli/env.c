/* SPDX-License-Identifier: MIT */
/*
 * The shared options of every subcommand that runs a PAC (DESIGN §1.1),
 * turned into a resolver and engine options, plus reading and loading the
 * PAC with one-line errors. Each subcommand (eval, and the authoring tools)
 * calls these instead of repeating the checks.
 */
#include "cli/env.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "util/str.h"

int pp_cli_usage_error(const char *opt, const char *value, const char *why) {
  pp_msg_error("option --%s: bad value '%s': %s", opt, value, why);
  return PP_EXIT_USAGE;
}

/* --tz must name a zone the C library knows; an unknown TZ would silently
 * mean UTC, which is exactly the kind of default we must not hide. */
static int apply_tz(const char *zone) {
  if (!pp_tz_known(zone)) return pp_cli_usage_error("tz", zone, pp_os_tz_refusal());
  pp_os_set_tz(zone);
  return PP_EXIT_OK;
}

static int setup_resolver(pp_cli_env_t *env, const pp_args_t *a) {
  char err[512];
  env->resolver = pp_resolver_new();
  if (!env->resolver) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  const pp_strv_t *l = &a->list[PP_OPT_RESOLVE];
  for (size_t i = 0; i < l->n; i++)
    if (pp_resolver_add_override(env->resolver, l->v[i], err, sizeof(err)) != PP_OK)
      return pp_cli_usage_error("resolve", l->v[i], err);
  l = &a->list[PP_OPT_DNS_SERVER];
  for (size_t i = 0; i < l->n; i++)
    if (pp_resolver_add_server(env->resolver, l->v[i], err, sizeof(err)) != PP_OK)
      return pp_cli_usage_error("dns-server", l->v[i], err);
  const char *hosts = a->value[PP_OPT_HOSTS];
  if (hosts && pp_resolver_load_hosts(env->resolver, hosts, err, sizeof(err)) != PP_OK) {
    pp_msg_error("option --hosts: %s", err);
    return PP_EXIT_USAGE;
  }
  pp_resolver_set_offline(env->resolver, a->given[PP_OPT_NO_DNS]);
  return PP_EXIT_OK;
}

int pp_cli_env_setup(pp_cli_env_t *env, const pp_args_t *a) {
  memset(env, 0, sizeof(*env));
  pp_engine_opts_t *o = &env->opts;
  pp_engine_opts_init(o);
  const char *m = a->value[PP_OPT_EMULATE];
  if (m && pp_emulation_parse(m, &o->emulate) != PP_OK)
    return pp_cli_usage_error("emulate", m,
                              "expected chrome, firefox, winhttp, pacparser, pac-resolver or libproxy");
  int rc;
  if (a->value[PP_OPT_TZ] && (rc = apply_tz(a->value[PP_OPT_TZ]))) return rc;
  char err[512];
  const char *now = a->value[PP_OPT_NOW];
  if (now && pp_time_parse(now, &o->now_ms, err, sizeof(err)) != PP_OK)
    return pp_cli_usage_error("now", now, err);
  o->now_set = now != NULL;
  if (a->given[PP_OPT_TIMEOUT]) o->timeout_ms = (unsigned)a->count[PP_OPT_TIMEOUT];
  if (a->given[PP_OPT_MEMORY_LIMIT]) o->memory_limit_mib = (unsigned)a->count[PP_OPT_MEMORY_LIMIT];
  o->my_ips = a->list[PP_OPT_MY_IP].v;
  o->nmy_ips = a->list[PP_OPT_MY_IP].n;
  if ((rc = setup_resolver(env, a))) return rc;
  o->resolver = env->resolver;
  return PP_EXIT_OK;
}

void pp_cli_env_free(pp_cli_env_t *env) {
  pp_resolver_free(env->resolver);
  memset(env, 0, sizeof(*env));
}

const char *pp_cli_pac_name(const char *source) { return strcmp(source, "-") ? source : "stdin"; }

/* The failure of a discovery: printed, or handed back in *why. */
static void discover_failed(const char *who, const char *reason, char **why) {
  if (!why) pp_msg_error("%s: %s", who, reason);
  else if (!(*why = strdup(reason))) pp_msg_error("out of memory");
}

/* The hosting findings of the last fetch of the trace, moved out of it. */
static void take_hosting(pp_discovery_t *d, pp_pac_finding_t **hosting, size_t *n) {
  for (size_t i = d->nattempts; hosting && i-- > 0;)
    if (d->attempts[i].method == PP_WPAD_FETCH) {
      *hosting = d->attempts[i].hosting;
      *n = d->attempts[i].nhosting;
      d->attempts[i].hosting = NULL;
      d->attempts[i].nhosting = 0;
      return;
    }
}

int pp_cli_discover_pac(const char *who, char **text, size_t *len, char **pac_url,
                        char **decided_by, char **why) {
  return pp_cli_discover_pac_hosting(who, text, len, pac_url, decided_by, why, NULL, NULL);
}

int pp_cli_discover_pac_hosting(const char *who, char **text, size_t *len, char **pac_url,
                                char **decided_by, char **why, pp_pac_finding_t **hosting,
                                size_t *nhosting) {
  pp_discover_opts_t o;
  pp_discovery_t d;
  pp_discover_opts_init(&o);
  o.resolver = pp_resolver_new();
  pp_status_t st = o.resolver ? pp_discover(&o, &d) : PP_ENOMEM;
  int rc = PP_EXIT_USAGE;
  if (st == PP_OK) take_hosting(&d, hosting, nhosting);
  if (st != PP_OK) {
    discover_failed(who, o.resolver && d.error ? d.error : pp_strerror(st), st == PP_ENOMEM ? NULL : why);
  } else if (!d.pac) {
    discover_failed(who, "WPAD found no usable PAC (see pacprobe discover)", why);
  } else if (!(*pac_url = strdup(d.pac_url)) || !(*decided_by = strdup(d.decided_by))) {
    free(*pac_url);
    *pac_url = NULL;
    pp_msg_error("out of memory");
  } else {
    *text = d.pac;
    *len = d.pac_len;
    d.pac = NULL;
    rc = PP_EXIT_OK;
  }
  if (o.resolver) pp_discovery_clear(&d);
  pp_resolver_free(o.resolver);
  return rc;
}

/* --pac auto: WPAD discovery with discover's defaults (DESIGN §1.5); the
 * note says what decided, `pacprobe discover` shows the whole trace. */
static void print_hosting(pp_pac_finding_t *f, size_t n) {
  for (size_t i = 0; i < n; i++)
    pp_msg_warn("PAC hosting [%s]: %s; %s", f[i].code, f[i].message, f[i].clients);
  pp_pac_findings_free(f, n);
}

/* The hosting findings of the PAC that decided are handed back in *f, *n
 * when f is non-NULL, else printed. */
static int read_auto(char **text, size_t *len, pp_pac_finding_t **f, size_t *n) {
  char *url = NULL, *by = NULL;
  pp_pac_finding_t *mine = NULL;
  size_t nmine = 0;
  int rc = pp_cli_discover_pac_hosting("--pac auto", text, len, &url, &by, NULL, &mine, &nmine);
  if (rc == PP_EXIT_OK) pp_msg_note("--pac auto: WPAD decided by %s: %s", by, url);
  if (rc == PP_EXIT_OK && f) {
    *f = mine;
    *n = nmine;
  } else if (rc == PP_EXIT_OK) {
    print_hosting(mine, nmine);
  } else {
    pp_pac_findings_free(mine, nmine);
  }
  free(url);
  free(by);
  return rc;
}

/* Replaces the bytes read by the text the emulated client would compile
 * (pp_pac_decode), with a note when that is not the bytes as they are. */
static int decode_pac(const char *source, pp_emulation_t mode, const char *charset, char **text,
                      size_t *len) {
  char err[256], *out = NULL;
  size_t n = 0;
  const char *how = NULL;
  if (pp_pac_decode(*text, *len, charset, mode, &out, &n, &how, err, sizeof(err)) != PP_OK) {
    pp_msg_error("PAC: %s: %s", pp_cli_pac_name(source), err);
    free(*text);
    *text = NULL;
    return PP_EXIT_USAGE;
  }
  if (how)
    pp_msg_note("PAC: %s decoded as %s, as %s reads it", pp_cli_pac_name(source), how,
                pp_emulation_name(mode));
  free(*text);
  *text = out;
  *len = n;
  return PP_EXIT_OK;
}

/* Chromium's PacFileFetcherImpl reads at most 1 MiB of a PAC URL and
 * otherwise fails the fetch (the browser then goes DIRECT); in chrome mode a
 * PAC URL gets that limit, named when it fires, and a local file over it is
 * warned about. Other clients have no such cap: they get PP_PAC_MAX_BYTES. */
/* The PAC hosting findings (docs/sources.md "Where the PAC is hosted") as
 * warnings: for a URL or UNC path, with what the fetch recorded. */
static void hosting(const char *source, const pp_fetch_info_t *info, const char *body, size_t len,
                    pp_pac_finding_t **out, size_t *nout) {
  bool url = strstr(source, "://") != NULL;
  if (!url && !(source[0] == '\\' && source[1] == '\\')) return; /* a local file or stdin */
  pp_pac_finding_t *f = NULL;
  size_t n = 0;
  if (pp_pac_hosting_check(source, info->http_status || info->headers ? info : NULL, body, len, &f,
                           &n) != PP_OK)
    pp_msg_error("out of memory");
  if (out) {
    *out = f;
    *nout = n;
    return;
  }
  print_hosting(f, n);
}

int pp_cli_read_pac(const char *source, pp_emulation_t mode, char **text, size_t *len) {
  return pp_cli_read_pac_hosting(source, mode, text, len, NULL, NULL);
}

int pp_cli_read_pac_hosting(const char *source, pp_emulation_t mode, char **text, size_t *len,
                            pp_pac_finding_t **f, size_t *n) {
  char err[512];
  /* WPAD: the PAC's Content-Type is not handed back here, so it is decoded
   * as a download without charset (docs/browsers.md). */
  if (strcmp(source, "auto") == 0) {
    int rc = read_auto(text, len, f, n);
    return rc == PP_EXIT_OK ? decode_pac(source, mode, NULL, text, len) : rc;
  }
  bool url = strstr(source, "://") != NULL, chrome = mode == PP_EMU_CHROME;
  size_t max = chrome && url ? PP_CHROME_PAC_MAX_BYTES : PP_PAC_MAX_BYTES;
  char *charset = NULL;
  pp_fetch_info_t info;
  pp_status_t st = pp_pac_read_info(source, max, PP_PAC_FETCH_TIMEOUT_MS, text, len, &charset,
                                    &info, err, sizeof(err));
  /* findings for a PAC that arrived, or that a status kept out; a fetch
   * that failed otherwise (timeout, size) is the error already printed */
  if (st == PP_OK ||
      (info.code && (!strcmp(info.code, "http-status") || !strcmp(info.code, "too-big") ||
                     !strcmp(info.code, "redirect-refused"))))
    hosting(source, &info, st == PP_OK ? *text : NULL, st == PP_OK ? *len : 0, f, n);
  pp_fetch_info_clear(&info);
  if (st == PP_ETOOBIG && max == PP_CHROME_PAC_MAX_BYTES) {
    pp_msg_error("PAC: %s: Chromium's limit for a PAC download; Chrome would not use this PAC "
                 "(DIRECT for every URL); other --emulate modes read up to %u bytes", err, PP_PAC_MAX_BYTES);
    return PP_EXIT_USAGE;
  }
  if (st != PP_OK) {
    pp_msg_error("PAC: %s", err);
    return PP_EXIT_USAGE;
  }
  if (chrome && !url && *len > PP_CHROME_PAC_MAX_BYTES)
    pp_msg_warn("PAC: %s is %zu bytes, over Chromium's 1 MiB limit for a PAC download: served by "
                "URL, Chrome would not use it", pp_cli_pac_name(source), *len);
  int rc = decode_pac(source, mode, charset, text, len);
  free(charset);
  return rc;
}

/* Prints the load-time warnings of e (docs/modern-js.md), each line once
 * per process: eval loads one engine per worker, diff one per PAC. */
static void warn_once(const pp_engine_t *e) {
  static char **printed;
  static size_t nprinted;
  const char *const *warn;
  size_t nwarn = pp_engine_warnings(e, &warn);
  for (size_t i = 0; i < nwarn; i++) {
    bool seen = false;
    for (size_t j = 0; j < nprinted && !seen; j++) seen = strcmp(printed[j], warn[i]) == 0;
    if (seen) continue;
    pp_msg_warn("%s", warn[i]);
    pp_strlist_push(&printed, &nprinted, warn[i]);
  }
}

int pp_cli_load_engine(const pp_engine_opts_t *opts, const char *text, size_t len,
                       const char *name, pp_engine_t **out) {
  pp_engine_t *e = pp_engine_new(opts);
  pp_status_t st = e ? pp_engine_load(e, text, len, name) : PP_ENOMEM;
  if (st == PP_OK) {
    warn_once(e);
    *out = e;
    return PP_EXIT_OK;
  }
  pp_msg_error("%s", e ? pp_engine_error(e) : pp_strerror(st));
  /* PP_EUNSUPPORTED: browsers run this PAC; only pacprobe's engine cannot. */
  if (st != PP_EENGINE && st != PP_ENOMEM && st != PP_EUNSUPPORTED)
    pp_msg_note("the PAC cannot be used: %s would go DIRECT for every URL",
                pp_emulation_name(opts->emulate));
  pp_engine_free(e);
  *out = NULL;
  return PP_EXIT_USAGE;
}
