/* SPDX-License-Identifier: MIT */
/*
 * Target profiles (docs/targets.md): line-oriented data files naming the
 * URLs an agent needs, what answer counts as success, the issuers expected
 * on the TLS chain and whether interception is tolerated. The MDI profile
 * (pacscripts/targets/mdi.targets) follows docs/mdi-connectivity.md §1-§3.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "pacprobe.h"

#define WS "{workspace}"

bool pp_workspace_valid(const char *name, char *err, size_t errlen) {
  size_t n = strlen(name);
  /* NAMEsensorapi is one DNS label: at most 63 - strlen("sensorapi") */
  if (n == 0 || n > 54) {
    pp_set_err(err, errlen, "a workspace name has 1 to 54 characters");
    return false;
  }
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)name[i]) && name[i] != '-') {
      pp_set_err(err, errlen, "only letters, digits and '-' (it becomes part of the host "
                 "name NAMEsensorapi.atp.azure.com)");
      return false;
    }
  if (name[0] == '-') {
    pp_set_err(err, errlen, "a workspace name cannot start with '-'");
    return false;
  }
  return true;
}

static void target_clear(pp_profile_target_t *t) {
  free(t->url);
  free(t->accept);
  pp_strlist_free(t->issuers, t->nissuers);
}

void pp_profile_clear(pp_profile_t *p) {
  if (!p) return;
  free(p->name);
  free(p->description);
  free(p->intercept_note);
  for (size_t i = 0; i < p->ntargets; i++) target_clear(&p->targets[i]);
  free(p->targets);
  memset(p, 0, sizeof(*p));
}

/* "200,300-399,503" into [lo, hi] pairs. */
static bool parse_status(const char *v, pp_profile_target_t *t) {
  char *copy = pp_strndup(v, strlen(v)), *save = NULL;
  bool ok = copy != NULL;
  for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; ok && tok;
       tok = strtok_r(NULL, ",", &save)) {
    char *end;
    long lo = strtol(tok, &end, 10), hi = lo;
    if (*end == '-') hi = strtol(end + 1, &end, 10);
    long *a = realloc(t->accept, (t->naccept + 1) * 2 * sizeof(long));
    ok = *end == '\0' && lo >= 100 && hi <= 599 && lo <= hi && a;
    if (a) t->accept = a;
    if (ok) {
      a[2 * t->naccept] = lo;
      a[2 * t->naccept++ + 1] = hi;
    }
  }
  free(copy);
  return ok && t->naccept > 0;
}

static bool parse_issuers(const char *v, pp_profile_target_t *t) {
  char *copy = pp_strndup(v, strlen(v)), *save = NULL;
  bool ok = copy != NULL;
  for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; ok && tok;
       tok = strtok_r(NULL, ",", &save))
    ok = pp_strlist_push(&t->issuers, &t->nissuers, tok);
  free(copy);
  return ok;
}

/* One "KEY=VALUE" attribute of a target line. */
static bool attribute(const char *kv, pp_profile_target_t *t, char *why, size_t wlen) {
  const char *eq = strchr(kv, '=');
  if (!eq) return pp_set_err(why, wlen, "expected KEY=VALUE, got '%s'", kv), false;
  size_t k = (size_t)(eq - kv);
  const char *v = eq + 1;
  if (k == 6 && strncmp(kv, "status", 6) == 0) {
    if (parse_status(v, t)) return true;
    return pp_set_err(why, wlen, "bad status list '%s' (e.g. 200,300-399)", v), false;
  }
  if (k == 7 && strncmp(kv, "issuers", 7) == 0) return parse_issuers(v, t);
  if (k == 9 && strncmp(kv, "intercept", 9) == 0) {
    if (strcmp(v, "fatal") && strcmp(v, "tolerated"))
      return pp_set_err(why, wlen, "intercept is fatal or tolerated, not '%s'", v), false;
    t->intercept_tolerated = strcmp(v, "tolerated") == 0;
    return true;
  }
  if (k == 6 && strncmp(kv, "method", 6) == 0) {
    if (strcmp(v, "GET") && strcmp(v, "HEAD"))
      return pp_set_err(why, wlen, "method is GET or HEAD, not '%s'", v), false;
    t->head = strcmp(v, "HEAD") == 0;
    return true;
  }
  return pp_set_err(why, wlen, "unknown attribute '%.*s'", (int)k, kv), false;
}

/* The URL with {workspace} replaced. */
static char *expand(const char *url, const char *ws) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (const char *p = url; *p;) {
    const char *w = strstr(p, WS);
    if (!w) {
      pp_str_puts(&s, p);
      break;
    }
    pp_str_append(&s, p, (size_t)(w - p));
    pp_str_puts(&s, ws ? ws : "");
    p = w + strlen(WS);
  }
  return pp_str_take(&s);
}

static bool target_line(pp_profile_t *p, char *rest, bool advisory, const char *ws, char *why,
                        size_t wlen) {
  pp_profile_target_t t;
  memset(&t, 0, sizeof(t));
  t.advisory = advisory;
  char *save = NULL, *url = strtok_r(rest, " \t", &save);
  bool ok = url != NULL;
  if (!ok) pp_set_err(why, wlen, "a target line needs a URL");
  if (ok && strstr(url, WS)) p->needs_workspace = true;
  if (ok && strstr(url, WS) && !ws) ok = (pp_set_err(why, wlen, "needs --workspace NAME"), false);
  if (ok && !(t.url = expand(url, ws))) ok = (pp_set_err(why, wlen, "out of memory"), false);
  for (char *kv; ok && (kv = strtok_r(NULL, " \t", &save));) ok = attribute(kv, &t, why, wlen);
  pp_profile_target_t *v = ok ? realloc(p->targets, (p->ntargets + 1) * sizeof(*v)) : NULL;
  if (ok && !v) ok = (pp_set_err(why, wlen, "out of memory"), false);
  if (!ok) {
    target_clear(&t);
    return false;
  }
  p->targets = v;
  p->targets[p->ntargets++] = t;
  return true;
}

static bool set_text(char **dst, const char *v, char *why, size_t wlen) {
  free(*dst);
  *dst = pp_strndup(v, strlen(v));
  if (!*dst) pp_set_err(why, wlen, "out of memory");
  return *dst != NULL;
}

static bool one_line(pp_profile_t *p, char *line, const char *ws, char *why, size_t wlen) {
  while (*line == ' ' || *line == '\t') line++;
  size_t n = strlen(line);
  while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = 0;
  if (!*line || *line == '#') return true;
  char *sp = line + strcspn(line, " \t");
  char *rest = *sp ? sp + 1 : sp;
  size_t k = (size_t)(sp - line);
  while (*rest == ' ' || *rest == '\t') rest++;
  if (k == 7 && !strncmp(line, "profile", 7)) return set_text(&p->name, rest, why, wlen);
  if (k == 11 && !strncmp(line, "description", 11))
    return set_text(&p->description, rest, why, wlen);
  if (k == 14 && !strncmp(line, "intercept-note", 14))
    return set_text(&p->intercept_note, rest, why, wlen);
  if (k == 6 && !strncmp(line, "target", 6)) return target_line(p, rest, false, ws, why, wlen);
  if (k == 8 && !strncmp(line, "advisory", 8)) return target_line(p, rest, true, ws, why, wlen);
  pp_set_err(why, wlen, "unknown keyword '%.*s' (profile, description, intercept-note, target, "
             "advisory)", (int)k, line);
  return false;
}

pp_status_t pp_profile_parse(const char *text, size_t len, const char *name,
                             const char *workspace, pp_profile_t *out, char *err, size_t errlen) {
  char why[256] = "";
  memset(out, 0, sizeof(*out));
  if (workspace && !pp_workspace_valid(workspace, why, sizeof(why))) {
    pp_set_err(err, errlen, "workspace '%s': %s", workspace, why);
    return PP_EINVAL;
  }
  /* host names are case-insensitive; the report shows the canonical form */
  char *ws = workspace ? pp_strndup(workspace, strlen(workspace)) : NULL;
  char *copy = pp_strndup(text, len);
  if (!copy || (workspace && !ws)) {
    free(ws);
    free(copy);
    return PP_ENOMEM;
  }
  if (ws) pp_ascii_lower(ws);
  unsigned lineno = 0;
  pp_status_t st = PP_OK;
  const char *p = copy;
  while (st == PP_OK && p && *p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char *line = pp_strndup(p, n);
    lineno++;
    if (!line) st = PP_ENOMEM;
    else if (!one_line(out, line, ws, why, sizeof(why))) st = PP_EINVAL;
    free(line);
    p = nl ? nl + 1 : NULL;
  }
  free(ws);
  free(copy);
  if (st == PP_OK && out->ntargets == 0) {
    st = PP_EINVAL;
    snprintf(why, sizeof(why), "no target lines");
    lineno = 0;
  }
  if (st != PP_OK) {
    if (lineno) pp_set_err(err, errlen, "%s:%u: %s", name, lineno, why);
    else pp_set_err(err, errlen, "%s: %s", name, why);
    pp_profile_clear(out);
  }
  return st;
}
