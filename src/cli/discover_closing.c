/* SPDX-License-Identifier: MIT */
/*
 * The sentence `discover` ends with (issue 20), in text, JSON (`closing`)
 * and the HTML report: what was found, or the most likely reason nothing
 * was and what to check next. It reads only the trace (pp_discovery_t) and
 * the options that shaped it; the meaning of each result code is
 * docs/json.md "discover", the order of the reasons the essay below.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/str.h"

/* Why nothing usable was found, first matching rule wins (the step that
 * got furthest is the most telling):
 *  1. a fetch was tried: a candidate existed, the PAC behind it failed —
 *     name the last fetch's URL, result and detail;
 *  2. a wpad name resolved but --no-fetch stopped before fetching;
 *  3. DNS errors (timeout, SERVFAIL): the DNS server, not the records;
 *  4. DHCP and DNS both asked and both silent: nobody publishes WPAD;
 *  5. only one of them asked: say which and what the other would need;
 *  6. nothing could be asked at all (no interface, no search domain). */

static size_t count(const pp_discovery_t *d, pp_wpad_method_t m, const char *result) {
  size_t n = 0;
  for (size_t i = 0; i < d->nattempts; i++)
    n += d->attempts[i].method == m && (!result || (d->attempts[i].result && !strcmp(d->attempts[i].result, result)));
  return n;
}

static const pp_wpad_attempt_t *last_of(const pp_discovery_t *d, pp_wpad_method_t m) {
  const pp_wpad_attempt_t *a = NULL;
  for (size_t i = 0; i < d->nattempts; i++)
    if (d->attempts[i].method == m) a = &d->attempts[i];
  return a;
}

static void found(pp_str_t *s, const pp_discovery_t *d, const pp_discover_opts_t *o) {
  pp_str_printf(s, "Found: the PAC at %s, offered by %s", d->pac_url, d->decided_by ? d->decided_by : "WPAD");
  pp_str_puts(s, o->no_fetch ? " (not fetched: --no-fetch)" : ", fetched and valid");
  const pp_wpad_attempt_t *won = last_of(d, PP_WPAD_FETCH);
  if (d->nwarnings)
    pp_str_printf(s, "; %zu warning%s above to look at", d->nwarnings, d->nwarnings == 1 ? "" : "s");
  if (won && won->nhosting)
    pp_str_printf(s, "; %zu hosting finding%s of its fetch above name%s the clients affected",
                  won->nhosting, won->nhosting == 1 ? "" : "s", won->nhosting == 1 ? "s" : "");
  pp_str_puts(s, ".");
}

static void dhcp_part(pp_str_t *s, const pp_discovery_t *d) {
  size_t dhcp = count(d, PP_WPAD_DHCP, NULL), none = count(d, PP_WPAD_DHCP, "no-interface");
  size_t noreply = count(d, PP_WPAD_DHCP, "no-reply"), no252 = count(d, PP_WPAD_DHCP, "no-option-252");
  if (none) pp_str_puts(s, "there was no usable IPv4 interface to send a DHCPINFORM on");
  else if (no252) pp_str_puts(s, "the DHCP server answered without option 252 (WPAD)");
  else if (noreply == dhcp) pp_str_puts(s, "no DHCP server answered the DHCPINFORM");
  else pp_str_puts(s, "DHCP gave no usable PAC URL");
}

static void nothing(pp_str_t *s, const pp_discovery_t *d, const pp_discover_opts_t *o) {
  const pp_wpad_attempt_t *fetch = last_of(d, PP_WPAD_FETCH), *dns = last_of(d, PP_WPAD_DNS);
  size_t dhcp = count(d, PP_WPAD_DHCP, NULL), dns_err = count(d, PP_WPAD_DNS, "error");
  pp_str_puts(s, "Nothing usable found: ");
  if (fetch) {
    pp_str_printf(s, "WPAD pointed to %s but the PAC could not be used (%s%s%s); check that the web "
                     "server there answers HTTP 200 with a valid PAC",
                  fetch->asked ? fetch->asked : "?", fetch->result ? fetch->result : "?",
                  fetch->detail ? ": " : "", fetch->detail ? fetch->detail : "");
  } else if (count(d, PP_WPAD_DNS, "found")) {
    pp_str_puts(s, "a wpad name resolved but --no-fetch stopped before the PAC was fetched");
  } else if (dns_err) {
    pp_str_printf(s, "%zu wpad lookup%s failed with a DNS error (%s%s%s); check that the DNS server "
                     "in /etc/resolv.conf (or --dns-server) is reachable and answers",
                  dns_err, dns_err == 1 ? "" : "s", dns->asked ? dns->asked : "?",
                  dns->detail ? ": " : "", dns->detail ? dns->detail : "");
  } else if (dhcp && dns) {
    dhcp_part(s, d);
    pp_str_printf(s, ", and no wpad name resolves (last tried: %s); publish WPAD with DHCP option 252 "
                     "or a wpad host in your DNS domain", dns->asked ? dns->asked : "?");
  } else if (dhcp) {
    dhcp_part(s, d);
    pp_str_puts(s, o->no_dns ? ", and DNS was not tried (--no-dns)"
                             : ", and there was no search domain to look for wpad.<domain> in; set a "
                               "search domain (resolv.conf) or give --domain");
  } else if (dns) {
    pp_str_printf(s, "no wpad name resolves (last tried: %s)%s; check that wpad.<your domain> exists "
                     "in DNS", dns->asked ? dns->asked : "?", o->no_dhcp ? ", and DHCP was not tried (--no-dhcp)" : "");
  } else {
    pp_str_puts(s, "no method could ask anything (no interface, no search domain); give --interface "
                   "or --domain");
  }
  pp_str_puts(s, ".");
}

char *pp_discover_closing(const pp_discovery_t *d, const pp_discover_opts_t *o) {
  pp_str_t s = PP_STR_INIT;
  if (d->pac_url) found(&s, d, o);
  else nothing(&s, d, o);
  return pp_str_take(&s);
}
