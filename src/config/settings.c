/* SPDX-License-Identifier: MIT */
/*
 * The settings list of application and runtime sources (Firefox prefs and
 * policies, .NET <defaultProxy>, Java properties, macOS proxies): each
 * setting as read, with its line, made printable; a password's value is
 * never kept (it becomes "****"). Also the one-line error source the
 * readers of those formats share.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

/* http.proxyPassword, java.net.socks.password, ...: never kept. */
static bool secret(const char *name) {
  for (const char *p = name; *p; p++)
    if (strncasecmp(p, "password", 8) == 0 || strncasecmp(p, "passwd", 6) == 0) return true;
  return false;
}

bool pp_config_setting_add(pp_source_t *s, const char *name, const char *value, unsigned line) {
  pp_setting_t *v = realloc(s->settings, (s->nsettings + 1) * sizeof(*v));
  if (!v) return false;
  s->settings = v;
  pp_setting_t *e = &v[s->nsettings];
  e->line = line;
  e->name = pp_config_printable(name, strlen(name));
  if (secret(name)) e->value = strdup("****");
  else {
    char *p = pp_config_printable(value, strlen(value));
    bool creds = false;
    /* a proxy URL with user:password@ in any value: masked as well */
    e->value = p && strchr(p, '@') ? pp_config_mask_credentials(p, &creds) : p;
    if (e->value != p) free(p);
    if (creds) s->credentials = true;
  }
  if (!e->name || !e->value) {
    free(e->name);
    free(e->value);
    return false;
  }
  s->nsettings++;
  return true;
}

const pp_setting_t *pp_config_setting(const pp_source_t *s, const char *name, bool nocase) {
  for (size_t i = s->nsettings; i-- > 0;)
    if (nocase ? strcasecmp(s->settings[i].name, name) == 0 : strcmp(s->settings[i].name, name) == 0)
      return &s->settings[i];
  return NULL;
}

void pp_config_settings_free(pp_source_t *s) {
  for (size_t i = 0; i < s->nsettings; i++) {
    free(s->settings[i].name);
    free(s->settings[i].value);
  }
  free(s->settings);
  s->settings = NULL;
  s->nsettings = 0;
}

pp_status_t pp_config_settings_source(pp_config_t *c, pp_source_kind_t k, const char *file,
                                      pp_source_t *tmp, pp_account_t a, const char *value,
                                      unsigned line) {
  pp_source_t *s = pp_config_push(c, k, file);
  if (!s) {
    pp_config_settings_free(tmp);
    return PP_ENOMEM;
  }
  s->settings = tmp->settings;
  s->nsettings = tmp->nsettings;
  s->credentials = tmp->credentials;
  tmp->settings = NULL;
  tmp->nsettings = 0;
  s->account = a;
  s->line = line ? line : s->nsettings ? s->settings[0].line : 0;
  return (s->value = strdup(value)) ? PP_OK : PP_ENOMEM;
}

pp_config_ref_t pp_config_last_setting(pp_config_t *c, pp_source_kind_t k, const char *name) {
  pp_config_ref_t r = {NULL, NULL};
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    const pp_setting_t *v = s->kind == k && !s->error ? pp_config_setting(s, name, false) : NULL;
    if (v) r = (pp_config_ref_t){v, s};
  }
  return r;
}

pp_status_t pp_config_line_errorf(pp_config_t *c, pp_source_kind_t k, const char *file,
                                  unsigned line, const char *fmt, ...) {
  char why[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof(why), fmt, ap);
  va_end(ap);
  return pp_config_line_error(c, k, file, line, why);
}

const char *pp_config_setting_where(const pp_source_t *s, const pp_setting_t *v, char *buf,
                                    size_t n) {
  unsigned line = v && v->line ? v->line : s->line;
  if (s->file && line) snprintf(buf, n, "%s:%u", s->file, line);
  else snprintf(buf, n, "%s", s->file ? s->file : s->key ? s->key : "");
  return buf;
}
