/* SPDX-License-Identifier: MIT */
/*
 * macOS proxy settings, offline (issue 21; docs/sources.md "macOS"):
 * `scutil --proxy` output (the SCDynamicStore State:/Network/Global/Proxies
 * dictionary as scutil prints it: "<dictionary> {", "KEY : VALUE",
 * "KEY : <array> {", "N : VALUE", "}") and the XML form of
 * /Library/Preferences/SystemConfiguration/preferences.plist (per network
 * service a Proxies dictionary; the current set's ServiceOrder). The keys
 * are SystemConfiguration's kSCPropNetProxies* (HTTPEnable, HTTPProxy,
 * HTTPPort, HTTPSEnable, ..., SOCKSEnable, ProxyAutoConfigEnable,
 * ProxyAutoConfigURLString, ProxyAutoDiscoveryEnable, ExceptionsList,
 * ExcludeSimpleHostnames), kept as settings; decide_macos.c reads them.
 * A binary plist ("bplist00") is refused with the plutil command that
 * converts it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"
#include "config/xml.h"

#define MAX_LINE 4096
#define MAX_DEPTH 32

/* ---- scutil --proxy ------------------------------------------------------- */

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

/* One line at depth; *why when it is not scutil's format. top_key is the
 * key of the open container at depth 1 (ExceptionsList, __SCOPED__). */
static bool scutil_line(pp_source_t *s, char *l, unsigned line, int *depth, char *top_key,
                        const char **why) {
  if (strcmp(l, "}") == 0) {
    if (*depth == 0) return (*why = "'}' without an open dictionary"), true;
    (*depth)--;
    return true;
  }
  if (*depth == 0) {
    if (strcmp(l, "<dictionary> {") != 0) *why = "not scutil --proxy output: '<dictionary> {' expected";
    else *depth = 1;
    return true;
  }
  char *colon = strstr(l, " : ");
  if (!colon) return (*why = "not 'KEY : VALUE'"), true;
  *colon = '\0';
  char *key = trim(l), *val = trim(colon + 3);
  bool open = strcmp(val, "<array> {") == 0 || strcmp(val, "<dictionary> {") == 0;
  if (!*key) return (*why = "an empty key"), true;
  if (open) {
    if (*depth == MAX_DEPTH) return (*why = "nested deeper than 32"), true;
    if (*depth == 1) snprintf(top_key, 64, "%s", key);
    (*depth)++;
    return true;
  }
  if (*depth == 1) return pp_config_setting_add(s, key, val, line);
  if (*depth == 2 && strcmp(top_key, "ExceptionsList") == 0)
    return pp_config_setting_add(s, "ExceptionsList", val, line);
  return true; /* __SCOPED__ and other nested values: per interface, not the global view */
}

pp_status_t pp_config_add_scutil(pp_config_t *c, const void *data, size_t len, const char *file) {
  const pp_source_kind_t k = PP_SRC_SCUTIL;
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  const char *line;
  size_t n;
  unsigned lineno = 0;
  int depth = 0;
  bool done = false;
  char top_key[64] = "", l[MAX_LINE + 1];
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  const char *why = NULL;
  bool ok = true;
  while (ok && !why && pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    while (n && (line[n - 1] == '\r' || line[n - 1] == '\n')) n--;
    if (n > MAX_LINE) why = "a line over 4096 bytes";
    else if (memchr(line, '\0', n)) why = "a NUL byte in the line";
    if (why) break;
    memcpy(l, line, n);
    l[n] = '\0';
    char *t = trim(l);
    if (!*t) continue;
    if (done) why = "text after the dictionary";
    else ok = scutil_line(&tmp, t, lineno, &depth, top_key, &why);
    if (ok && !why && depth == 0) done = true;
  }
  if (ok && !why && !done) why = depth ? "the output ends inside a dictionary" : "empty: no '<dictionary> {'";
  if (!ok || why) {
    pp_config_settings_free(&tmp);
    return ok ? pp_config_line_errorf(c, k, file, lineno ? lineno : 1, "%s", why) : PP_ENOMEM;
  }
  return pp_config_settings_source(c, k, file, &tmp, PP_ACCT_USER,
                                   "State:/Network/Global/Proxies", 1);
}

/* ---- preferences.plist (XML) ---------------------------------------------- */

typedef struct walker {
  char path[MAX_DEPTH][128]; /* the key or index of each open container */
  bool is_dict[MAX_DEPTH];
  int n;                     /* open containers */
  char key[128];             /* the pending <key> of the innermost dict */
  bool have_key;
  unsigned index[MAX_DEPTH];
} walker_t;

/* "NetworkServices/UUID/Proxies/HTTPProxy" for the value about to come. */
static void value_path(const walker_t *w, char *out, size_t n) {
  size_t o = 0;
  out[0] = '\0';
  for (int i = 1; i < w->n && o < n; i++) o += (size_t)snprintf(out + o, n - o, "%s/", w->path[i]);
  if (o >= n) return;
  if (w->n && w->is_dict[w->n - 1]) snprintf(out + o, n - o, "%s", w->key);
  else if (w->n) snprintf(out + o, n - o, "%u", w->index[w->n - 1]);
}

static const char *plist_scalar(const char *name) {
  static const char *const s[] = {"string", "integer", "real", "date", "data", "true", "false"};
  for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
    if (strcmp(name, s[i]) == 0) return s[i];
  return NULL;
}

/* Records the path for the next value in the parent container. */
static void enter(walker_t *w, bool dict) {
  char seg[128];
  if (w->n && w->is_dict[w->n - 1]) snprintf(seg, sizeof(seg), "%s", w->key);
  else snprintf(seg, sizeof(seg), "%u", w->n ? w->index[w->n - 1] : 0);
  snprintf(w->path[w->n], sizeof(w->path[0]), "%s", seg);
  w->is_dict[w->n] = dict;
  w->index[w->n] = 0;
  w->n++;
  w->have_key = false;
}

static void after_value(walker_t *w) {
  if (w->n && !w->is_dict[w->n - 1]) w->index[w->n - 1]++;
  w->have_key = false;
}

/* The flattened plist into tmp's settings (name = path); a reason in why. */
static bool flatten(pp_xml_t *x, pp_xml_tok_t *t, pp_source_t *tmp, const char **why,
                    unsigned *where) {
  walker_t *w = calloc(1, sizeof(*w));
  if (!w) return false;
  const char *scalar = NULL;
  char text[4096] = "", path[1024];
  bool ok = true, in_key = false;
  int r;
  while (ok && !*why && (r = pp_xml_next(x, t)) > 0) {
    *where = t->line;
    if (r == PP_XML_TEXT) {
      if (!in_key && !scalar) *why = "text outside a plist value";
      else snprintf(text, sizeof(text), "%s", t->text);
    } else if (r == PP_XML_OPEN) {
      bool in_dict = w->n && w->is_dict[w->n - 1];
      if (strcmp(t->name, "plist") == 0 && x->depth <= 1) continue;
      if (scalar || in_key) *why = "an element inside a plist value";
      else if (strcmp(t->name, "key") == 0) {
        if (!in_dict || w->have_key) *why = "<key> where a value is expected";
        in_key = !t->empty;
        text[0] = '\0';
        if (t->empty) w->key[0] = '\0', w->have_key = true;
      } else if (in_dict && !w->have_key) *why = "a value without its <key>";
      else if (strcmp(t->name, "dict") == 0 || strcmp(t->name, "array") == 0) {
        if (w->n == MAX_DEPTH) *why = "nested deeper than 32";
        else if (t->empty) after_value(w);
        else enter(w, t->name[0] == 'd');
      } else if ((scalar = plist_scalar(t->name))) {
        text[0] = '\0';
        if (t->empty) {
          value_path(w, path, sizeof(path));
          ok = pp_config_setting_add(tmp, path, strcmp(scalar, "true") == 0 ? "1" :
                                     strcmp(scalar, "false") == 0 ? "0" : "", t->line);
          after_value(w);
          scalar = NULL;
        }
      } else *why = "not a plist element";
    } else { /* CLOSE */
      if (in_key) {
        size_t kn = strnlen(text, sizeof(w->key) - 1); /* a longer key is cut */
        memcpy(w->key, text, kn);
        w->key[kn] = '\0';
        w->have_key = true;
        in_key = false;
      } else if (scalar) {
        value_path(w, path, sizeof(path));
        bool b = strcmp(scalar, "true") == 0 || strcmp(scalar, "false") == 0;
        ok = pp_config_setting_add(tmp, path, b ? (scalar[0] == 't' ? "1" : "0") : text, *where);
        after_value(w);
        scalar = NULL;
      } else if (strcmp(t->name, "dict") == 0 || strcmp(t->name, "array") == 0) {
        if (w->n && w->is_dict[w->n - 1] && w->have_key) *why = "a <key> without its value";
        else if (w->n) {
          w->n--;
          after_value(w);
        }
      }
    }
  }
  if (ok && !*why && x->why) *why = x->why, *where = x->line;
  free(w);
  return ok;
}

/* One source per network service with a Proxies dictionary, in the
 * current set's ServiceOrder (services not in it after, in file order). */
static pp_status_t services(pp_config_t *c, const pp_source_t *flat, const char *file) {
  const pp_setting_t *cur = pp_config_setting(flat, "CurrentSet", false);
  char order_prefix[256] = "";
  if (cur && cur->value[0] == '/')
    snprintf(order_prefix, sizeof(order_prefix), "%s/Network/Global/IPv4/ServiceOrder/", cur->value + 1);
  char **ids = NULL;
  size_t nids = 0;
  bool ok = true;
  for (size_t i = 0; ok && *order_prefix && i < flat->nsettings; i++)
    if (strncmp(flat->settings[i].name, order_prefix, strlen(order_prefix)) == 0)
      ok = pp_strlist_push(&ids, &nids, flat->settings[i].value);
  size_t ordered = nids;
  for (size_t i = 0; ok && i < flat->nsettings; i++) {
    const char *n = flat->settings[i].name;
    if (strncmp(n, "NetworkServices/", 16) != 0) continue;
    const char *slash = strchr(n + 16, '/');
    if (!slash || strncmp(slash, "/Proxies/", 9) != 0) continue;
    bool seen = false;
    for (size_t j = 0; j < nids; j++)
      if (strlen(ids[j]) == (size_t)(slash - n - 16) && strncmp(ids[j], n + 16, (size_t)(slash - n - 16)) == 0) seen = true;
    char *id = pp_strndup(n + 16, (size_t)(slash - n - 16));
    ok = id && (seen || pp_strlist_push(&ids, &nids, id));
    free(id);
  }
  for (size_t j = 0; ok && j < nids; j++) {
    char prefix[300], name[300];
    snprintf(prefix, sizeof(prefix), "NetworkServices/%s/Proxies/", ids[j]);
    snprintf(name, sizeof(name), "NetworkServices/%s/UserDefinedName", ids[j]);
    bool any = false;
    for (size_t i = 0; i < flat->nsettings; i++)
      if (strncmp(flat->settings[i].name, prefix, strlen(prefix)) == 0) any = true;
    if (!any) continue;
    pp_source_t *s = pp_config_push(c, PP_SRC_MACOS_PLIST, file);
    const pp_setting_t *label = pp_config_setting(flat, name, false);
    pp_str_t v = PP_STR_INIT;
    pp_str_printf(&v, "%s (%s%s)", label ? label->value : ids[j], ids[j],
                  j < ordered ? "" : ", not in the ServiceOrder");
    ok = s && !v.oom && (s->value = pp_str_take(&v));
    if (!ok) pp_str_free(&v);
    for (size_t i = 0; ok && i < flat->nsettings; i++) {
      const pp_setting_t *f = &flat->settings[i];
      if (strncmp(f->name, prefix, strlen(prefix)) != 0) continue;
      const char *key = f->name + strlen(prefix);
      if (strncmp(key, "ExceptionsList/", 15) == 0) key = "ExceptionsList";
      if (!s->line) s->line = f->line;
      ok = pp_config_setting_add(s, key, f->value, f->line);
    }
    if (ok) s->account = PP_ACCT_MACHINE;
  }
  pp_strlist_free(ids, nids);
  return ok ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_config_add_macos_plist(pp_config_t *c, const void *data, size_t len,
                                      const char *file) {
  const pp_source_kind_t k = PP_SRC_MACOS_PLIST;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  if (len >= 6 && memcmp(data, "bplist", 6) == 0)
    return pp_config_line_errorf(c, k, file, 1, "a binary property list: pacprobe reads the XML "
                                "form; convert it with 'plutil -convert xml1 -o - %s'", file);
  pp_xml_t *x = malloc(sizeof(*x));
  pp_xml_tok_t *t = malloc(sizeof(*t));
  pp_source_t flat;
  memset(&flat, 0, sizeof(flat));
  const char *why = NULL;
  unsigned where = 1;
  bool ok = x && t;
  if (ok) {
    pp_xml_init(x, data, len);
    ok = flatten(x, t, &flat, &why, &where);
  }
  /* the error first: why may point into x */
  pp_status_t st = !ok ? PP_ENOMEM
                   : why ? pp_config_line_errorf(c, k, file, where, "not an XML property list: %s", why)
                         : services(c, &flat, file);
  free(x);
  free(t);
  pp_config_settings_free(&flat);
  return st;
}
