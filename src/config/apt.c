/* SPDX-License-Identifier: MIT */
/*
 * apt's proxy settings (issue 21; docs/sources.md "apt") from apt.conf,
 * apt.conf.d files or `apt-config dump` output: Acquire::http::Proxy,
 * Acquire::https::Proxy, per host Acquire::http::Proxy::HOST (a proxy or
 * "DIRECT"), Acquire::http::Proxy-Auto-Detect (a command; the legacy
 * ProxyAutoDetect too). The syntax is apt's (apt-pkg/contrib/
 * configuration.cc ReadConfigFile, apt.conf(5)): names with "::", nested
 * `Name { ... };` scopes, values in double quotes, `;` ends a statement,
 * // and C-style block comments, # comments, `#include`/`#clear` directives. Names
 * are case-insensitive. apt stops on a syntax error, so one makes the
 * whole file an error source. Decisions: decide_linux.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define MAX_DEPTH 32
#define MAX_NAME 1024
#define MAX_VALUE 4096
#define MAX_ITEMS 4096

typedef struct tok {
  int kind; /* 'w' word, 's' string, '{', '}', ';', 0 end, -1 error */
  char text[MAX_VALUE];
  unsigned line;
} tok_t;

typedef struct lex {
  const char *p, *end;
  unsigned line;
  const char *why;
} lex_t;

static bool skip_space(lex_t *x) {
  while (x->p < x->end) {
    char ch = *x->p;
    if (ch == '\n') x->line++;
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') x->p++;
    else if (ch == '/' && x->p + 1 < x->end && x->p[1] == '/') {
      while (x->p < x->end && *x->p != '\n') x->p++;
    } else if (ch == '/' && x->p + 1 < x->end && x->p[1] == '*') {
      x->p += 2;
      while (x->p + 1 < x->end && !(x->p[0] == '*' && x->p[1] == '/')) x->line += *x->p++ == '\n';
      if (x->p + 1 >= x->end) return (x->why = "unterminated /* comment"), false;
      x->p += 2;
    } else if (ch == '#' && (x->end - x->p < 8 || (strncmp(x->p, "#include", 8) != 0 &&
                                                    strncmp(x->p, "#clear", 6) != 0))) {
      while (x->p < x->end && *x->p != '\n') x->p++;
    } else {
      return true;
    }
  }
  return true;
}

static void next(lex_t *x, tok_t *t) {
  size_t o = 0;
  t->text[0] = '\0';
  if (!skip_space(x)) {
    t->kind = -1;
    return;
  }
  t->line = x->line;
  if (x->p >= x->end) {
    t->kind = 0;
    return;
  }
  char ch = *x->p;
  if (ch == '\0') {
    t->kind = -1;
    x->why = "a NUL byte";
    return;
  }
  if (ch == '{' || ch == '}' || ch == ';') {
    t->kind = ch;
    x->p++;
    return;
  }
  if (ch == '"') {
    const char *q = memchr(x->p + 1, '"', (size_t)(x->end - x->p - 1));
    const char *nl = memchr(x->p + 1, '\n', (size_t)(x->end - x->p - 1));
    if (!q || (nl && nl < q)) {
      t->kind = -1;
      x->why = "unterminated \"string\"";
      return;
    }
    size_t n = (size_t)(q - x->p - 1);
    if (n >= sizeof(t->text) || memchr(x->p + 1, '\0', n)) {
      t->kind = -1;
      x->why = "a value over 4095 bytes or with a NUL byte";
      return;
    }
    memcpy(t->text, x->p + 1, n);
    t->text[n] = '\0';
    x->p = q + 1;
    t->kind = 's';
    return;
  }
  while (x->p < x->end && !strchr(" \t\r\n{};\"", *x->p) && *x->p) {
    if (o + 1 >= sizeof(t->text)) {
      t->kind = -1;
      x->why = "a name over 4095 bytes";
      return;
    }
    t->text[o++] = *x->p++;
  }
  t->text[o] = '\0';
  t->kind = 'w';
}

typedef struct item {
  char *name, *value;
  unsigned line;
} item_t;

typedef struct parse {
  char scope[MAX_DEPTH][MAX_NAME];
  size_t depth;
  item_t *items;
  size_t n;
  bool oom;
} parse_t;

static bool wanted(const char *name) {
  static const char *const pre[] = {"acquire::http::proxy", "acquire::https::proxy",
                                    "acquire::http::proxyautodetect",
                                    "acquire::https::proxyautodetect"};
  for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
    size_t n = strlen(pre[i]);
    if (strncasecmp(name, pre[i], n) == 0 && (!name[n] || name[n] == ':' || name[n] == '-'))
      return true;
  }
  return false;
}

static void keep(parse_t *ps, const char *name, const char *value, unsigned line) {
  pp_str_t f = PP_STR_INIT;
  for (size_t i = 0; i < ps->depth; i++) pp_str_printf(&f, "%s::", ps->scope[i]);
  pp_str_puts(&f, name);
  if (f.oom) {
    ps->oom = true;
    pp_str_free(&f);
    return;
  }
  char full[MAX_NAME];
  snprintf(full, sizeof(full), "%s", f.s);
  pp_str_free(&f);
  if (!wanted(full) || ps->n >= MAX_ITEMS) return;
  item_t *v = realloc(ps->items, (ps->n + 1) * sizeof(*v));
  if (!v) {
    ps->oom = true;
    return;
  }
  ps->items = v;
  v[ps->n].name = pp_config_printable(full, strlen(full));
  v[ps->n].value = pp_config_printable(value, strlen(value));
  v[ps->n].line = line;
  if (!v[ps->n].name || !v[ps->n].value) {
    free(v[ps->n].name);
    free(v[ps->n].value);
    ps->oom = true;
    return;
  }
  ps->n++;
}

/* The statements; NULL or why apt would stop. */
static const char *statements(lex_t *x, parse_t *ps, tok_t *t, tok_t *u) {
  for (next(x, t); t->kind; next(x, t)) {
    if (t->kind < 0) return x->why;
    if (t->kind == ';') continue;
    if (t->kind == '}') {
      if (!ps->depth) return "'}' without a matching '{'";
      ps->depth--;
      continue;
    }
    if (t->kind == '{') return "'{' without a name";
    if (t->kind == 'w' && t->text[0] == '#') { /* #include / #clear: to the ';' */
      do next(x, t); while (t->kind > 0 && t->kind != ';');
      if (t->kind < 0) return x->why;
      continue;
    }
    if (t->kind == 's') { /* a list value inside a scope */
      next(x, u);
      if (u->kind != ';') return "';' expected after a value";
      continue;
    }
    next(x, u);
    if (u->kind < 0) return x->why;
    if (u->kind == '{') {
      if (ps->depth == MAX_DEPTH) return "scopes nested over 32 deep";
      if (strlen(t->text) >= MAX_NAME) return "a name over 1023 bytes";
      strcpy(ps->scope[ps->depth++], t->text);
      continue;
    }
    if (u->kind == ';') continue;
    if (u->kind != 's' && u->kind != 'w') return "a value or '{' expected after a name";
    unsigned vline = u->line;
    keep(ps, t->text, u->text, t->line);
    next(x, u);
    if (u->kind < 0) return x->why;
    if (u->kind != ';') {
      x->line = vline;
      return "';' expected after the value";
    }
  }
  return ps->depth ? "'{' not closed at the end of the file" : NULL;
}

static void items_free(parse_t *ps) {
  for (size_t i = 0; i < ps->n; i++) {
    free(ps->items[i].name);
    free(ps->items[i].value);
  }
  free(ps->items);
}

static pp_status_t push_item(pp_config_t *c, const char *file, const item_t *it) {
  if (!*it->value) return PP_OK; /* "" is unset: apt's Find falls through to the next */
  pp_source_t *s = pp_config_push(c, PP_SRC_APT, file);
  if (!s || !(s->value = strdup(it->name))) return PP_ENOMEM;
  s->line = it->line;
  s->account = PP_ACCT_MACHINE;
  size_t n = strlen(it->name);
  bool detect = (n > 10 && strcasecmp(it->name + n - 10, "autodetect") == 0) ||
                (n > 11 && strcasecmp(it->name + n - 11, "auto-detect") == 0);
  if (detect) {
    s->auto_detect = true;
    return (s->mode = strdup(it->value)) ? PP_OK : PP_ENOMEM;
  }
  if (strcmp(it->value, "DIRECT") == 0) return (s->mode = strdup("DIRECT")) ? PP_OK : PP_ENOMEM;
  return pp_config_set_proxy(s, it->value) ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_config_add_apt(pp_config_t *c, const void *data, size_t len, const char *file) {
  lex_t x = {.p = data, .end = (const char *)data + len, .line = 1};
  parse_t *ps = calloc(1, sizeof(*ps));
  tok_t *t = malloc(sizeof(*t)), *u = malloc(sizeof(*u));
  pp_status_t st = PP_ENOMEM;
  if (ps && t && u) {
    const char *why = statements(&x, ps, t, u);
    if (ps->oom) st = PP_ENOMEM;
    else if (why) {
      char msg[256];
      snprintf(msg, sizeof(msg), "syntax error: %s (apt stops on it)", why);
      st = pp_config_line_error(c, PP_SRC_APT, file, x.line, msg);
    } else {
      st = PP_OK;
      for (size_t i = 0; st == PP_OK && i < ps->n; i++) st = push_item(c, file, &ps->items[i]);
    }
  }
  if (ps) items_free(ps);
  free(ps);
  free(t);
  free(u);
  return st;
}
