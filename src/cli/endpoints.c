/* SPDX-License-Identifier: MIT */
/*
 * Reading --endpoints FILE for `check` and `test` (docs/endpoints.md): the
 * file through pp_pac_read (size-capped), --wildcard checked as a DNS
 * label, the per-set problems printed as warnings (the rest goes on).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/endpoints.h"
#include "cli/env.h"

#define ENDPOINTS_MAX_BYTES (8u * 1024u * 1024u)

static bool label_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-') return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
      return false;
  return true;
}

int pp_cli_load_endpoints(const pp_args_t *a, pp_endpoints_t *out) {
  const char *path = a->value[PP_OPT_ENDPOINTS], *label = a->value[PP_OPT_WILDCARD];
  if (!label) label = PP_WILDCARD_DEFAULT;
  else if (!label_ok(label))
    return pp_cli_usage_error("wildcard", label, "expected one DNS label (letters, digits, '-')");
  char err[600], *text = NULL;
  size_t len = 0;
  if (pp_pac_read(path, ENDPOINTS_MAX_BYTES, PP_PAC_FETCH_TIMEOUT_MS, &text, &len, err, sizeof(err)) != PP_OK) {
    pp_msg_error("option --endpoints: %s", err);
    return PP_EXIT_USAGE;
  }
  pp_status_t st = pp_endpoints_parse(text, len, path, label, out, err, sizeof(err));
  free(text);
  if (st != PP_OK) {
    pp_msg_error("%s", st == PP_ENOMEM ? "out of memory" : err);
    return PP_EXIT_USAGE;
  }
  for (size_t i = 0; i < out->nproblems; i++) pp_msg_warn("%s", out->problems[i]);
  if (out->n == 0) {
    pp_msg_error("option --endpoints: %s lists no URL to test", path);
    pp_endpoints_clear(out);
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}
