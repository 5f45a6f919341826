/* SPDX-License-Identifier: MIT */
/*
 * The consumer model of `check --for` (issue 17, docs/consumers.md): per
 * consumer, what it does when no PAC can be had, the script fails, the
 * result has no usable entry, every proxy fails, or a proxy demands
 * authentication the account cannot give; applied to each target's routes
 * before the attempts and named after them. The texts here and the table
 * of docs/consumers.md say the same; the sources are there.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/check_consumer.h"
#include "util/str.h"

#define NET_SCRIPT "the PAC script failed → WinHttpGetProxyForUrl fails " \
  "(ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT); .NET goes DIRECT"
#define NET_NO_ENTRY "no usable entry in the result → .NET goes DIRECT"
#define NET_ALL "every proxy failed → .NET tries the manual proxy, else DIRECT, after the " \
  "PAC's list (WebProxy.GetProxyAutoFailover)"
#define WININET_NEXT "WinINet tries the next mode → DIRECT"
/* A runtime that takes one proxy from the environment (docs/sources.md
 * "NO_PROXY dialects"): no PAC, no list, no failover. */
#define ENV_RUNTIME(name, label, dialect) CONFIG_RUNTIME(name, label, PP_FOR_ENV, dialect)
/* The same for a program whose one proxy comes from its own configuration
 * (docs/sources.md: --for apt, docker). */
#define CONFIG_RUNTIME(name, label, config, dialect)                                         \
  {name, label, config, true, PP_AFTER_LIST_ERROR, NULL, NULL, NULL,                         \
   "the proxy failed → the request fails; " label " uses the one proxy of its environment "  \
   "and never fails over, not to another proxy and not to DIRECT",                           \
   "407 → the request fails unless the proxy URL carries user:password; " label " has no "   \
   "logon to offer", dialect}
#define MACHINE_AUTH "407 → a service account sends no user's credentials: it answers " \
  "Negotiate/NTLM only as the computer account (DOMAIN\\HOST$), never Basic or Digest; allow " \
  "the computer account or unauthenticated access for this service"

static const pp_ck_consumer_t consumers[] = {
    {"chrome", "Chrome", PP_FOR_CHROME, false, PP_AFTER_LIST_ERROR,
     "Chrome uses the manual proxy settings, else DIRECT (ProxyPacMandatory would block instead)",
     "the PAC script failed → Chrome goes DIRECT (ProxyPacMandatory would fail the request)",
     "no usable entry in the result → Chrome uses DIRECT",
     "every proxy failed → Chrome reports ERR_PROXY_CONNECTION_FAILED and adds no DIRECT; it "
     "skips the failed proxies for 5 minutes",
     "407 → Chrome answers Negotiate/NTLM with the logged-on user's Windows credentials, and "
     "prompts for Basic/Digest", PP_NP_CURL},
    {"firefox", "Firefox", PP_FOR_FIREFOX, false, PP_AFTER_LIST_DIRECT,
     "Firefox goes DIRECT and retries the PAC download later",
     "the PAC script failed → Firefox goes DIRECT",
     "no usable entry in the result → Firefox goes DIRECT",
     "every proxy failed → Firefox tries DIRECT (network.proxy.failover_direct, default true)",
     "407 → Firefox prompts, or answers Negotiate/NTLM with the user's logon "
     "(network.automatic-ntlm-auth.allow-proxies)", PP_NP_CURL},
    {"env", "curl (environment)", PP_FOR_ENV, true, PP_AFTER_LIST_ERROR,
     NULL, NULL, NULL,
     "the proxy failed → curl fails (exit 5, 7 or 28); it uses one proxy and never fails over, "
     "not to another proxy and not to DIRECT",
     "407 → curl fails (exit 56) unless it is given credentials (--proxy-user, "
     "user:password@ in the proxy URL); it has no logon to offer", PP_NP_CURL},
    {"curl", "curl (environment)", PP_FOR_ENV, true, PP_AFTER_LIST_ERROR,
     NULL, NULL, NULL,
     "the proxy failed → curl fails (exit 5, 7 or 28); it uses one proxy and never fails over, "
     "not to another proxy and not to DIRECT",
     "407 → curl fails (exit 56) unless it is given credentials (--proxy-user, "
     "user:password@ in the proxy URL); it has no logon to offer", PP_NP_CURL},
    {"winhttp", "a WinHTTP service (.NET Framework)", PP_FOR_WINHTTP, false, PP_AFTER_LIST_DIRECT,
     "WinHttpGetProxyForUrl fails (ERROR_WINHTTP_AUTODETECTION_FAILED or "
     "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT); the application decides: .NET goes DIRECT",
     NET_SCRIPT, NET_NO_ENTRY, NET_ALL, MACHINE_AUTH, PP_NP_CURL},
    {"user", "the user's WinINet applications", PP_FOR_USER, false, PP_AFTER_LIST_ERROR,
     WININET_NEXT,
     "the PAC script failed → WinINet goes DIRECT",
     "no usable entry in the result → DIRECT",
     "every proxy failed → the request fails; no implicit DIRECT",
     "407 → the user's Windows credentials (Negotiate/NTLM) or a prompt", PP_NP_CURL},
    {"localsystem", "a .NET service as LocalSystem", PP_FOR_LOCALSYSTEM, false,
     PP_AFTER_LIST_DIRECT, WININET_NEXT, NET_SCRIPT, NET_NO_ENTRY, NET_ALL, MACHINE_AUTH, PP_NP_CURL},
    {"networkservice", "a .NET service as NetworkService", PP_FOR_NETWORKSERVICE, false,
     PP_AFTER_LIST_DIRECT, WININET_NEXT, NET_SCRIPT, NET_NO_ENTRY, NET_ALL, MACHINE_AUTH, PP_NP_CURL},
    {"localservice", "a .NET service as LocalService", PP_FOR_LOCALSERVICE, false,
     PP_AFTER_LIST_DIRECT, WININET_NEXT, NET_SCRIPT, NET_NO_ENTRY, NET_ALL,
     "407 → LocalService has no network credentials (anonymous on the network): it cannot answer "
     "any scheme; allow unauthenticated access for this service", PP_NP_CURL},
    {"mdi-sensor", "the MDI sensor (.NET, LocalService)", PP_FOR_MDI_SENSOR, false,
     PP_AFTER_LIST_DIRECT, WININET_NEXT, NET_SCRIPT, NET_NO_ENTRY, NET_ALL,
     "407 → the sensor runs as LocalService and answers only with the credentials of "
     "Set-MDISensorProxyConfiguration -ProxyCredential; Microsoft: the sensor must reach "
     "*.atp.azure.com through the proxy without authentication", PP_NP_CURL},
    ENV_RUNTIME("wget", "wget", PP_NP_WGET),
    ENV_RUNTIME("go", "a Go program (net/http)", PP_NP_GO),
    CONFIG_RUNTIME("docker", "Docker (Go net/http)", PP_FOR_DOCKER, PP_NP_GO),
    CONFIG_RUNTIME("apt", "apt", PP_FOR_APT, PP_NP_CURL),
    ENV_RUNTIME("python-urllib", "Python urllib", PP_NP_PY_URLLIB),
    ENV_RUNTIME("python-requests", "Python requests", PP_NP_PY_REQUESTS),
    ENV_RUNTIME("node", "Node (proxy-from-env)", PP_NP_NODE),
    ENV_RUNTIME("dotnet", ".NET (HttpClient, environment)", PP_NP_DOTNET),
};

#define NCONSUMERS (sizeof(consumers) / sizeof(consumers[0]))

const pp_ck_consumer_t *pp_ck_consumer_find(const char *name) {
  for (size_t i = 0; i < NCONSUMERS; i++)
    if (strcmp(consumers[i].name, name) == 0) return &consumers[i];
  return NULL;
}

const char *pp_ck_consumer_names(void) {
  return "chrome, firefox, env (curl), winhttp, user, localsystem, localservice, "
         "networkservice, mdi-sensor, wget, go, docker, apt, python-urllib, python-requests, node, "
         "dotnet";
}

static bool has_direct(const pp_result_t *r, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (r->routes[i].type == PP_ROUTE_DIRECT) return true;
  return false;
}

static bool append_direct(pp_result_t *r) {
  pp_route_t *v = realloc(r->routes, (r->nroutes + 1) * sizeof(*v));
  if (!v) return false;
  memset(&v[r->nroutes], 0, sizeof(v[0]));
  v[r->nroutes].type = PP_ROUTE_DIRECT;
  r->routes = v;
  r->nroutes++;
  return true;
}

bool pp_ck_consumer_routes(const pp_ck_consumer_t *c, pp_ck_target_t *t, bool from_pac) {
  if (t->pac_error && c->script_error) {
    pp_result_clear(&t->result);
    if (pp_result_parse("DIRECT", PP_EMU_CHROME, &t->result) != PP_OK) return false;
    t->rule_event = "script-error";
    t->rule = c->script_error;
  }
  if (t->pac_error && !c->script_error) return true; /* nothing to try: verdict pac-error */
  size_t n = t->result.nroutes;
  if (from_pac && c->one_proxy && n > 1) n = 1;
  if (from_pac && c->after_list == PP_AFTER_LIST_DIRECT && n > 0 && !has_direct(&t->result, n)) {
    if (!append_direct(&t->result)) return false;
    n = t->result.nroutes;
    t->added_direct = true;
  }
  t->spec.routes = t->result.routes;
  t->spec.nroutes = n;
  return true;
}

static bool all_failed(const pp_check_result_t *r) {
  for (size_t i = 0; i < r->nattempts; i++)
    if (r->attempts[i].ok || !r->attempts[i].failover) return false;
  return r->nattempts > 0;
}

void pp_ck_consumer_explain(const pp_ck_consumer_t *c, pp_ck_target_t *t) {
  if (t->rule_event) return; /* decided before the attempts (script error) */
  const pp_check_result_t *r = &t->res;
  const pp_attempt_t *d = r->decided >= 0 ? &r->attempts[r->decided] : NULL;
  /* the consumer's own DIRECT was tried: every entry of the list had failed */
  bool via_added = t->added_direct && r->nattempts == t->spec.nroutes &&
                   (r->decided < 0 || r->decided == (int)t->spec.nroutes - 1);
  if (via_added || (all_failed(r) && !has_direct(&t->result, t->spec.nroutes))) {
    t->rule_event = "all-proxies-failed";
    t->rule = c->all_failed;
  } else if (d && d->auth_required && !d->ok && !d->auth_used) {
    t->rule_event = "proxy-auth";
    t->rule = c->auth;
  }
}
