/* SPDX-License-Identifier: MIT */
/*
 * Environment files that set proxy variables for what the system starts
 * (issue 21; docs/sources.md "Linux system sources"): /etc/environment as
 * pam_env reads it for a login session (NAME=VALUE lines, `export `
 * allowed, one pair of surrounding quotes stripped: Linux-PAM
 * modules/pam_env/pam_env.c _parse_env_file), and systemd's
 * DefaultEnvironment= ([Manager] in system.conf/user.conf and their .d
 * drop-ins: systemd-system.conf(5)) and a unit's Environment= ([Service]
 * in a drop-in such as docker.service.d/http-proxy.conf:
 * systemd.exec(5)): space-separated assignments, quotes and C escapes
 * (extract_first_word with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE), an empty
 * assignment resets the list, "%%" is a literal % in unit files. Each
 * proxy variable becomes one source; which one a consumer uses is
 * decide_linux.c's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define MAX_LINE 8192
#define MAX_CONT 64 /* continuation lines joined into one logical line */

static const char *const proxy_vars[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                         "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY"};

static bool is_proxy_var(const char *name, size_t n) {
  for (size_t i = 0; i < sizeof(proxy_vars) / sizeof(proxy_vars[0]); i++)
    if (strlen(proxy_vars[i]) == n && memcmp(proxy_vars[i], name, n) == 0) return true;
  return false;
}

static bool valid_name(const char *s, size_t n) {
  if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return false;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= '0' && ch <= '9')))
      return false;
  }
  return true;
}

pp_status_t pp_config_line_error(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                 unsigned line, const char *why) {
  char msg[768];
  snprintf(msg, sizeof(msg), "%s:%u: %s", file, line, why);
  char *safe = pp_config_printable(msg, strlen(msg));
  pp_status_t st = safe ? pp_config_add_error(c, kind, file, safe) : PP_ENOMEM;
  free(safe);
  return st;
}

pp_status_t pp_config_add_envvar(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                 unsigned line, const char *key, pp_account_t a,
                                 const char *assignment) {
  const char *eq = strchr(assignment, '=');
  if (!eq || !is_proxy_var(assignment, (size_t)(eq - assignment)) || !eq[1]) return PP_OK;
  pp_source_t *s = pp_config_push(c, kind, file);
  if (!s || !(s->value = pp_strndup(assignment, (size_t)(eq - assignment)))) return PP_ENOMEM;
  s->line = line;
  s->account = a;
  if (key && !(s->key = strdup(key))) return PP_ENOMEM;
  char *v = pp_config_printable(eq + 1, strlen(eq + 1));
  bool ok = v && (strcasecmp(s->value, "no_proxy") == 0
                      ? pp_config_split_bypass(v, ", \t", &s->bypass, &s->nbypass)
                      : pp_config_set_proxy(s, v));
  free(v);
  return ok ? PP_OK : PP_ENOMEM;
}

/* Lines of data without their end; a line over MAX_LINE is cut and *cut set. */
static bool next_line(pp_buf_t *b, char *out, size_t cap, bool *cut) {
  const char *line;
  size_t n;
  if (!pp_buf_fetch_line(b, &line, &n)) return false;
  while (n && (line[n - 1] == '\r' || line[n - 1] == '\n')) n--;
  *cut = n >= cap || memchr(line, '\0', n);
  if (n >= cap) n = cap - 1;
  memcpy(out, line, n);
  out[n] = '\0';
  return true;
}

static char *skip_blank(char *p) {
  while (*p == ' ' || *p == '\t') p++;
  return p;
}

/* ---- /etc/environment ------------------------------------------------- */

/* One pam_env line; NULL or the reason it is not NAME=VALUE. */
static const char *env_line(pp_config_t *c, const char *file, unsigned lineno, char *l,
                            pp_status_t *st) {
  char *p = skip_blank(l);
  if (!*p || *p == '#') return NULL;
  if (strncmp(p, "export", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) p = skip_blank(p + 6);
  char *eq = strchr(p, '=');
  if (!eq) return "not NAME=VALUE (pam_env ignores the line)";
  if (!valid_name(p, (size_t)(eq - p))) return "not a variable name before '=' (pam_env ignores the line)";
  char *v = eq + 1;
  size_t n = strlen(v);
  while (n && (v[n - 1] == ' ' || v[n - 1] == '\t')) v[--n] = '\0';
  if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
    v[n - 1] = '\0';
    memmove(v, v + 1, n - 1);
  }
  *st = pp_config_add_envvar(c, PP_SRC_ENVFILE, file, lineno, NULL, PP_ACCT_NONE, p);
  return NULL;
}

pp_status_t pp_config_add_envfile(pp_config_t *c, const void *data, size_t len, const char *file) {
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  char l[MAX_LINE];
  unsigned lineno = 0;
  bool cut;
  pp_status_t st = PP_OK;
  while (st == PP_OK && next_line(&b, l, sizeof(l), &cut)) {
    lineno++;
    const char *why = cut ? "line over 8192 bytes or with a NUL byte" : env_line(c, file, lineno, l, &st);
    if (st == PP_OK && why) st = pp_config_line_error(c, PP_SRC_ENVFILE, file, lineno, why);
  }
  return st;
}

/* ---- systemd ---------------------------------------------------------- */

/* A C escape after '\' (systemd cunescape_one, the common subset). */
static char unescape(char ch) {
  switch (ch) {
  case 'n': return '\n';
  case 't': return '\t';
  case 'r': return '\r';
  case 'a': return '\a';
  case 'b': return '\b';
  case 'f': return '\f';
  case 'v': return '\v';
  case 's': return ' ';
  default: return ch;
  }
}

/* The next word of an Environment= list into out; *p advanced. 0 none
 * left, 1 a word, -1 an unterminated quote. */
static int next_word(const char **p, char *out, size_t cap, bool unit) {
  const char *s = *p;
  while (*s == ' ' || *s == '\t') s++;
  if (!*s) return 0;
  size_t o = 0;
  char q = 0;
  for (; *s && (q || (*s != ' ' && *s != '\t')); s++) {
    char ch = *s;
    if (!q && (ch == '"' || ch == '\'')) {
      q = ch;
      continue;
    }
    if (q && ch == q) {
      q = 0;
      continue;
    }
    if (ch == '\\' && s[1]) ch = unescape(*++s);
    else if (unit && ch == '%' && s[1] == '%') s++;
    if (o + 1 < cap) out[o++] = ch;
  }
  out[o] = '\0';
  *p = s;
  return q ? -1 : 1;
}

/* Empty assignment: the list so far is dropped (systemd config_parse_environ). */
static void reset(pp_config_t *c, const char *key, pp_account_t a) {
  size_t j = 0;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->kind == PP_SRC_SYSTEMD && !s->error && s->account == a && s->key && key &&
        strcmp(s->key, key) == 0) {
      pp_source_free(s);
      continue;
    }
    c->sources[j++] = *s;
  }
  c->nsources = j;
}

/* "docker.service" from ".../docker.service.d/x.conf" or ".../docker.service". */
static void unit_name(const char *file, char *out, size_t cap) {
  const char *d = strstr(file, ".service.d/");
  const char *end = d ? d + 8 : NULL;
  if (!d && (d = strstr(file, ".service")) && !d[8]) end = d + 8;
  snprintf(out, cap, "unit");
  if (!end) return;
  const char *start = end;
  while (start > file && start[-1] != '/') start--;
  snprintf(out, cap, "%.*s", (int)(end - start), start);
}

typedef struct sd_ctx {
  pp_config_t *c;
  const char *file;
  char section[64];
  char unit[128];
  pp_account_t acct;
} sd_ctx_t;

static const char *sd_assign(sd_ctx_t *x, unsigned lineno, const char *v, bool unit,
                             pp_status_t *st) {
  const char *key = unit ? x->unit : "DefaultEnvironment";
  char w[MAX_LINE];
  int r;
  if (!*skip_blank((char *)v)) {
    reset(x->c, key, x->acct);
    return NULL;
  }
  while (*st == PP_OK && (r = next_word(&v, w, sizeof(w), unit)) == 1) {
    char *eq = strchr(w, '=');
    if (!eq || !valid_name(w, (size_t)(eq - w)))
      return "not a NAME=VALUE assignment (systemd ignores it)";
    *st = pp_config_add_envvar(x->c, PP_SRC_SYSTEMD, x->file, lineno, key, x->acct, w);
  }
  return r < 0 ? "unterminated quote (systemd ignores the line)" : NULL;
}

static const char *sd_line(sd_ctx_t *x, unsigned lineno, char *l, pp_status_t *st) {
  char *p = skip_blank(l);
  if (!*p || *p == '#' || *p == ';') return NULL;
  if (*p == '[') {
    char *e = strchr(p, ']');
    if (!e || (size_t)(e - p) >= sizeof(x->section)) return "a section header without ']'";
    snprintf(x->section, sizeof(x->section), "%.*s", (int)(e - p - 1), p + 1);
    return NULL;
  }
  char *eq = strchr(p, '=');
  if (!eq) return "not KEY=VALUE";
  char *k = p, *ke = eq;
  while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
  *ke = '\0';
  const char *v = skip_blank(eq + 1);
  if (strcmp(x->section, "Manager") == 0 && strcmp(k, "DefaultEnvironment") == 0)
    return sd_assign(x, lineno, v, false, st);
  if (strcmp(x->section, "Service") == 0 && strcmp(k, "Environment") == 0)
    return sd_assign(x, lineno, v, true, st);
  return NULL;
}

pp_status_t pp_config_add_systemd(pp_config_t *c, const void *data, size_t len, const char *file) {
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  char l[MAX_LINE], part[MAX_LINE];
  sd_ctx_t x = {.c = c, .file = file};
  unit_name(file, x.unit, sizeof(x.unit));
  x.acct = strstr(file, "user.conf") || strstr(file, "/user/") ? PP_ACCT_USER : PP_ACCT_MACHINE;
  unsigned lineno = 0;
  bool cut;
  pp_status_t st = PP_OK;
  while (st == PP_OK && next_line(&b, l, sizeof(l), &cut)) {
    unsigned first = ++lineno;
    /* a trailing backslash continues the line (systemd config_parse) */
    for (int k = 0; !cut && k < MAX_CONT; k++) {
      size_t n = strlen(l);
      if (!n || l[n - 1] != '\\' || !next_line(&b, part, sizeof(part), &cut)) break;
      lineno++;
      l[n - 1] = ' ';
      if (n + strlen(part) + 1 > sizeof(l)) cut = true;
      else memcpy(l + n, part, strlen(part) + 1);
    }
    const char *why = cut ? "line over 8192 bytes or with a NUL byte" : sd_line(&x, first, l, &st);
    if (st == PP_OK && why) st = pp_config_line_error(c, PP_SRC_SYSTEMD, file, first, why);
  }
  return st;
}
