/* SPDX-License-Identifier: MIT */
/*
 * Docker's proxy settings (issue 21; docs/sources.md "Docker"):
 *  - the client's ~/.docker/config.json "proxies": {"default": {...},
 *    "tcp://host:2376": {...}} with httpProxy, httpsProxy, noProxy,
 *    ftpProxy, allProxy: what the CLI injects into the containers and
 *    builds it starts (docs.docker.com/engine/cli/proxy), not what the
 *    CLI or the daemon use themselves;
 *  - the daemon's /etc/docker/daemon.json "proxies" (Docker 23+):
 *    http-proxy, https-proxy, no-proxy: what dockerd uses for pulls,
 *    overriding its environment (docs.docker.com/engine/daemon/proxy).
 * One source per field (value "http-proxy", key the daemon entry for the
 * client's file); which one decides is decide_linux.c's job. Credentials
 * are masked as every proxy string is.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config/config_int.h"

/* One field: a string becomes a source; another type an error. */
static pp_status_t field(pp_config_t *c, pp_source_kind_t k, const char *file, const char *data,
                         size_t len, json_t *o, const char *name, const char *entry) {
  json_t *v = json_object_get(o, name);
  if (!v || json_is_null(v)) return PP_OK;
  unsigned line = pp_config_json_key_line(data, len, name);
  if (!json_is_string(v))
    return pp_config_line_errorf(c, k, file, line, "\"%s\" is not a string (Docker refuses the file)", name);
  const char *val = json_string_value(v);
  if (!*val) return PP_OK;
  pp_source_t *s = pp_config_push(c, k, file);
  if (!s || !(s->value = strdup(name))) return PP_ENOMEM;
  s->line = line;
  s->account = k == PP_SRC_DOCKER_CLIENT ? PP_ACCT_USER : PP_ACCT_MACHINE;
  if (entry && !(s->key = pp_config_printable(entry, strlen(entry)))) return PP_ENOMEM;
  char *p = pp_config_printable(val, strlen(val));
  bool np = strcmp(name, "no-proxy") == 0 || strcmp(name, "noProxy") == 0;
  bool ok = p && (np ? pp_config_split_bypass(p, ",", &s->bypass, &s->nbypass)
                     : pp_config_set_proxy(s, p));
  free(p);
  return ok ? PP_OK : PP_ENOMEM;
}

static pp_status_t daemon_proxies(pp_config_t *c, const char *file, const char *data, size_t len,
                                  json_t *px) {
  static const char *const names[] = {"http-proxy", "https-proxy", "no-proxy"};
  pp_status_t st = PP_OK;
  for (size_t i = 0; st == PP_OK && i < 3; i++)
    st = field(c, PP_SRC_DOCKER_DAEMON, file, data, len, px, names[i], NULL);
  return st;
}

static pp_status_t client_proxies(pp_config_t *c, const char *file, const char *data, size_t len,
                                  json_t *px) {
  static const char *const names[] = {"httpProxy", "httpsProxy", "noProxy", "ftpProxy",
                                      "allProxy"};
  const char *entry;
  json_t *o;
  pp_status_t st = PP_OK;
  json_object_foreach(px, entry, o) {
    if (!json_is_object(o))
      return pp_config_line_errorf(c, PP_SRC_DOCKER_CLIENT, file, pp_config_json_key_line(data, len, entry),
                 "proxies \"%s\" is not an object", entry);
    for (size_t i = 0; st == PP_OK && i < 5; i++)
      st = field(c, PP_SRC_DOCKER_CLIENT, file, data, len, o, names[i], entry);
    if (st != PP_OK) return st;
  }
  return st;
}

pp_status_t pp_config_add_docker(pp_config_t *c, const void *data, size_t len, const char *file,
                                 bool daemon) {
  pp_source_kind_t k = daemon ? PP_SRC_DOCKER_DAEMON : PP_SRC_DOCKER_CLIENT;
  json_error_t je;
  json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    char msg[768];
    snprintf(msg, sizeof(msg), "%s:%d:%d: not JSON: %s", file, je.line, je.column, je.text);
    char *safe = pp_config_printable(msg, strlen(msg));
    pp_status_t st = safe ? pp_config_add_error(c, k, file, safe) : PP_ENOMEM;
    free(safe);
    return st;
  }
  pp_status_t st = PP_OK;
  json_t *px = json_is_object(root) ? json_object_get(root, "proxies") : NULL;
  if (!json_is_object(root)) st = pp_config_line_errorf(c, k, file, 1, "the file is not a JSON object");
  else if (px && !json_is_object(px) && !json_is_null(px))
    st = pp_config_line_errorf(c, k, file, pp_config_json_key_line(data, len, "proxies"),
             "\"proxies\" is not an object");
  else if (px && json_is_object(px))
    st = daemon ? daemon_proxies(c, file, data, len, px) : client_proxies(c, file, data, len, px);
  json_decref(root);
  return st;
}
