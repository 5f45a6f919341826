/* SPDX-License-Identifier: MIT */
/*
 * What `sources` prints for the Linux system kinds beyond the common
 * fields (docs/sources.md "Linux system sources"): KDE's ProxyType and
 * ReversedException, apt's DIRECT and Proxy-Auto-Detect command, the
 * systemd scope (DefaultEnvironment or the unit) and the Docker client's
 * entry. Foreign text goes through pp_safe.
 */
#include <jansson.h>

#include "cli/json.h"
#include "cli/sources.h"

void pp_sources_linux_text(FILE *out, const pp_source_t *s) {
  if (s->error) return;
  if (s->kind == PP_SRC_KDE && s->mode) {
    fprintf(out, "    ProxyType: %u (%s)\n", s->dword, pp_safe(s->mode));
    if (s->flags & 1) fputs("    ReversedException: only the NoProxyFor hosts use the proxy\n", out);
  }
  if (s->kind == PP_SRC_APT && s->mode)
    fprintf(out, s->auto_detect ? "    command: %s\n" : "    %s (no proxy)\n", pp_safe(s->mode));
  if (s->kind == PP_SRC_SYSTEMD && s->key)
    fprintf(out, "    %s%s\n", pp_safe(s->key),
            s->account == PP_ACCT_USER ? " (user manager)" : "");
  if (s->kind == PP_SRC_DOCKER_CLIENT && s->key) fprintf(out, "    for daemon: %s\n", pp_safe(s->key));
}

void pp_sources_linux_json(struct json_t *o, const pp_source_t *s) {
  switch (s->kind) {
  case PP_SRC_KDE:
    json_object_set_new(o, "mode", pp_json_str(s->mode));
    json_object_set_new(o, "proxy_type", s->error ? json_null() : json_integer(s->dword));
    json_object_set_new(o, "reversed_exception", json_boolean(s->flags & 1));
    break;
  case PP_SRC_APT:
    json_object_set_new(o, s->auto_detect ? "command" : "mode", pp_json_str(s->mode));
    break;
  default: break;
  }
}
