/* SPDX-License-Identifier: MIT */
/*
 * The live part of the `sources` report (Windows, no --reg/--netsh): which
 * account pacprobe runs as against the account asked about (--for), and
 * what Windows itself says (c->os) next to pacprobe's decision, as text
 * lines and as the JSON members running_as and os. Nothing is printed
 * when the configuration was not read live, so offline reports stay as
 * they were. Strings arrive escaped and masked from the library.
 */
#include <string.h>

#include "cli/json.h"
#include "cli/sources.h"

/* The account a consumer names; PP_ACCT_NONE for winhttp and env. */
static pp_account_t consumer_account(pp_consumer_t k) {
  switch (k) {
  case PP_FOR_USER: return PP_ACCT_USER;
  case PP_FOR_LOCALSYSTEM: return PP_ACCT_LOCALSYSTEM;
  case PP_FOR_LOCALSERVICE:
  case PP_FOR_MDI_SENSOR: return PP_ACCT_LOCALSERVICE; /* the sensor service's account */
  case PP_FOR_NETWORKSERVICE: return PP_ACCT_NETWORKSERVICE;
  default: return PP_ACCT_NONE;
  }
}

/* Registry and WinHTTP values are foreign text: escaped (pp_safe). */
static const char *dash(const char *s) { return s ? pp_safe(s) : "-"; }

static void running_text(FILE *out, const pp_config_t *c) {
  const pp_config_os_t *os = &c->os;
  pp_account_t want = consumer_account(c->consumer);
  fprintf(out, "running as: %s (%s)", pp_account_name(os->running_as), dash(os->running_sid));
  if (want == PP_ACCT_NONE) fputs("\n", out);
  else if (want == os->running_as) fprintf(out, ": the account --for %s asks about\n",
                                           pp_consumer_name(c->consumer));
  else fprintf(out, ": not %s; reading its settings from the registry only (run pacprobe as "
               "that account to see what Windows gives it)\n", pp_account_name(want));
}

/* Whether the OS answer was compared with the decision, or why not. */
static void compared_text(FILE *out, const pp_config_t *c, bool winhttp) {
  const pp_config_os_t *os = &c->os;
  pp_account_t want = consumer_account(c->consumer);
  if (os->compared)
    fprintf(out, "    compared with the decision: %s\n",
            os->agrees ? "agrees" : "DIFFERS (warning os-disagrees)");
  else if (winhttp ? os->winhttp_error != NULL : os->ie_error != NULL)
    fputs("    not compared: the call failed\n", out);
  else if (!winhttp && (want != os->running_as || c->consumer == PP_FOR_MDI_SENSOR))
    fprintf(out, "    not compared: this is what %s gets, not %s\n",
            pp_account_name(os->running_as), pp_consumer_name(c->consumer));
  else fputs("    not compared: the command line decided\n", out);
}

void pp_sources_print_os_text(FILE *out, const pp_config_t *c) {
  const pp_config_os_t *os = &c->os;
  if (!os->present) return;
  running_text(out, c);
  fprintf(out, "windows says for %s (WinHttpGetIEProxyConfigForCurrentUser):",
          pp_account_name(os->running_as));
  if (os->ie_error) fprintf(out, " error: %s\n", pp_safe(os->ie_error));
  else fprintf(out, "\n    auto-detect: %s\n    auto-config URL: %s\n    proxy: %s\n    bypass: %s\n",
               os->ie_auto_detect ? "on" : "off", dash(os->ie_pac_url), dash(os->ie_proxy),
               dash(os->ie_bypass));
  if (c->consumer != PP_FOR_WINHTTP && c->consumer != PP_FOR_ENV) compared_text(out, c, false);
  fputs("windows says for WinHTTP (WinHttpGetDefaultProxyConfiguration):", out);
  if (os->winhttp_error) fprintf(out, " error: %s\n", pp_safe(os->winhttp_error));
  else if (os->winhttp_access == 3)
    fprintf(out, "\n    proxy: %s\n    bypass: %s\n", dash(os->winhttp_proxy),
            dash(os->winhttp_bypass));
  else fprintf(out, " access type %u (%s)\n", os->winhttp_access,
               os->winhttp_access == 1 ? "no proxy" : "not a named proxy");
  if (c->consumer == PP_FOR_WINHTTP) compared_text(out, c, true);
}

static json_t *running_json(const pp_config_t *c) {
  const pp_config_os_t *os = &c->os;
  pp_account_t want = consumer_account(c->consumer);
  return json_pack("{s:o,s:s,s:o}", "sid", pp_json_str(os->running_sid), "account",
                   pp_account_name(os->running_as), "is_consumer",
                   want == PP_ACCT_NONE ? json_null() : json_boolean(want == os->running_as));
}

static json_t *os_json(const pp_config_os_t *os) {
  json_t *ie = json_pack("{s:o,s:b,s:o,s:o,s:o,s:o}", "account", json_string(pp_account_name(os->running_as)),
                         "auto_detect", (int)os->ie_auto_detect, "pac_url", pp_json_str(os->ie_pac_url),
                         "proxy", pp_json_str(os->ie_proxy), "bypass", pp_json_str(os->ie_bypass),
                         "error", pp_json_str(os->ie_error));
  json_t *wh = json_pack("{s:i,s:o,s:o,s:o}", "access_type", (int)os->winhttp_access, "proxy",
                         pp_json_str(os->winhttp_proxy), "bypass", pp_json_str(os->winhttp_bypass),
                         "error", pp_json_str(os->winhttp_error));
  return json_pack("{s:o,s:o,s:b,s:o}", "ie", ie, "winhttp", wh, "compared", (int)os->compared,
                   "agrees", os->compared ? json_boolean(os->agrees) : json_null());
}

void pp_sources_os_json(json_t *root, const pp_config_t *c) {
  if (!c->os.present) return;
  json_object_set_new(root, "running_as", running_json(c));
  json_object_set_new(root, "os", os_json(&c->os));
}
