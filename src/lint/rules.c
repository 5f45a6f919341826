/* SPDX-License-Identifier: MIT */
/*
 * The lint rules: every code a diagnostic can carry, with its usual
 * severity and a one-line description. The ids are stable (scripts,
 * suppressions and CI dashboards key on them); each has its section in
 * docs/lint.md, whose anchor is the id itself (docs/lint.md#dns-on-host).
 */
#include <string.h>

#include "lint/lint.h"

static const pp_lint_rule_t rules[] = {
    {"analysis-budget", PP_LINT_WARNING, "over the compile budget of --memory-limit: static checks skipped"},
    {"arity", PP_LINT_WARNING, "a PAC helper called with the wrong number of arguments"},
    {"bad-date", PP_LINT_WARNING, "date and time arguments that can never match"},
    {"bad-ip", PP_LINT_WARNING, "an isInNet/isInNetEx address, mask or prefix that is not valid"},
    {"bad-result", PP_LINT_ERROR, "a result string with entries the client's grammar drops"},
    {"bad-url", PP_LINT_ERROR, "a line of the --urls list that is not a URL"},
    {"dns-limit", PP_LINT_WARNING, "more distinct DNS lookups in one evaluation than Chromium answers"},
    {"dns-lookups", PP_LINT_NOTE, "the DNS lookups one URL of --urls needed"},
    {"dns-on-host", PP_LINT_WARNING, "a DNS lookup on every request, before the cheap host checks"},
    {"domain-dot", PP_LINT_WARNING, "dnsDomainIs without the leading dot also matches longer names"},
    {"encoding", PP_LINT_WARNING, "bytes that are not UTF-8 (browsers read them as ISO-8859-1)"},
    {"engine-compat", PP_LINT_WARNING, "a construct the emulated client's older engine rejects"},
    {"load-error", PP_LINT_ERROR, "the top level of the script threw or hit a limit while loading"},
    {"mask-bits", PP_LINT_WARNING, "an isInNet address with bits outside its mask"},
    {"memory-limit", PP_LINT_ERROR, "an evaluation of --urls hit --memory-limit"},
    {"mode-difference", PP_LINT_WARNING, "a construct whose result depends on the client"},
    {"never-matches", PP_LINT_WARNING, "a host or URL test that can never be true"},
    {"no-findproxy", PP_LINT_ERROR, "no FindProxyForURL function"},
    {"non-ascii-result", PP_LINT_WARNING, "a result with non-ASCII characters (Chromium goes DIRECT)"},
    {"not-a-string", PP_LINT_ERROR, "FindProxyForURL returned something other than a string"},
    {"placeholder", PP_LINT_WARNING, "an unfilled template placeholder (${GATEWAY}, {{WPAD_IP}}, PAC_FQDN)"},
    {"script-error", PP_LINT_ERROR, "the script threw for a URL of --urls"},
    {"shadowed", PP_LINT_WARNING, "a rule that can never fire after an earlier, broader one"},
    {"syntax", PP_LINT_ERROR, "the script does not compile"},
    {"timeout", PP_LINT_ERROR, "an evaluation of --urls hit --timeout"},
    {"too-big", PP_LINT_WARNING, "a script over 1 MB (WinHTTP refuses it)"},
    {"unknown-function", PP_LINT_WARNING, "a call to a function the script and the client lack"},
    {"unreachable", PP_LINT_WARNING, "code that can never run"},
    {"unsupported-js", PP_LINT_WARNING, "a construct browsers run but pacprobe's engine cannot"},
    {"unused-suppression", PP_LINT_WARNING, "a suppression comment that suppresses nothing"},
};

const pp_lint_rule_t *pp_lint_rules(size_t *n) {
  *n = sizeof(rules) / sizeof(rules[0]);
  return rules;
}

const pp_lint_rule_t *pp_lint_rule_find(const char *id) {
  for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
    if (strcmp(rules[i].id, id) == 0) return &rules[i];
  return NULL;
}
