/* SPDX-License-Identifier: MIT */
/*
 * Formatting a decided proxy configuration for `sources` (DESIGN §1.6):
 * every source with what it says and whether it is in effect, then the
 * effective configuration, decided_by and warnings; as text or one JSON
 * object. Proxy strings arrive masked from the library; nothing here
 * prints a password.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/json.h"
#include "cli/sources.h"
#include "util/str.h"

static void flag_names(FILE *out, uint32_t f) {
  static const char *const n[] = {"direct", "proxy", "auto-config URL", "auto-detect"};
  const char *sep = "";
  fputs(" (", out);
  for (unsigned i = 0; i < 4; i++)
    if (f & (1u << i)) {
      fprintf(out, "%s%s", sep, n[i]);
      sep = ", ";
    }
  fputs(")", out);
}

static void list(FILE *out, char **v, size_t n, const char *sep) {
  for (size_t i = 0; i < n; i++) fprintf(out, "%s%s", i ? sep : "", pp_safe(v[i]));
}

/* Kinds whose "user" is a registry hive (HKEY_CURRENT_USER). */
static bool registry_kind(pp_source_kind_t k) {
  return k == PP_SRC_WININET || k == PP_SRC_WININET_VALUES || k == PP_SRC_POLICY ||
         k == PP_SRC_WINHTTP || k == PP_SRC_CHROME_POLICY || k == PP_SRC_EDGE_POLICY;
}

/* Application sources: the settings as read, with their lines. */
static void settings_text(FILE *out, const pp_source_t *s) {
  if (s->kind == PP_SRC_FIREFOX_POLICY)
    fprintf(out, "    Mode: %s%s\n", s->mode ? pp_safe(s->mode) : "(not set)",
            s->locked ? " (Locked)" : " (not Locked: defaults the user can change)");
  for (size_t i = 0; i < s->nsettings; i++)
    fprintf(out, "    %s = %s  (line %u)\n", pp_safe(s->settings[i].name),
            pp_safe(s->settings[i].value), s->settings[i].line);
}

static void title(FILE *out, size_t i, const pp_source_t *s) {
  fprintf(out, "source %zu: %s", i + 1, pp_source_kind_name(s->kind));
  if (s->account != PP_ACCT_NONE && s->kind != PP_SRC_NETSH) {
    fprintf(out, " %s", pp_account_name(s->account));
    if (s->sid) fprintf(out, " (%s)", pp_safe(s->sid));
    else if (s->account == PP_ACCT_USER && registry_kind(s->kind)) fputs(" (HKEY_CURRENT_USER)", out);
  }
  if (s->value && s->kind != PP_SRC_NETSH) fprintf(out, " %s", pp_safe(s->value));
  if (s->file) fprintf(out, s->line ? "  %s:%u" : "  %s", pp_safe(s->file), s->line);
  else if (s->key) fprintf(out, "  %s", pp_safe(s->key)); /* the live registry */
  fputc('\n', out);
}

static void source_text(FILE *out, size_t i, const pp_source_t *s) {
  title(out, i, s);
  if (s->error) {
    fprintf(out, "    error: %s\n", pp_safe(s->error));
    return;
  }
  if (s->has_blob) {
    fprintf(out, "    version 0x%02x, counter %u, flags 0x%02x", s->version, s->counter, s->flags);
    flag_names(out, s->flags);
    fputc('\n', out);
  } else if (s->kind == PP_SRC_WININET_VALUES || s->kind == PP_SRC_NETSH) {
    fprintf(out, "    flags 0x%02x", s->flags);
    flag_names(out, s->flags);
    fputc('\n', out);
  }
  if (s->kind == PP_SRC_POLICY)
    fprintf(out, "    ProxySettingsPerUser=%u (%s)\n", s->dword,
            s->dword ? "per user" : "per machine: HKEY_LOCAL_MACHINE decides");
  if (s->kind == PP_SRC_NETSH && !s->proxy) fputs("    direct access (no proxy server)\n", out);
  if (s->kind == PP_SRC_GNOME && s->mode) fprintf(out, "    mode: %s\n", pp_safe(s->mode));
  pp_sources_linux_text(out, s);
  if (s->kind == PP_SRC_CHROME_POLICY || s->kind == PP_SRC_EDGE_POLICY) {
    if (s->mode) fprintf(out, "    ProxyMode: %s%s\n", pp_safe(s->mode),
                         s->mandatory ? " (ProxyPacMandatory)" : "");
    else if (s->dword) fprintf(out, "    ProxyServerMode: %u\n", s->dword - 1);
    else fputs("    no proxy policy\n", out);
  }
  settings_text(out, s);
  if (s->proxy) fprintf(out, "    proxy: %s\n", pp_safe(s->proxy));
  if (s->kind == PP_SRC_CMDLINE && s->value && strcmp(s->value, "--proxy") == 0 && !s->proxy)
    fputs("    proxy: \"\" (no proxy)\n", out);
  if (s->nbypass) {
    fputs("    bypass: ", out);
    list(out, s->bypass, s->nbypass, " ");
    fputc('\n', out);
  }
  if (s->pac_url) fprintf(out, "    auto-config URL: %s\n", pp_safe(s->pac_url));
  if (s->auto_detect && !s->has_blob) fputs("    auto-detect\n", out);
  fprintf(out, "    in effect: %s\n", s->in_effect ? "yes" : "no");
}

void pp_sources_print_text(FILE *out, const pp_config_t *c) {
  const pp_config_effective_t *e = &c->effective;
  fprintf(out, "for: %s\n", pp_consumer_name(c->consumer));
  for (size_t i = 0; i < c->nsources; i++) source_text(out, i, &c->sources[i]);
  if (!c->nsources) fputs("no sources given or found\n", out);
  fprintf(out, "effective: %s", pp_config_mode_name(e->mode));
  if (e->mode == PP_MODE_PROXY && e->proxy) fprintf(out, " %s", pp_safe(e->proxy));
  if (e->mode == PP_MODE_PAC && e->pac_url) fprintf(out, " %s", pp_safe(e->pac_url));
  if (e->nbypass && e->mode == PP_MODE_PROXY) {
    fputs(" bypass ", out);
    list(out, e->bypass, e->nbypass, ";");
  }
  if (e->auto_detect && e->mode != PP_MODE_AUTO_DETECT) fputs(" (auto-detect on)", out);
  fputc('\n', out);
  fprintf(out, "decided by: %s\n", c->decided_by ? pp_safe(c->decided_by) : "-");
  pp_sources_print_os_text(out, c);
  for (size_t i = 0; i < c->nwarnings; i++)
    fprintf(out, "warning [%s]: %s\n", c->warnings[i].code, pp_safe(c->warnings[i].message));
}



static json_t *jflags(const pp_source_t *s) {
  if (!s->has_blob && s->kind != PP_SRC_WININET_VALUES && s->kind != PP_SRC_NETSH)
    return json_null();
  return json_pack("{s:b,s:b,s:b,s:b}", "direct", (int)(s->flags & 1), "proxy",
                   (int)((s->flags >> 1) & 1), "auto_config_url", (int)((s->flags >> 2) & 1),
                   "auto_detect", (int)((s->flags >> 3) & 1));
}

static json_t *source_json(const pp_source_t *s) {
  json_t *o = json_object();
  json_object_set_new(o, "kind", json_string(pp_source_kind_name(s->kind)));
  json_object_set_new(o, "file", pp_json_str(s->file));
  json_object_set_new(o, "line", s->line ? json_integer(s->line) : json_null());
  json_object_set_new(o, "key", pp_json_str(s->key));
  json_object_set_new(o, "account",
                      s->account ? json_string(pp_account_name(s->account)) : json_null());
  json_object_set_new(o, "sid", pp_json_str(s->sid));
  json_object_set_new(o, "value", pp_json_str(s->value));
  json_object_set_new(o, "version", s->has_blob ? json_integer(s->version) : json_null());
  json_object_set_new(o, "counter", s->has_blob ? json_integer(s->counter) : json_null());
  json_object_set_new(o, "flags", jflags(s));
  json_object_set_new(o, "proxy", pp_json_str(s->proxy));
  json_object_set_new(o, "bypass", pp_json_strlist(s->bypass, s->nbypass));
  json_object_set_new(o, "pac_url", pp_json_str(s->pac_url));
  json_object_set_new(o, "auto_detect", json_boolean(s->auto_detect));
  json_object_set_new(o, "in_effect", json_boolean(s->in_effect));
  json_object_set_new(o, "error", pp_json_str(s->error));
  if (s->kind == PP_SRC_CHROME_POLICY || s->kind == PP_SRC_EDGE_POLICY || s->kind == PP_SRC_GNOME) {
    json_object_set_new(o, "mode", pp_json_str(s->mode));
    json_object_set_new(o, "mandatory", json_boolean(s->mandatory));
  }
  pp_sources_linux_json(o, s);
  if (s->nsettings || s->kind == PP_SRC_FIREFOX_POLICY || s->kind == PP_SRC_FIREFOX_PREFS ||
      s->kind == PP_SRC_DOTNET || s->kind == PP_SRC_JAVA_PROPS || s->kind == PP_SRC_JAVA_CMDLINE ||
      s->kind == PP_SRC_SCUTIL || s->kind == PP_SRC_MACOS_PLIST) {
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->nsettings; i++)
      json_array_append_new(a, json_pack("{s:o,s:o,s:i}", "name", pp_json_str(s->settings[i].name),
                                         "value", pp_json_str(s->settings[i].value), "line",
                                         (int)s->settings[i].line));
    json_object_set_new(o, "settings", a);
    if (s->kind == PP_SRC_FIREFOX_POLICY) {
      json_object_set_new(o, "mode", pp_json_str(s->mode));
      json_object_set_new(o, "locked", json_boolean(s->locked));
    }
  }
  return o;
}

bool pp_sources_print_json(FILE *out, const pp_config_t *c) {
  const pp_config_effective_t *e = &c->effective;
  json_t *root = json_object(), *src = json_array(), *warn = json_array();
  json_object_set_new(root, "for", json_string(pp_consumer_name(c->consumer)));
  for (size_t i = 0; src && i < c->nsources; i++)
    json_array_append_new(src, source_json(&c->sources[i]));
  json_object_set_new(root, "sources", src);
  json_object_set_new(root, "effective",
                      json_pack("{s:s,s:o,s:o,s:o,s:b}", "mode", pp_config_mode_name(e->mode),
                                "proxy", pp_json_str(e->proxy), "bypass", pp_json_strlist(e->bypass, e->nbypass),
                                "pac_url", pp_json_str(e->pac_url), "auto_detect", (int)e->auto_detect));
  json_object_set_new(root, "decided_by", pp_json_str(c->decided_by));
  for (size_t i = 0; warn && i < c->nwarnings; i++)
    json_array_append_new(warn, json_pack("{s:o,s:o}", "code", pp_json_str(c->warnings[i].code),
                                          "message", pp_json_str(c->warnings[i].message)));
  json_object_set_new(root, "warnings", warn);
  pp_sources_os_json(root, c);
  return pp_json_print_line(out, root);
}
