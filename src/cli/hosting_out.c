/* SPDX-License-Identifier: MIT */
/*
 * The PAC hosting findings (src/wpad/hosting.c) in the CLI's JSON and
 * the client names of their masks; discover prints them under each fetch,
 * check under its configuration (docs/json.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli/hosting_out.h"
#include "cli/json.h"

static json_t *names(unsigned mask) {
  json_t *a = json_array();
  for (unsigned bit = 1; bit && bit <= mask; bit <<= 1)
    if ((mask & bit) && pp_pac_client_name(bit))
      json_array_append_new(a, json_string(pp_pac_client_name(bit)));
  return a;
}

json_t *pp_json_hosting(const pp_pac_finding_t *f, size_t n, unsigned consumer) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_pack("{s:s, s:o, s:s, s:o, s:o}", "code", f[i].code, "message", pp_json_str(f[i].message),
                          "clients", f[i].clients, "affects", names(f[i].affects), "refuses",
                          names(f[i].refuses));
    if (o && consumer) json_object_set_new(o, "relevant", json_boolean((f[i].affects & consumer) != 0));
    if (o) json_array_append_new(a, o);
  }
  return a;
}

const char *pp_cli_client_names(unsigned mask, char *buf, size_t len) {
  size_t k = 0;
  buf[0] = '\0';
  for (unsigned bit = 1; bit && bit <= mask && k < len; bit <<= 1)
    if ((mask & bit) && pp_pac_client_name(bit))
      k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? ", " : "", pp_pac_client_name(bit));
  return buf;
}
