/* SPDX-License-Identifier: MIT */
/*
 * Chrome and Edge proxy policies (issue 21; docs/sources.md "Browser
 * policies"): the Linux JSON policy files, and the same policies as
 * registry values (Software\Policies\Google\Chrome, ...\Chromium,
 * ...\Microsoft\Edge under HKLM or HKCU) from a .reg export or the live
 * registry. The mode is resolved as Chromium's ProxyPolicyHandler does
 * (components/proxy_config/proxy_policy_handler.cc ApplyPolicySettings):
 * ProxySettings replaces the separate policies; ProxyMode, else
 * ProxyServerMode (0 direct, 1 auto-detect, 2 manual: pac_script with a
 * ProxyPacUrl, else fixed_servers, 3 system); an empty string is unset.
 * Which policy decides is decide_browser.c's job.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "config/config_int.h"

static const char *const modes[] = {"direct", "auto_detect", "pac_script", "fixed_servers",
                                    "system"};

static bool known_mode(const char *m) {
  for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
    if (strcmp(m, modes[i]) == 0) return true;
  return false;
}

/* The 1-based line of the first `"key"` in the text (0 when absent), so a
 * policy error names a line although jansson keeps no key positions. */
unsigned pp_config_json_key_line(const char *data, size_t len, const char *key) {
  char pat[64];
  int n = snprintf(pat, sizeof(pat), "\"%s\"", key);
  unsigned line = 1;
  for (size_t i = 0; n > 0 && i + (size_t)n <= len; i++) {
    if (data[i] == '\n') line++;
    else if (memcmp(data + i, pat, (size_t)n) == 0) return line;
  }
  return 0;
}

/* A string policy: NULL when absent, empty or null; *bad when another type. */
static const char *str_policy(json_t *o, const char *key, bool *bad) {
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) return NULL;
  if (!json_is_string(v)) {
    *bad = true;
    return NULL;
  }
  return *json_string_value(v) ? json_string_value(v) : NULL;
}

typedef struct policy {
  const char *mode, *server, *pac_url, *bypass;
  long long server_mode; /* -1 unset */
  bool mandatory;
} policy_t;

static bool set_str(char **dst, const char *s) {
  if (!s) return true;
  *dst = pp_config_printable(s, strlen(s));
  return *dst != NULL;
}

/* Fills s from p; a reason in why for a policy Chrome rejects. */
static bool apply(pp_source_t *s, const policy_t *p, char *why, size_t n) {
  const char *mode = p->mode;
  if (!mode && p->server_mode >= 0) {
    static const char *const by_int[] = {"direct", "auto_detect", NULL, "system"};
    if (p->server_mode > 3) {
      snprintf(why, n, "ProxyServerMode %lld is out of range (0-3)", p->server_mode);
      return true;
    }
    mode = p->server_mode == 2 ? (p->pac_url ? "pac_script" : "fixed_servers")
                               : by_int[p->server_mode];
  }
  if (!mode) return true; /* no proxy policy in this file */
  if (!known_mode(mode)) {
    snprintf(why, n, "ProxyMode '%.64s' is not direct, auto_detect, pac_script, fixed_servers "
             "or system", mode);
    return true;
  }
  if (strcmp(mode, "pac_script") == 0 && !p->pac_url) {
    snprintf(why, n, "ProxyMode pac_script without ProxyPacUrl");
    return true;
  }
  if (strcmp(mode, "fixed_servers") == 0 && !p->server) {
    snprintf(why, n, "ProxyMode fixed_servers without ProxyServer");
    return true;
  }
  s->mandatory = p->mandatory && strcmp(mode, "pac_script") == 0;
  bool ok = (s->mode = strdup(mode)) != NULL;
  if (ok && strcmp(mode, "pac_script") == 0) ok = set_str(&s->pac_url, p->pac_url);
  if (ok && strcmp(mode, "fixed_servers") == 0) {
    char *server = pp_config_printable(p->server, strlen(p->server));
    ok = server && pp_config_set_proxy(s, server);
    free(server);
    if (ok && p->bypass) {
      char *b = pp_config_printable(p->bypass, strlen(p->bypass));
      ok = b && pp_config_split_bypass(b, ",; \t", &s->bypass, &s->nbypass);
      free(b);
    }
  }
  return ok;
}

static const char *const keys[] = {"ProxyMode", "ProxyServerMode", "ProxyPacUrl", "ProxyServer",
                                   "ProxyBypassList", "ProxyPacMandatory", NULL};

/* The policies of one dictionary; the name of a policy of the wrong type
 * in *bad_key. */
static void read_dict(json_t *o, policy_t *p, const char **bad_key) {
  bool bad = false;
  p->server_mode = -1;
  p->mode = str_policy(o, "ProxyMode", &bad);
  if (bad && !*bad_key) *bad_key = "ProxyMode";
  bad = false;
  p->server = str_policy(o, "ProxyServer", &bad);
  if (bad && !*bad_key) *bad_key = "ProxyServer";
  bad = false;
  p->pac_url = str_policy(o, "ProxyPacUrl", &bad);
  if (bad && !*bad_key) *bad_key = "ProxyPacUrl";
  bad = false;
  p->bypass = str_policy(o, "ProxyBypassList", &bad);
  if (bad && !*bad_key) *bad_key = "ProxyBypassList";
  json_t *sm = json_object_get(o, "ProxyServerMode");
  if (sm && json_is_integer(sm) && json_integer_value(sm) >= 0) p->server_mode = json_integer_value(sm);
  else if (sm && !json_is_null(sm) && !*bad_key) *bad_key = "ProxyServerMode";
  json_t *m = json_object_get(o, "ProxyPacMandatory");
  if (m && json_is_boolean(m)) p->mandatory = json_is_true(m);
  else if (m && !json_is_null(m) && !*bad_key) *bad_key = "ProxyPacMandatory";
}

static pp_status_t error_source(pp_config_t *c, pp_source_kind_t k, const char *file,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static pp_status_t error_source(pp_config_t *c, pp_source_kind_t k, const char *file,
                                const char *fmt, ...) {
  char msg[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  char *safe = pp_config_printable(msg, strlen(msg));
  pp_status_t st = safe ? pp_config_add_error(c, k, file, safe) : PP_ENOMEM;
  free(safe);
  return st;
}

pp_status_t pp_config_add_browser_policy(pp_config_t *c, const void *data, size_t len,
                                         const char *file, bool edge) {
  pp_source_kind_t k = edge ? PP_SRC_EDGE_POLICY : PP_SRC_CHROME_POLICY;
  json_error_t je;
  if (len > PP_CONFIG_MAX_BYTES)
    return error_source(c, k, file, "%s: over the 32 MiB limit for a configuration file", file);
  json_t *root = json_loadb(data, len, 0, &je);
  if (!root)
    return error_source(c, k, file, "%s:%d:%d: not a JSON policy file: %s", file, je.line,
                        je.column, je.text);
  if (!json_is_object(root)) {
    json_decref(root);
    return error_source(c, k, file, "%s:1:1: a policy file is a JSON object", file);
  }
  json_t *dict = root;
  json_t *ps = json_object_get(root, "ProxySettings");
  const char *bad_key = NULL;
  if (ps && !json_is_object(ps) && !json_is_null(ps)) bad_key = "ProxySettings";
  else if (ps && json_is_object(ps)) dict = ps;
  policy_t p = {0};
  read_dict(dict, &p, &bad_key);
  if (bad_key) {
    json_decref(root);
    return error_source(c, k, file, "%s:%u: policy %s has the wrong type (Chrome ignores the "
                        "proxy policies)", file, pp_config_json_key_line(data, len, bad_key), bad_key);
  }
  pp_source_t *s = pp_config_push(c, k, file);
  char why[256] = "";
  bool ok = s && (s->value = strdup(dict == ps ? "ProxySettings" : "ProxyMode")) &&
            apply(s, &p, why, sizeof(why));
  if (ok) {
    s->account = PP_ACCT_MACHINE; /* /etc: every user of the machine */
    const char *first = dict == ps ? "ProxySettings" : NULL;
    for (size_t i = 0; !first && keys[i]; i++)
      if (json_object_get(dict, keys[i])) first = keys[i];
    s->line = first ? pp_config_json_key_line(data, len, first) : 0;
    if (*why) {
      char msg[512];
      snprintf(msg, sizeof(msg), "%s:%u: %s (Chrome ignores the proxy policies)", file, s->line, why);
      c->nerrors++;
      ok = (s->error = pp_config_printable(msg, strlen(msg))) != NULL;
    }
  }
  json_decref(root);
  return ok ? PP_OK : PP_ENOMEM;
}

/* The registry form: one source per key, values gathered as they come;
 * ProxyServerMode is kept in dword + 1 and resolved when deciding. */
pp_status_t pp_config_add_browser_reg_value(pp_config_t *c, const char *file,
                                            const pp_reg_value_t *v, pp_account_t a, bool edge) {
  pp_source_kind_t k = edge ? PP_SRC_EDGE_POLICY : PP_SRC_CHROME_POLICY;
  size_t i = 0;
  while (keys[i] && strcasecmp(v->name, keys[i]) != 0) i++;
  if (!keys[i]) return PP_OK;
  pp_source_t *s = c->nsources ? &c->sources[c->nsources - 1] : NULL;
  if (!s || s->kind != k || !s->key || strcmp(s->key, v->key) != 0 ||
      (s->file && file ? strcmp(s->file, file) != 0 : s->file != file)) {
    if (!(s = pp_config_push(c, k, file))) return PP_ENOMEM;
    s->line = v->line;
    s->account = a;
    if (!(s->key = strdup(v->key)) || !(s->value = strdup("ProxyMode"))) return PP_ENOMEM;
  }
  bool text = v->type == PP_REG_SZ || v->type == PP_REG_EXPAND_SZ;
  const char *str = text && v->len ? (const char *)v->data : NULL;
  uint32_t dw = v->type == PP_REG_DWORD && v->len == 4
                    ? (uint32_t)v->data[0] | (uint32_t)v->data[1] << 8 |
                          (uint32_t)v->data[2] << 16 | (uint32_t)v->data[3] << 24
                    : 0xffffffffu;
  bool ok = true;
  switch (i) {
  case 0: free(s->mode); s->mode = NULL; ok = set_str(&s->mode, str); break;
  case 1: if (dw <= 3) s->dword = dw + 1; break;
  case 2: free(s->pac_url); s->pac_url = NULL; ok = set_str(&s->pac_url, str); break;
  case 3: if (str) ok = pp_config_set_proxy(s, str); break;
  case 4: if (str) ok = pp_config_split_bypass(str, ",; \t", &s->bypass, &s->nbypass); break;
  default: s->mandatory = dw == 1; break;
  }
  return ok ? PP_OK : PP_ENOMEM;
}
