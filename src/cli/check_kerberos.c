/* SPDX-License-Identifier: MIT */
/*
 * Kerberos readiness of a proxy that demands authentication (issue 17):
 * which scheme a domain-joined Windows machine ends up using against it.
 * Kerberos needs a service principal name built from the proxy's name
 * (HTTP/NAME); a proxy named by IP address has none (Windows asks for no
 * ticket for an IP address unless TryIPSPN is set and an IP SPN registered),
 * so Negotiate falls back to NTLM, or fails where NTLM is blocked. A proxy
 * reached through a DNS alias (CNAME; the attempt's dns_chain) gets a ticket
 * asked for the canonical name, not the alias: Windows clients build the SPN
 * after CNAME resolution (WinINet unless FEATURE_USE_CNAME_FOR_SPN_KB911149
 * is 0; Chromium/Edge unless the DisableAuthNegotiateCnameLookup policy is
 * set, net/http/http_auth_handler_negotiate.cc), so only HTTP/<canonical>
 * helps (docs/consumers.md "Kerberos readiness").
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "cli/check.h"

static bool offered(const pp_attempt_t *a, const char *scheme) {
  for (size_t i = 0; i < a->nauth_offered; i++)
    if (strcasecmp(a->auth_offered[i], scheme) == 0) return true;
  return false;
}

/* The proxy host of a route text "PROXY host:port" / "HTTPS [v6]:port". */
static bool route_host(const char *route, char *host, size_t len) {
  const char *sp = strchr(route, ' ');
  if (!sp) return false;
  const char *h = sp + 1, *end;
  if (*h == '[') {
    end = strchr(h, ']');
    h++;
  } else end = strrchr(h, ':');
  if (!end || end <= h || (size_t)(end - h) >= len) return false;
  snprintf(host, len, "%.*s", (int)(end - h), h);
  return true;
}

/* Negotiate offered by a proxy reached through an alias. */
static void alias_text(const pp_attempt_t *a, const char *host, bool ntlm, char *scheme, size_t len) {
  const char *canon = a->dns_chain[a->ndns_chain - 1];
  snprintf(scheme, len, "Kerberos only if the SPN HTTP/%s is registered for the proxy's account "
           "(setspn -Q HTTP/%s): the proxy name %s is an alias (CNAME) of %s, and a Windows client "
           "asks for a ticket for the canonical name (WinINet unless FEATURE_USE_CNAME_FOR_SPN_KB911149"
           " is 0, Chrome/Edge unless DisableAuthNegotiateCnameLookup is set), not for HTTP/%s; "
           "else NTLM%s", canon, canon, host, canon, host,
           ntlm ? "" : ", which this proxy does not offer outside Negotiate");
}

bool pp_ck_kerberos(const pp_attempt_t *a, pp_ck_krb_t *k, char *scheme, size_t len) {
  char host[256];
  memset(k, 0, sizeof(*k));
  if (!a->auth_required || !a->nauth_offered || strncmp(a->route, "DIRECT", 6) == 0 ||
      !route_host(a->route, host, sizeof(host)))
    return false;
  unsigned char buf[16];
  k->ip_literal = inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
  k->alias = a->ndns_chain >= 2;
  if (!k->ip_literal) snprintf(k->spn, sizeof(k->spn), "HTTP/%s", k->alias ? a->dns_chain[a->ndns_chain - 1] : host);
  bool neg = offered(a, "Negotiate"), ntlm = offered(a, "NTLM");
  if (neg && k->alias)
    alias_text(a, host, ntlm, scheme, len);
  else if (neg && k->ip_literal)
    snprintf(scheme, len, "NTLM: the proxy is named by its IP address %s, which has no Kerberos "
             "SPN (Windows requests no ticket for an IP address unless TryIPSPN is set and an IP "
             "SPN is registered); Negotiate falls back to NTLM, or fails where NTLM is blocked; "
             "name the proxy by its DNS name", host);
  else if (neg)
    snprintf(scheme, len, "Kerberos, if the SPN HTTP/%s is registered for the proxy's account "
             "(setspn -Q HTTP/%s) and the name is not an alias (CNAME); else NTLM%s", host, host,
             ntlm ? "" : ", which this proxy does not offer outside Negotiate");
  else if (ntlm)
    snprintf(scheme, len, "NTLM: the proxy does not offer Negotiate, so never Kerberos");
  else
    snprintf(scheme, len, "%s only: no Windows logon can answer it; a service account has no "
             "password to send", a->auth_offered[0]);
  return true;
}
