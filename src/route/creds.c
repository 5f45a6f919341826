/* SPDX-License-Identifier: MIT */
/*
 * Which proxy may be answered with the user's credentials (issue 15 item 1,
 * docs/security.md "Proxy credentials"). attempt.c hands libcurl only what
 * this file allows; classify.c words the refusal; the CLI builds the list
 * of named proxies (cmd_check.c).
 */
#include <string.h>
#include <strings.h>

#include "route/route_int.h"

/* The rules, in order:
 *  1. DIRECT and QUIC routes never get credentials (nothing to answer).
 *  2. A proxy gets them only when the user named it: an entry of o->creds
 *     with its host (and port, when given). A PAC, WPAD or a registry
 *     setting never names a proxy: whoever controls them could list a
 *     rogue second entry that only has to answer 407 Basic.
 *  3. SOCKS (4 or 5) gets them only with socks_auth_ok: SOCKS5's user/
 *     password method (RFC 1929) is clear text, SOCKS4 sends the user id.
 *  4. A plain-HTTP PROXY is answered with Basic only with basic_plain_ok
 *     (Basic is the password in base64); Digest, NTLM and Negotiate never
 *     send it and stay allowed. An HTTPS proxy is inside TLS: any scheme. */
static const char NOT_NAMED[] = "not a proxy you named (--proxy, --proxy-user USER@HOST, "
                                "--proxy-auth-host HOST)";
static const char SOCKS[] = "SOCKS sends the password in clear (give --proxy-socks-auth)";
static const char BASIC[] = "Basic held back: on plain HTTP it sends the password in clear "
                            "(give --proxy-basic-ok)";

static bool host_match(const pp_proxy_cred_t *c, const pp_route_t *r) {
  const char *h = c->host;
  size_t n = strlen(h);
  if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
    h++;
    n -= 2;
  }
  return strlen(r->host) == n && strncasecmp(r->host, h, n) == 0 &&
         (c->port == 0 || c->port == r->port);
}

const pp_proxy_cred_t *pp_cred_for_route(const pp_check_opts_t *o, const pp_route_t *r,
                                         pp_attempt_t *a) {
  if (!(o->ncreds || o->creds_given) || r->type == PP_ROUTE_DIRECT || r->type == PP_ROUTE_QUIC) return NULL;
  const pp_proxy_cred_t *c = NULL;
  for (size_t i = 0; !c && i < o->ncreds; i++)
    if (host_match(&o->creds[i], r)) c = &o->creds[i];
  a->cred_state = "withheld";
  if (!c) {
    a->cred_note = NOT_NAMED;
    return NULL;
  }
  a->cred_named_by = c->named_by;
  bool socks = r->type == PP_ROUTE_SOCKS4 || r->type == PP_ROUTE_SOCKS5;
  if (socks && !o->socks_auth_ok) {
    a->cred_note = SOCKS;
    return NULL;
  }
  a->cred_state = "allowed";
  a->cred_user = c->user;
  if (r->type == PP_ROUTE_PROXY && !o->basic_plain_ok) a->cred_note = BASIC;
  return c;
}
