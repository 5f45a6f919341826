/* SPDX-License-Identifier: MIT */
/*
 * The Linux system consumers (docs/sources.md "Linux system sources"):
 *   kde:     the last kioslaverc given (the user's after /etc/xdg's), as KIO
 *            reads it; ProxyType=4 reads the variables it names from the
 *            session's environment (the process environment, else
 *            /etc/environment's, which pam_env gives every session);
 *   session: a login session: /etc/environment through pam_env, then
 *            curl's rules on those variables;
 *   service: a systemd system service: the system manager's
 *            DefaultEnvironment (system.conf, then its drop-ins), curl's rules;
 *   apt:     Acquire::https::Proxy, else Acquire::http::Proxy (aptmethod.h
 *            ConfigFind tries https, then http), "DIRECT" = none, else the
 *            environment's https_proxy/http_proxy (lower case only) and
 *            no_proxy (methods/http.cc HttpServerState::Open);
 *   docker:  dockerd's pulls: daemon.json "proxies", field by field over
 *            dockerd's environment (docker.service Environment= and
 *            DefaultEnvironment), read with Go's rules (HTTP_PROXY before
 *            http_proxy, NO_PROXY before no_proxy; no ALL_PROXY).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

static bool by(pp_config_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool by(pp_config_t *c, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  return set(&c->decided_by, buf);
}

static const char *at(const pp_source_t *s, char *buf, size_t n) {
  if (s->file && s->line) snprintf(buf, n, "%s:%u", s->file, s->line);
  else snprintf(buf, n, "%s", s->file ? s->file : "environment");
  return buf;
}

static pp_source_t *last(pp_config_t *c, pp_source_kind_t kind, const char *value) {
  pp_source_t *best = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->kind == kind && !s->error && (!value || (s->value && strcasecmp(s->value, value) == 0)))
      best = s;
  }
  return best;
}

static bool copy_bypass(pp_config_t *c, const pp_source_t *s) {
  for (size_t i = 0; s && i < s->nbypass; i++)
    if (!pp_strlist_push(&c->effective.bypass, &c->effective.nbypass, s->bypass[i])) return false;
  return true;
}

/* "P" when both schemes agree, else "http=P;https=Q" (as --for env prints it). */
static bool two(pp_config_t *c, const char *h, const char *s) {
  pp_str_t p = PP_STR_INIT;
  pp_str_append(&p, "", 0);
  if (h && s && strcmp(h, s) == 0) pp_str_puts(&p, h);
  else
    pp_str_printf(&p, "%s%s%s%s%s", h ? "http=" : "", h ? h : "", h && s ? ";" : "",
                  s ? "https=" : "", s ? s : "");
  bool ok = !p.oom;
  if (ok && (h || s)) {
    c->effective.mode = PP_MODE_PROXY;
    ok = set(&c->effective.proxy, p.s);
  }
  pp_str_free(&p);
  return ok;
}

/* ---- KDE --------------------------------------------------------------- */

/* "A,B" names: the first variable set in the session's environment: the
 * process environment, else what pam_env gives a session (/etc/environment). */
static pp_source_t *env_named(pp_config_t *c, const char *names) {
  static const unsigned where[] = {1u << PP_SRC_ENV, 1u << PP_SRC_ENVFILE};
  for (size_t w = 0; w < 2; w++) {
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", names);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
      pp_source_t *s = pp_config_env_var(c, where[w], NULL, t);
      if (s) return s;
    }
  }
  return NULL;
}

/* ProxyType=4: "http=$V;https=$W" resolved against the environment. */
static bool kde_env(pp_config_t *c, const pp_source_t *k) {
  const char *p = k->proxy ? k->proxy : "";
  const char *h = strstr(p, "http=$"), *s = strstr(p, "https=$");
  char hv[256] = "", sv[256] = "";
  if (h) snprintf(hv, sizeof(hv), "%.*s", (int)strcspn(h + 6, ";"), h + 6);
  if (s) snprintf(sv, sizeof(sv), "%.*s", (int)strcspn(s + 7, ";"), s + 7);
  pp_source_t *he = *hv ? env_named(c, hv) : NULL, *se = *sv ? env_named(c, sv) : NULL;
  pp_source_t *ne = k->nbypass && k->bypass[0][0] == '$' ? env_named(c, k->bypass[0] + 1) : NULL;
  if (he) he->in_effect = true;
  if (se) se->in_effect = true;
  if (ne && (he || se)) ne->in_effect = true;
  c->effective.mode = PP_MODE_DIRECT;
  bool ok = two(c, he ? he->proxy : NULL, se ? se->proxy : NULL) &&
            (!(he || se) || copy_bypass(c, ne));
  char l[512];
  char hl[512], sl[512], hw[600] = "", sw[600] = "";
  if (he && he->file) snprintf(hw, sizeof(hw), " of %s", at(he, hl, sizeof(hl)));
  if (se && se->file) snprintf(sw, sizeof(sw), " of %s", at(se, sl, sizeof(sl)));
  return ok && by(c, "KDE kioslaverc ProxyType=4: the environment of the session (http: %s%s, "
                  "https: %s%s, bypass: %s) (%s)", he ? he->value : "unset", hw,
                  se ? se->value : "unset", sw, ne ? ne->value : "unset", at(k, l, sizeof(l)));
}

bool pp_config_decide_kde(pp_config_t *c, bool *found) {
  pp_source_t *k = last(c, PP_SRC_KDE, NULL);
  *found = k != NULL;
  if (!k) return true;
  k->in_effect = true;
  if (k->dword == 4) return kde_env(c, k);
  pp_config_effective_t *e = &c->effective;
  bool ok = true;
  if (k->dword == 1 && k->proxy) {
    e->mode = PP_MODE_PROXY;
    ok = set(&e->proxy, k->proxy) && (k->flags & 1 || copy_bypass(c, k));
    if (ok && (k->flags & 1))
      ok = pp_config_warn(c, "kde-reversed-exception", "ReversedException=true: only the %zu "
                          "NoProxyFor host(s) use the proxy, every other host goes direct (the "
                          "effective proxy shown applies to those hosts only)", k->nbypass);
  } else if (k->dword == 2 && k->pac_url) {
    e->mode = PP_MODE_PAC;
    ok = set(&e->pac_url, k->pac_url);
  } else if (k->dword == 3) {
    e->mode = PP_MODE_AUTO_DETECT;
    e->auto_detect = true;
  } else {
    e->mode = PP_MODE_DIRECT;
  }
  char l[512];
  return ok && by(c, "KDE kioslaverc ProxyType=%u (%s%s) (%s)", k->dword, k->mode,
                  (k->dword == 1 && !k->proxy) || (k->dword == 2 && !k->pac_url) ? ", empty: direct" : "",
                  at(k, l, sizeof(l)));
}

/* ---- session, service ---------------------------------------------------- */

static bool prefix(pp_config_t *c, const char *what) {
  char buf[1024];
  snprintf(buf, sizeof(buf), "%s: %s", what, c->decided_by ? c->decided_by : "-");
  return set(&c->decided_by, buf);
}

/* ---- apt ----------------------------------------------------------------- */

/* ConfigFind: Acquire::https::NAME, then Acquire::http::NAME. */
static pp_source_t *apt_find(pp_config_t *c, bool https, const char *name) {
  char k[256];
  if (https) {
    snprintf(k, sizeof(k), "Acquire::https::%s", name);
    pp_source_t *s = last(c, PP_SRC_APT, k);
    if (s) return s;
  }
  snprintf(k, sizeof(k), "Acquire::http::%s", name);
  return last(c, PP_SRC_APT, k);
}

/* One scheme: *proxy NULL for direct; the words for decided_by in out. */
static void apt_scheme(pp_config_t *c, bool https, const char **proxy, pp_str_t *out) {
  char l[512];
  pp_source_t *s = apt_find(c, https, "Proxy");
  const char *name = https ? "https" : "http";
  if (s) {
    s->in_effect = true;
    *proxy = s->mode && strcmp(s->mode, "DIRECT") == 0 ? NULL : s->proxy;
    pp_str_printf(out, "%s%s: apt %s%s (%s)", out->len ? ", " : "", name, s->value,
                  *proxy ? "" : " DIRECT", at(s, l, sizeof(l)));
    return;
  }
  pp_source_t *e = pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, https ? "https_proxy" : "http_proxy");
  if (!e && https) e = pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "http_proxy");
  *proxy = e ? e->proxy : NULL;
  if (e) e->in_effect = true;
  pp_str_printf(out, "%s%s: %s%s%s", out->len ? ", " : "", name, e ? "env " : "",
                e ? e->value : "no Acquire proxy, no variable: direct",
                e && https && strcmp(e->value, "http_proxy") == 0 ? " (apt's fallback)" : "");
}

static bool apt_hosts(pp_config_t *c) {
  bool ok = true;
  for (size_t i = 0; ok && i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    const char *v = s->value;
    if (s->kind != PP_SRC_APT || s->error || s->auto_detect) continue;
    const char *host = NULL;
    if (strncasecmp(v, "Acquire::http::Proxy::", 22) == 0) host = v + 22;
    else if (strncasecmp(v, "Acquire::https::Proxy::", 23) == 0) host = v + 23;
    if (!host) continue;
    s->in_effect = true;
    if (s->mode && strcmp(s->mode, "DIRECT") == 0)
      ok = pp_strlist_push(&c->effective.bypass, &c->effective.nbypass, host);
    else if (s->proxy)
      ok = pp_config_warn(c, "apt-host-proxy", "apt uses %s for %s (%s)", s->proxy, host, v);
  }
  return ok;
}

static bool apt_notes(pp_config_t *c) {
  char l[512];
  pp_source_t *d = apt_find(c, true, "Proxy-Auto-Detect");
  if (!d) d = apt_find(c, true, "ProxyAutoDetect");
  bool ok = true;
  if (d) {
    d->in_effect = true;
    ok = pp_config_warn(c, "apt-auto-detect", "apt first runs '%s' with each URL (%s); its answer "
                        "(a proxy or DIRECT) decides before Acquire::http::Proxy; pacprobe does "
                        "not run it", d->mode ? d->mode : "", at(d, l, sizeof(l)));
  }
  bool upper = pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "HTTP_PROXY") ||
               pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "HTTPS_PROXY");
  if (ok && upper)
    ok = pp_config_warn(c, "apt-upper-case-ignored", "apt reads only the lower-case http_proxy, "
                        "https_proxy and no_proxy; HTTP_PROXY/HTTPS_PROXY are ignored");
  return ok;
}

static bool apt(pp_config_t *c) {
  const char *h = NULL, *s = NULL;
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  apt_scheme(c, false, &h, &o);
  apt_scheme(c, true, &s, &o);
  c->effective.mode = PP_MODE_DIRECT;
  bool ok = !o.oom && two(c, h, s);
  pp_source_t *np = pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "no_proxy");
  if (ok && np && (h || s)) {
    np->in_effect = true;
    ok = copy_bypass(c, np);
  }
  ok = ok && apt_hosts(c) && by(c, "apt: %s", o.s) && apt_notes(c);
  pp_str_free(&o);
  return ok;
}

/* ---- docker ---------------------------------------------------------------- */

#define DOCKERD (1u << PP_SRC_SYSTEMD)

/* daemon.json's field, else Go's getEnvAny(UPPER, lower) in dockerd's environment. */
static pp_source_t *docker_var(pp_config_t *c, const char *field, const char *upper,
                               const char *lower, pp_str_t *out) {
  char l[512];
  pp_source_t *s = last(c, PP_SRC_DOCKER_DAEMON, field);
  if (!s) s = pp_config_env_var(c, DOCKERD, "docker.service", upper);
  if (!s) s = pp_config_env_var(c, DOCKERD, "docker.service", lower);
  if (!s) return NULL;
  s->in_effect = true;
  if (s->kind == PP_SRC_DOCKER_DAEMON) pp_str_printf(out, "%sdaemon.json %s (%s)", out->len ? ", " : "", s->value, at(s, l, sizeof(l)));
  else pp_str_printf(out, "%ssystemd %s of %s (%s)", out->len ? ", " : "", s->value, s->key, at(s, l, sizeof(l)));
  return s;
}

static bool docker_notes(pp_config_t *c) {
  pp_source_t *cl = last(c, PP_SRC_DOCKER_CLIENT, NULL);
  bool ok = true;
  if (cl)
    ok = pp_config_warn(c, "docker-client-proxies", "the client's config.json proxies (%s) go "
                        "into the containers and builds it starts (as HTTP_PROXY/http_proxy, "
                        "HTTPS_PROXY/https_proxy, NO_PROXY/no_proxy); the daemon's pulls do not "
                        "use them", cl->file ? cl->file : "config.json");
  bool shell = pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "http_proxy") ||
               pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "HTTP_PROXY") ||
               pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "https_proxy") ||
               pp_config_env_var(c, 1u << PP_SRC_ENV, NULL, "HTTPS_PROXY");
  if (ok && shell && c->effective.mode == PP_MODE_DIRECT)
    ok = pp_config_warn(c, "docker-env-not-daemon", "this shell's proxy variables do not reach "
                        "dockerd (a systemd service): set \"proxies\" in /etc/docker/daemon.json "
                        "or Environment= in a docker.service.d drop-in");
  return ok;
}

static bool docker(pp_config_t *c) {
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  pp_source_t *h = docker_var(c, "http-proxy", "HTTP_PROXY", "http_proxy", &o);
  pp_source_t *s = docker_var(c, "https-proxy", "HTTPS_PROXY", "https_proxy", &o);
  pp_str_t ignore = PP_STR_INIT;
  pp_source_t *np = (h || s) ? docker_var(c, "no-proxy", "NO_PROXY", "no_proxy", &ignore) : NULL;
  pp_str_free(&ignore);
  c->effective.mode = PP_MODE_DIRECT;
  bool ok = !o.oom && two(c, h ? h->proxy : NULL, s ? s->proxy : NULL) && copy_bypass(c, np);
  if (ok && (h || s)) ok = by(c, "dockerd: %s", o.s);
  else if (ok)
    ok = by(c, "default: no daemon.json proxies and no proxy variables in dockerd's environment "
            "(docker.service): pulls go direct");
  pp_str_free(&o);
  return ok && docker_notes(c);
}

bool pp_config_decide_linux(pp_config_t *c, pp_consumer_t k, bool *handled) {
  bool found;
  *handled = true;
  switch (k) {
  case PP_FOR_KDE:
    if (!pp_config_decide_kde(c, &found)) return false;
    if (found) return true;
    c->effective.mode = PP_MODE_DIRECT;
    return by(c, "default: no kioslaverc given (ProxyType 0: direct)");
  case PP_FOR_SESSION:
    return pp_config_decide_env(c, 1u << PP_SRC_ENVFILE) &&
           prefix(c, "login session (pam_env /etc/environment)");
  case PP_FOR_SERVICE:
    return pp_config_decide_env(c, 1u << PP_SRC_SYSTEMD) &&
           prefix(c, "systemd system service (DefaultEnvironment)");
  case PP_FOR_APT: return apt(c);
  case PP_FOR_DOCKER: return docker(c);
  default: *handled = false; return true;
  }
}
