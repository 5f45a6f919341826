/* SPDX-License-Identifier: MIT */
/*
 * Java's proxy properties (issue 21; docs/sources.md "Java"): the JDK's
 * conf/net.properties in java.util.Properties format (key=value, key:value
 * or "key value"; # and ! comments; backslash continuations and escapes;
 * a bad \uXXXX is the one thing Properties.load rejects, and then
 * sun.net.NetProperties reads none of the file), and a Java command line
 * captured in a file (shell words, or /proc/PID/cmdline's NUL-separated
 * arguments): its -Dname=value flags up to the main class or -jar FILE.
 * Only the proxy properties are kept; a password is never kept (settings.c).
 * The decision is decide_java.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

#define MAX_ITEM 4096

static bool keep(const char *name) {
  static const char *const names[] = {
      "java.net.useSystemProxies", "http.proxyHost", "http.proxyPort", "https.proxyHost",
      "https.proxyPort", "http.nonProxyHosts", "proxyHost", "proxyPort", "socksProxyHost",
      "socksProxyPort", "socksProxyVersion", "socksNonProxyHosts", "ftp.proxyHost",
      "ftp.proxyPort", "ftp.nonProxyHosts", "http.proxyUser", "http.proxyPassword",
      "https.proxyUser", "https.proxyPassword", "java.net.socks.username",
      "java.net.socks.password", "jdk.http.auth.tunneling.disabledSchemes"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if (strcmp(name, names[i]) == 0) return true;
  return false;
}

/* ---- net.properties ------------------------------------------------------ */

typedef struct logical {
  char text[MAX_ITEM];
  size_t len;
  unsigned line; /* where it starts */
} logical_t;

/* Appends one escape-decoded character; false with *why on a bad \u. */
static bool put(logical_t *l, char ch) {
  if (l->len + 1 >= sizeof(l->text)) return false;
  l->text[l->len++] = ch;
  return true;
}

static int hexval(char h) {
  if (h >= '0' && h <= '9') return h - '0';
  h |= 0x20;
  return h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
}

/* Splits a decoded "key<sep>value" at the first unescaped '=', ':' or
 * blank (escapes were resolved already: positions of escaped separators
 * are marked in esc). */
static void split(logical_t *l, const bool *esc, char **key, char **val) {
  size_t i = 0;
  while (i < l->len && !(strchr("=: \t\f", l->text[i]) && !esc[i])) i++;
  size_t k = i;
  while (i < l->len && (l->text[i] == ' ' || l->text[i] == '\t' || l->text[i] == '\f')) i++;
  if (i < l->len && (l->text[i] == '=' || l->text[i] == ':') && !esc[i]) i++;
  while (i < l->len && (l->text[i] == ' ' || l->text[i] == '\t' || l->text[i] == '\f')) i++;
  l->text[l->len] = '\0';
  *val = l->text + i;
  l->text[k] = '\0';
  *key = l->text;
}

pp_status_t pp_config_add_java_props(pp_config_t *c, const void *data, size_t len,
                                     const char *file) {
  const pp_source_kind_t k = PP_SRC_JAVA_PROPS;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  const char *p = data, *end = p + len;
  unsigned line = 1;
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  logical_t *lp = malloc(sizeof(*lp));
  bool *esc = malloc(MAX_ITEM * sizeof(bool));
  if (!lp || !esc) {
    free(lp);
    free(esc);
    return PP_ENOMEM;
  }
#define l (*lp)
  const char *why = NULL;
  bool oom = false;
  while (p < end && !why && !oom) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
    if (p < end && (*p == '\n' || *p == '\r')) {
      line += *p == '\n';
      p++;
      continue;
    }
    if (p < end && (*p == '#' || *p == '!')) {
      while (p < end && *p != '\n') p++;
      continue;
    }
    l.len = 0;
    l.line = line;
    while (p < end && *p != '\n' && *p != '\r' && !why) {
      char ch = *p++;
      bool e = false;
      if (ch == '\\') {
        if (p >= end) break;
        if (*p == '\n' || *p == '\r') { /* continuation: next line, leading blanks dropped */
          if (*p == '\r' && p + 1 < end && p[1] == '\n') p++;
          p++;
          line++;
          while (p < end && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
          continue;
        }
        ch = *p++;
        e = true;
        if (ch == 't') ch = '\t';
        else if (ch == 'n') ch = '\n';
        else if (ch == 'r') ch = '\r';
        else if (ch == 'f') ch = '\f';
        else if (ch == 'u') {
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int h = p < end ? hexval(*p++) : -1;
            if (h < 0) {
              why = "malformed \\uxxxx encoding (Properties.load throws: Java then reads none "
                    "of this file)";
              break;
            }
            v = v * 16 + h;
          }
          if (why) break;
          ch = v < 0x80 ? (char)v : '?';
        }
      }
      if (ch == '\0') why = "a NUL byte: not a properties file";
      else if (l.len + 1 >= MAX_ITEM) why = "a property over 4096 bytes";
      else {
        esc[l.len] = e;
        put(&l, ch);
      }
    }
    if (why) break;
    char *key, *val;
    split(&l, esc, &key, &val);
    oom = keep(key) && !pp_config_setting_add(&tmp, key, val, l.line);
  }
#undef l
  free(lp);
  free(esc);
  if (oom) {
    pp_config_settings_free(&tmp);
    return PP_ENOMEM;
  }
  if (why) {
    pp_config_settings_free(&tmp);
    return pp_config_line_errorf(c, k, file, line, "%s", why);
  }
  return pp_config_settings_source(c, k, file, &tmp, PP_ACCT_MACHINE, "net.properties", 0);
}

/* ---- a command line ------------------------------------------------------ */

/* The next shell word (quotes, backslashes) or NUL-separated argument. */
static int word(const char **pp, const char *end, bool nul, unsigned *line, unsigned *at,
                char *out, size_t n, const char **why) {
  const char *p = *pp;
  while (p < end && (nul ? *p == '\0' : (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                                          (*p == '\\' && p + 1 < end && p[1] == '\n'))))
    *line += *p++ == '\n';
  if (p >= end) return 0;
  *at = *line;
  size_t o = 0;
  char q = 0;
  unsigned qline = *line;
  while (p < end) {
    char ch = *p;
    if (nul ? ch == '\0' : (!q && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))) break;
    p++;
    if (!nul && !q && (ch == '\'' || ch == '"')) {
      q = ch;
      qline = *line;
      continue;
    }
    if (!nul && q && ch == q) { q = 0; continue; }
    if (!nul && ch == '\\' && q != '\'' && p < end) {
      ch = *p++;
      if (ch == '\n') { /* a continuation: removed, as the shell does */
        (*line)++;
        continue;
      }
    }
    if (ch == '\n') (*line)++;
    if (ch == '\0') return (*why = "a NUL byte inside a quoted word"), -1;
    if (o + 1 >= n) return (*why = "an argument over 4096 bytes"), -1;
    out[o++] = ch;
  }
  if (q) {
    *line = qline; /* name the line where the quote opened */
    return (*why = q == '"' ? "unterminated \" quote" : "unterminated ' quote"), -1;
  }
  out[o] = '\0';
  *pp = p;
  return 1;
}

/* JVM options that take the next argument. */
static bool takes_arg(const char *w) {
  static const char *const o[] = {"-cp", "-classpath", "--class-path", "-p", "--module-path",
                                  "--upgrade-module-path", "--add-modules", "--limit-modules",
                                  "--add-opens", "--add-exports", "--add-reads", "--patch-module"};
  for (size_t i = 0; i < sizeof(o) / sizeof(o[0]); i++)
    if (strcmp(w, o[i]) == 0) return true;
  return false;
}

pp_status_t pp_config_add_java_cmdline(pp_config_t *c, const void *data, size_t len,
                                       const char *file) {
  const pp_source_kind_t k = PP_SRC_JAVA_CMDLINE;
  if (len > PP_CONFIG_MAX_BYTES)
    return pp_config_line_errorf(c, k, file, 0, "over the 32 MiB limit for a configuration file");
  const char *p = data, *end = p + len;
  bool nul = memchr(data, '\0', len) != NULL; /* /proc/PID/cmdline */
  unsigned line = 1, at = 1;
  char *w = malloc(MAX_ITEM);
  const char *why = NULL;
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  bool first = true, skip_next = false, oom = !w;
  int r = 0;
  if (!oom)
  while ((r = word(&p, end, nul, &line, &at, w, MAX_ITEM, &why)) == 1) {
    const char *base = strrchr(w, '/');
    if (first && w[0] != '-' && strncmp(base ? base + 1 : w, "java", 4) == 0) {
      first = false;
      continue; /* the java binary itself */
    }
    first = false;
    if (skip_next) { skip_next = false; continue; }
    if (w[0] != '-' || strcmp(w, "-jar") == 0 || strcmp(w, "-m") == 0 ||
        strcmp(w, "--module") == 0)
      break; /* the main class, jar or module: what follows is the program's */
    if (takes_arg(w)) { skip_next = true; continue; }
    if (strncmp(w, "-D", 2) != 0) continue;
    char *eq = strchr(w + 2, '=');
    if (eq) *eq = '\0';
    if (keep(w + 2) && !pp_config_setting_add(&tmp, w + 2, eq ? eq + 1 : "", at)) {
      oom = true;
      break;
    }
  }
  free(w);
  if (oom) {
    pp_config_settings_free(&tmp);
    return PP_ENOMEM;
  }
  if (r < 0) {
    pp_config_settings_free(&tmp);
    return pp_config_line_errorf(c, k, file, line, "%s", why);
  }
  return pp_config_settings_source(c, k, file, &tmp, PP_ACCT_NONE, "-D", 0);
}
