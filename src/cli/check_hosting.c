/* SPDX-License-Identifier: MIT */
/*
 * `check` and the place its PAC is hosted (issue 21, docs/sources.md
 * "Where the PAC is hosted"): which PAC client a --for consumer is, the
 * finding that makes it not use the PAC (then its no-PAC rule decides the
 * route, check_conf.c), and the findings as text lines and JSON, each
 * marked relevant or not to the consumer.
 */
#include <string.h>

#include "cli/check.h"
#include "cli/check_consumer.h"
#include "cli/hosting_out.h"

/* The PAC client behind each consumer that fetches a PAC: Chromium for the
 * browsers, the WinHTTP proxy service for WinHTTP, the .NET services and
 * (Windows 10 on, Microsoft KB 4025058) WinINet; libproxy for GNOME's
 * resolver. The environment runtimes fetch none. */
static const struct {
  const char *name;
  unsigned clients;
} map[] = {
    {"chrome", PP_PAC_CLIENT_CHROMIUM},        {"edge", PP_PAC_CLIENT_CHROMIUM},
    {"firefox", PP_PAC_CLIENT_FIREFOX},        {"winhttp", PP_PAC_CLIENT_WINHTTP},
    {"user", PP_PAC_CLIENT_WINHTTP},           {"localsystem", PP_PAC_CLIENT_WINHTTP},
    {"networkservice", PP_PAC_CLIENT_WINHTTP}, {"localservice", PP_PAC_CLIENT_WINHTTP},
    {"mdi-sensor", PP_PAC_CLIENT_WINHTTP},     {"gnome", PP_PAC_CLIENT_LIBPROXY},
};

unsigned pp_ck_consumer_clients(const pp_ck_t *ck) {
  for (size_t i = 0; ck->consumer && i < sizeof(map) / sizeof(map[0]); i++)
    if (strcmp(map[i].name, ck->consumer->name) == 0) return map[i].clients;
  return 0;
}

const pp_pac_finding_t *pp_ck_hosting_refusal(const pp_ck_t *ck) {
  unsigned me = pp_ck_consumer_clients(ck);
  for (size_t i = 0; me && i < ck->nhosting; i++)
    if (ck->hosting[i].refuses & me) return &ck->hosting[i];
  return NULL;
}

void pp_ck_print_hosting(FILE *out, const pp_ck_t *ck) {
  unsigned me = pp_ck_consumer_clients(ck);
  for (size_t i = 0; i < ck->nhosting; i++) {
    const pp_pac_finding_t *f = &ck->hosting[i];
    fprintf(out, "pac hosting %s", f->code);
    if (ck->consumer && (f->refuses & me))
      fprintf(out, " [relevant to --for %s: it does not use this PAC]", ck->consumer->name);
    else if (ck->consumer)
      fprintf(out, " [%s to --for %s]", f->affects & me ? "relevant" : "not relevant", ck->consumer->name);
    fprintf(out, ": %s; %s\n", pp_safe(f->message), f->clients);
  }
}

json_t *pp_ck_hosting_json(const pp_ck_t *ck) {
  unsigned me = pp_ck_consumer_clients(ck);
  /* a consumer that fetches no PAC: every finding is marked not relevant */
  return pp_json_hosting(ck->hosting, ck->nhosting, ck->consumer ? (me ? me : 1u << 31) : 0);
}
