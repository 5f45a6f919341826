/* SPDX-License-Identifier: MIT */
/*
 * Firefox's proxy configuration (issue 21; docs/sources.md "Firefox"):
 * the enterprise policies.json "Proxy" policy and the prefs.js / user.js
 * network.proxy.* preferences. Both become one list of preferences per
 * file: a policy is stored as the preferences Firefox's ProxyPolicies
 * module sets from it (browser/components/enterprisepolicies/helpers/
 * ProxyPolicies.sys.mjs: Mode -> network.proxy.type, HTTPProxy "host:port"
 * -> network.proxy.http and http_port, ...), so decide_apps.c reads one
 * vocabulary. The prefs files are parsed statement by statement as
 * Firefox's own pref parser reads them (modules/libpref/parser), never
 * evaluated: user_pref/pref/sticky_pref("name", value); with //, # and
 * block comments. A file whose name ends in user.js is a user.js.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config/config_int.h"

#define MAX_STRING 4096

/* ---- policies.json -------------------------------------------------------- */

/* ProxyPolicies.sys.mjs PROXY_TYPES_MAP */
static const struct { const char *mode; const char *type; } modes[] = {
    {"none", "0"}, {"system", "5"}, {"manual", "1"}, {"autoDetect", "4"}, {"autoConfig", "2"}};

/* The policy's keys and their JSON types (the policy schema,
 * browser/components/enterprisepolicies/schemas/policies-schema.json). */
static const struct { const char *key; json_type type; } schema[] = {
    {"Mode", JSON_STRING},          {"Locked", JSON_TRUE},
    {"AutoConfigURL", JSON_STRING}, {"FTPProxy", JSON_STRING},
    {"HTTPProxy", JSON_STRING},     {"SSLProxy", JSON_STRING},
    {"SOCKSProxy", JSON_STRING},    {"SOCKSVersion", JSON_INTEGER},
    {"Passthrough", JSON_STRING},   {"UseHTTPProxyForAllProtocols", JSON_TRUE},
    {"AutoLogin", JSON_TRUE},       {"UseProxyForDNS", JSON_TRUE}};

static bool type_ok(json_t *v, json_type t) {
  if (t == JSON_TRUE) return json_is_boolean(v);
  return json_typeof(v) == t;
}

/* The first key of the wrong type or value, or NULL. */
static const char *bad_key(json_t *p, char *why, size_t n) {
  for (size_t i = 0; i < sizeof(schema) / sizeof(schema[0]); i++) {
    json_t *v = json_object_get(p, schema[i].key);
    if (v && !type_ok(v, schema[i].type)) {
      snprintf(why, n, "policy Proxy.%s has the wrong type", schema[i].key);
      return schema[i].key;
    }
  }
  json_t *m = json_object_get(p, "Mode");
  if (m) {
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
      if (strcmp(json_string_value(m), modes[i].mode) == 0) return NULL;
    snprintf(why, n, "policy Proxy.Mode '%.64s' is not none, system, manual, autoDetect or "
             "autoConfig", json_string_value(m));
    return "Mode";
  }
  json_t *v = json_object_get(p, "SOCKSVersion");
  if (v && json_integer_value(v) != 4 && json_integer_value(v) != 5) {
    snprintf(why, n, "policy Proxy.SOCKSVersion must be 4 or 5");
    return "SOCKSVersion";
  }
  return NULL;
}

/* setProxyHostAndPort: Firefox parses "https://" + address with the URL
 * parser and sets the host, and the port only when the URL keeps one (an
 * https URL drops :443). */
static bool host_port(pp_source_t *s, const char *type, const char *addr, unsigned line) {
  char name[64], host[512];
  const char *colon = strrchr(addr, ':');
  size_t hn = colon && !strchr(colon, ']') ? (size_t)(colon - addr) : strlen(addr);
  if (hn >= sizeof(host)) hn = sizeof(host) - 1;
  memcpy(host, addr, hn);
  host[hn] = '\0';
  snprintf(name, sizeof(name), "network.proxy.%s", type);
  if (!pp_config_setting_add(s, name, host, line)) return false;
  if (!colon || hn == strlen(addr)) return true;
  unsigned long port = strtoul(colon + 1, NULL, 10);
  if (port == 0 || port == 443 || port > 65535) return true;
  char num[16];
  snprintf(num, sizeof(num), "%lu", port);
  snprintf(name, sizeof(name), "network.proxy.%s_port", type);
  return pp_config_setting_add(s, name, num, line);
}

static bool policy_prefs(pp_source_t *s, json_t *p, const char *data, size_t len) {
  json_t *v;
  bool ok = true;
#define LINE(k) pp_config_json_key_line(data, len, k)
  if ((v = json_object_get(p, "Mode")))
    for (size_t i = 0; ok && i < sizeof(modes) / sizeof(modes[0]); i++)
      if (strcmp(json_string_value(v), modes[i].mode) == 0)
        ok = (s->mode = strdup(modes[i].mode)) &&
             pp_config_setting_add(s, "network.proxy.type", modes[i].type, LINE("Mode"));
  if (ok && (v = json_object_get(p, "AutoConfigURL")))
    ok = pp_config_setting_add(s, "network.proxy.autoconfig_url", json_string_value(v),
                               LINE("AutoConfigURL"));
  if (ok && (v = json_object_get(p, "Passthrough")))
    ok = pp_config_setting_add(s, "network.proxy.no_proxies_on", json_string_value(v),
                               LINE("Passthrough"));
  bool all = json_is_true(json_object_get(p, "UseHTTPProxyForAllProtocols"));
  if (ok && json_object_get(p, "UseHTTPProxyForAllProtocols"))
    ok = pp_config_setting_add(s, "network.proxy.share_proxy_settings", all ? "true" : "false",
                               LINE("UseHTTPProxyForAllProtocols"));
  if (ok && (v = json_object_get(p, "UseProxyForDNS")))
    ok = pp_config_setting_add(s, "network.proxy.socks_remote_dns",
                               json_is_true(v) ? "true" : "false", LINE("UseProxyForDNS"));
  const char *http = json_string_value(json_object_get(p, "HTTPProxy"));
  if (ok && http) ok = host_port(s, "http", http, LINE("HTTPProxy"));
  /* "UseHTTPProxyForAllProtocols: the other proxies become the HTTP one" */
  const char *ssl = all && http ? http : json_string_value(json_object_get(p, "SSLProxy"));
  const char *socks = all && http ? http : json_string_value(json_object_get(p, "SOCKSProxy"));
  if (ok && ssl) ok = host_port(s, "ssl", ssl, LINE(all && http ? "HTTPProxy" : "SSLProxy"));
  if (ok && socks) ok = host_port(s, "socks", socks, LINE(all && http ? "HTTPProxy" : "SOCKSProxy"));
  if (ok && (v = json_object_get(p, "SOCKSVersion"))) {
    char num[8];
    snprintf(num, sizeof(num), "%d", (int)json_integer_value(v));
    ok = pp_config_setting_add(s, "network.proxy.socks_version", num, LINE("SOCKSVersion"));
  }
#undef LINE
  return ok;
}

pp_status_t pp_config_add_firefox_policies(pp_config_t *c, const void *data, size_t len,
                                           const char *file) {
  const pp_source_kind_t k = PP_SRC_FIREFOX_POLICY;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  json_error_t je;
  json_t *root = json_loadb(data, len, 0, &je);
  if (!root)
    return pp_config_line_errorf(c, k, file, (unsigned)je.line, "%d: not a JSON policies file: %s",
                                je.column, je.text);
  json_t *pol = json_is_object(root) ? json_object_get(root, "policies") : NULL;
  json_t *p = pol && json_is_object(pol) ? json_object_get(pol, "Proxy") : NULL;
  char why[256] = "";
  const char *bad = NULL;
  if (!json_is_object(root)) snprintf(why, sizeof(why), "a policies file is a JSON object");
  else if (pol && !json_is_object(pol)) snprintf(why, sizeof(why), "\"policies\" is not an object");
  else if (p && !json_is_object(p)) bad = "Proxy", snprintf(why, sizeof(why), "policy Proxy is not an object");
  else if (p) bad = bad_key(p, why, sizeof(why));
  if (*why) {
    unsigned line = bad ? pp_config_json_key_line(data, len, bad) : !json_is_object(root) ? 1 : pp_config_json_key_line(data, len, "policies");
    json_decref(root);
    return pp_config_line_errorf(c, k, file, line, "%s (Firefox ignores the Proxy policy)", why);
  }
  pp_source_t *s = pp_config_push(c, k, file);
  bool ok = s && (s->value = strdup("Proxy"));
  if (ok) {
    s->account = PP_ACCT_MACHINE;
    s->line = p ? pp_config_json_key_line(data, len, "Proxy") : 0;
    s->locked = p && json_is_true(json_object_get(p, "Locked"));
    if (p) ok = policy_prefs(s, p, data, len);
  }
  json_decref(root);
  return ok ? PP_OK : PP_ENOMEM;
}

/* ---- prefs.js / user.js ------------------------------------------------- */

typedef struct lexer {
  const char *p, *end;
  unsigned line;
  const char *why;
} lexer_t;

/* Skips blanks and the three comment forms; false on an unclosed comment. */
static bool skip(lexer_t *x) {
  while (x->p < x->end) {
    char ch = *x->p;
    if (ch == '\n') x->line++, x->p++;
    else if (ch == ' ' || ch == '\t' || ch == '\r') x->p++;
    else if (ch == '#' || (ch == '/' && x->p + 1 < x->end && x->p[1] == '/'))
      while (x->p < x->end && *x->p != '\n') x->p++;
    else if (ch == '/' && x->p + 1 < x->end && x->p[1] == '*') {
      const char *q = x->p + 2;
      while (q + 1 < x->end && !(q[0] == '*' && q[1] == '/')) x->line += *q++ == '\n';
      if (q + 1 >= x->end) return (x->why = "unterminated /* comment"), false;
      x->p = q + 2;
    } else return true;
  }
  return true;
}

static bool expect(lexer_t *x, char ch, const char *why) {
  if (!skip(x)) return false;
  if (x->p >= x->end || *x->p != ch) return (x->why = why), false;
  x->p++;
  return true;
}

/* A "string" or 'string' with the escapes \" \' \\ \n \r \t \xHH \uHHHH
 * (non-ASCII kept as bytes, made printable later). */
static bool string(lexer_t *x, char *out, size_t n) {
  char q = *x->p++;
  size_t o = 0;
  while (x->p < x->end && *x->p != q) {
    char ch = *x->p++;
    if (ch == '\n') return (x->why = "a newline inside a string"), false;
    if (ch == '\\') {
      if (x->p >= x->end) break;
      ch = *x->p++;
      if (ch == 'n') ch = '\n';
      else if (ch == 't') ch = '\t';
      else if (ch == 'r') ch = '\r';
      else if (ch == 'x' || ch == 'u') {
        int digits = ch == 'x' ? 2 : 4;
        unsigned v = 0;
        for (int i = 0; i < digits; i++, x->p++) {
          if (x->p >= x->end || !strchr("0123456789abcdefABCDEF", *x->p) || !*x->p)
            return (x->why = "a bad \\x or \\u escape"), false;
          char h = *x->p;
          v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        ch = v < 0x80 ? (char)v : '?';
      }
    }
    if (o + 1 >= n) return (x->why = "a string over 4096 bytes"), false;
    out[o++] = ch;
  }
  if (x->p >= x->end) return (x->why = "unterminated string"), false;
  x->p++;
  out[o] = '\0';
  return true;
}

/* A value: string, integer (optionally signed) or true/false. */
static bool value(lexer_t *x, char *out, size_t n) {
  if (!skip(x) || x->p >= x->end) return (x->why = x->why ? x->why : "a value expected"), false;
  if (*x->p == '"' || *x->p == '\'') return string(x, out, n);
  const char *start = x->p;
  if (*x->p == '-' || *x->p == '+') x->p++;
  while (x->p < x->end && ((*x->p >= '0' && *x->p <= '9') || (*x->p >= 'a' && *x->p <= 'z'))) x->p++;
  size_t len = (size_t)(x->p - start);
  if (len == 0 || len >= n) return (x->why = "a value expected (string, integer, true or false)"), false;
  memcpy(out, start, len);
  out[len] = '\0';
  if (strcmp(out, "true") == 0 || strcmp(out, "false") == 0) return true;
  char *e;
  long long v = strtoll(out, &e, 10);
  if (*e || v > 2147483647LL || v < -2147483648LL)
    return (x->why = "a value expected (string, 32-bit integer, true or false)"), false;
  return true;
}

static bool keep(const char *name) {
  return strncmp(name, "network.proxy.", 14) == 0 || strcmp(name, "signon.autologin.proxy") == 0;
}

/* One statement: user_pref|pref|sticky_pref ( "name" , value [, attrs] ) ; */
static int statement(lexer_t *x, pp_source_t *tmp, unsigned *at) {
  if (!skip(x)) return -1;
  if (x->p >= x->end) return 0;
  *at = x->line;
  static const char *const fns[] = {"user_pref", "sticky_pref", "pref"};
  size_t i = 0;
  for (; i < 3; i++) {
    size_t n = strlen(fns[i]);
    if ((size_t)(x->end - x->p) >= n && memcmp(x->p, fns[i], n) == 0) break;
  }
  if (i == 3) return (x->why = "not user_pref(\"name\", value);"), -1;
  x->p += strlen(fns[i]);
  char name[512], val[MAX_STRING];
  if (!expect(x, '(', "'(' expected")) return -1;
  if (!skip(x) || x->p >= x->end || (*x->p != '"' && *x->p != '\''))
    return (x->why = x->why ? x->why : "a quoted preference name expected"), -1;
  if (!string(x, name, sizeof(name)) || !expect(x, ',', "',' expected") || !value(x, val, sizeof(val)))
    return -1;
  /* pref("name", value, locked, sticky): attributes we do not need */
  while (skip(x) && x->p < x->end && *x->p == ',') {
    x->p++;
    if (!skip(x)) return -1;
    size_t n = (size_t)(x->end - x->p);
    if (n >= 6 && memcmp(x->p, "locked", 6) == 0) x->p += 6;
    else if (n >= 6 && memcmp(x->p, "sticky", 6) == 0) x->p += 6;
    else return (x->why = "an attribute expected (locked or sticky)"), -1;
  }
  if (!expect(x, ')', "')' expected") || !expect(x, ';', "';' expected")) return -1;
  if (keep(name) && !pp_config_setting_add(tmp, name, val, *at)) return -2;
  return 1;
}

pp_status_t pp_config_add_firefox_prefs(pp_config_t *c, const void *data, size_t len,
                                        const char *file) {
  const pp_source_kind_t k = PP_SRC_FIREFOX_PREFS;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  lexer_t x = {(const char *)data, (const char *)data + len, 1, NULL};
  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) x.p += 3;
  if (memchr(data, '\0', len)) return pp_config_line_errorf(c, k, file, 1, "a NUL byte: not a prefs file");
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  unsigned at = 1;
  int r;
  while ((r = statement(&x, &tmp, &at)) == 1) {}
  if (r < 0) {
    pp_config_settings_free(&tmp);
    if (r == -2) return PP_ENOMEM;
    return pp_config_line_errorf(c, k, file, at, "%s (Firefox skips this statement; pacprobe does not use the file)", x.why);
  }
  size_t fl = strlen(file);
  bool user_js = fl >= 7 && strcmp(file + fl - 7, "user.js") == 0;
  return pp_config_settings_source(c, k, file, &tmp, PP_ACCT_USER, user_js ? "user.js" : "prefs.js",
                                   0);
}
