/* SPDX-License-Identifier: MIT */
/*
 * `--for chrome` and `--for edge` (docs/sources.md "Browser policies"): a
 * proxy policy decides before anything the user set; the machine's policy
 * before the user's (Chromium's platform policy precedence: machine over
 * user); mode "system", or no policy, leaves it to the system settings,
 * which decide.c then reads (WinINet on Windows, else the environment).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

static const char *label(pp_consumer_t k) { return k == PP_FOR_EDGE ? "Edge" : "Chrome"; }

/* The mode a policy source resolves to: its ProxyMode, else its
 * ProxyServerMode (registry values keep it in dword+1). NULL: none. */
static const char *mode_of(const pp_source_t *s) {
  static const char *const by_int[] = {"direct", "auto_detect", NULL, "system"};
  if (s->mode) return s->mode;
  if (!s->dword || s->dword > 4) return NULL;
  if (s->dword == 3) return s->pac_url ? "pac_script" : "fixed_servers";
  return by_int[s->dword - 1];
}

/* The deciding policy: a machine one before a user one, the later file of
 * the same account winning (as several --reg files do). */
static pp_source_t *policy(pp_config_t *c, pp_source_kind_t kind) {
  pp_source_t *best = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->kind != kind || s->error || !mode_of(s)) continue;
    if (best && best->account == PP_ACCT_MACHINE && s->account != PP_ACCT_MACHINE) continue;
    best = s;
  }
  return best;
}

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

static bool overridden(pp_config_t *c, const pp_source_t *p, const char *where) {
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  for (size_t i = 0; i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    bool env = s->kind == PP_SRC_ENV && s->proxy;
    bool win = (s->kind == PP_SRC_WININET || s->kind == PP_SRC_WININET_VALUES) &&
               s->account == PP_ACCT_USER && !s->error && (s->proxy || s->pac_url);
    if (env || win)
      pp_str_printf(&o, "%s%s %s", o.len ? ", " : "", pp_source_kind_name(s->kind),
                    s->value ? s->value : "");
  }
  bool ok = !o.oom;
  if (ok && o.len)
    ok = pp_config_warn(c, "policy-overrides-user", "the %s policy (%s) decides; %s does not use "
                        "the user's settings (%s)", pp_source_kind_name(p->kind), where,
                        p->kind == PP_SRC_EDGE_POLICY ? "Edge" : "Chrome", o.s);
  pp_str_free(&o);
  return ok;
}

bool pp_config_decide_browser(pp_config_t *c, pp_consumer_t k, bool *done) {
  pp_source_kind_t kind = k == PP_FOR_EDGE ? PP_SRC_EDGE_POLICY : PP_SRC_CHROME_POLICY;
  pp_source_t *p = policy(c, kind);
  char where[512], by[768];
  *done = false;
  if (!p) return true;
  const char *mode = mode_of(p);
  if (p->file && p->line) snprintf(where, sizeof(where), "%s:%u", p->file, p->line);
  else snprintf(where, sizeof(where), "%s", p->file ? p->file : p->key ? p->key : "");
  p->in_effect = true;
  if (strcmp(mode, "system") == 0) return true; /* decide.c reads the system settings */
  pp_config_effective_t *e = &c->effective;
  bool ok = true;
  if (strcmp(mode, "direct") == 0) e->mode = PP_MODE_DIRECT;
  else if (strcmp(mode, "auto_detect") == 0) e->mode = PP_MODE_AUTO_DETECT, e->auto_detect = true;
  else if (strcmp(mode, "pac_script") == 0) {
    e->mode = PP_MODE_PAC;
    ok = set(&e->pac_url, p->pac_url);
  } else {
    e->mode = PP_MODE_PROXY;
    ok = set(&e->proxy, p->proxy);
    for (size_t i = 0; ok && i < p->nbypass; i++) ok = pp_strlist_push(&e->bypass, &e->nbypass, p->bypass[i]);
  }
  snprintf(by, sizeof(by), "%s policy ProxyMode=%s%s (%s%s)", label(k), mode,
           p->mandatory ? ", ProxyPacMandatory" : "", p->account == PP_ACCT_USER ? "user, " : "",
           where);
  *done = true;
  return ok && set(&c->decided_by, by) && overridden(c, p, where);
}

bool pp_config_browser_system_note(pp_config_t *c, pp_consumer_t k) {
  pp_source_t *p = policy(c, k == PP_FOR_EDGE ? PP_SRC_EDGE_POLICY : PP_SRC_CHROME_POLICY);
  char app[64];
  if (p) snprintf(app, sizeof(app), "%s policy ProxyMode=system", label(k));
  else snprintf(app, sizeof(app), "no %s proxy policy", label(k));
  return pp_config_system_note(c, app);
}

bool pp_config_decide_gnome(pp_config_t *c, bool *found) {
  pp_source_t *g = NULL;
  char by[768];
  for (size_t i = 0; i < c->nsources; i++)
    if (c->sources[i].kind == PP_SRC_GNOME && !c->sources[i].error) g = &c->sources[i];
  *found = g != NULL;
  if (!g) return true;
  g->in_effect = true;
  pp_config_effective_t *e = &c->effective;
  bool ok = true;
  if (strcmp(g->mode, "manual") == 0 && g->proxy) {
    e->mode = PP_MODE_PROXY;
    ok = set(&e->proxy, g->proxy);
    for (size_t i = 0; ok && i < g->nbypass; i++) ok = pp_strlist_push(&e->bypass, &e->nbypass, g->bypass[i]);
  } else if (strcmp(g->mode, "auto") == 0) {
    e->mode = g->pac_url ? PP_MODE_PAC : PP_MODE_AUTO_DETECT;
    e->auto_detect = !g->pac_url;
    ok = set(&e->pac_url, g->pac_url);
  } else {
    e->mode = PP_MODE_DIRECT;
  }
  snprintf(by, sizeof(by), "GNOME org.gnome.system.proxy mode=%s%s (%s)", g->mode,
           strcmp(g->mode, "manual") == 0 && !g->proxy ? " without hosts" : "", g->file ? g->file : "");
  return ok && set(&c->decided_by, by);
}
