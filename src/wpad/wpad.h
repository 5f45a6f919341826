/* SPDX-License-Identifier: MIT */
/*
 * WPAD discovery (src/wpad): options, attempts, the discovery record.
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_WPAD_WPAD_H
#define PP_WPAD_WPAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"
#include "pac/pac.h"

/* ---- WPAD discovery (src/wpad) ----------------------------------------- */

/* DESIGN §1.5, docs/wpad.md. Every string an option points to must outlive
 * the pp_discover call; nothing is copied. */
typedef struct pp_discover_opts {
  const char *const *interfaces; /* --interface; NULL/0 = every usable IPv4 one */
  size_t ninterfaces;
  const char *const *domains;    /* --domain; NULL/0 = resolv.conf search + FQDN
                                    (Windows: the DNS client's suffixes) */
  size_t ndomains;
  const char *const *lease_files; /* --lease-file; NULL/0 = the standard places */
  size_t nlease_files;
  const char *resolv_conf;       /* NULL = /etc/resolv.conf */
  const char *hostname;          /* NULL = gethostname() */
  bool no_dhcp, no_dns, no_fetch;
  bool dns_first;                /* --order dns,dhcp */
  unsigned dhcp_timeout_ms;      /* 0 = 2000 */
  unsigned dns_timeout_ms;       /* 0 = 2000 */
  unsigned fetch_timeout_ms;     /* 0 = 30000 (Chromium) */
  size_t max_bytes;              /* 0 = 1 MiB (Chromium) */
  unsigned devolution_level;     /* fewest labels a devolved suffix keeps; 0 = 2 */
  pp_resolver_t *resolver;       /* required: DNS candidates and the PAC check */
} pp_discover_opts_t;

typedef enum pp_wpad_method {
  PP_WPAD_DHCP = 0, /* DHCPINFORM on an interface */
  PP_WPAD_LEASE,    /* a DHCP client's lease file */
  PP_WPAD_DNS,      /* a wpad.<domain> lookup */
  PP_WPAD_FETCH     /* fetching and checking a candidate PAC URL */
} pp_wpad_method_t;

/* One line of the trace. Fields a method does not use are NULL / 0. */
typedef struct pp_wpad_attempt {
  pp_wpad_method_t method;
  char *asked;        /* dhcp: interface; lease: file; dns: name; fetch: URL */
  char *via;          /* dhcp: "broadcast" or the unicast server; lease: client
                         kind; dns: "dns"; fetch: the method that offered the URL */
  char *server;       /* dhcp: server identifier (option 54); dns: --dns-server or NULL */
  char *answer;       /* dhcp/lease: PAC URL; dns: addresses ", "-joined;
                         fetch: effective URL */
  char *result;       /* short code, docs/json.md */
  char *detail;       /* one line, NULL when there is nothing to add */
  pp_fetch_info_t fetch; /* fetch only */
  pp_pac_finding_t *hosting; /* fetch only: the PAC hosting findings of an
                                answer (docs/sources.md), NULL/0 none */
  size_t nhosting;
  double ms;
} pp_wpad_attempt_t;

typedef struct pp_wpad_warning {
  char *code;    /* stable, e.g. "public-suffix-stop", "dhcp-conflict" */
  char *message; /* one line */
} pp_wpad_warning_t;

/* The operating system's own WPAD detector next to pacprobe's discovery
 * (docs/wpad.md "The system's own answer"): on Windows
 * WinHttpDetectAutoProxyConfigUrl, asked once for DHCP and once for DNS so
 * each answer is known; nothing elsewhere (ran false). */
typedef struct pp_wpad_os_method {
  bool asked;   /* false with --no-dhcp / --no-dns */
  char *url;    /* the PAC URL the system found, NULL when none */
  char *error;  /* one line when it found none ("ERROR_WINHTTP_AUTODETECTION_FAILED (12180)") */
  char *ours;   /* pacprobe's first URL by the same method, NULL when none */
  bool agrees;  /* url and ours name the same URL (ASCII case ignored), or both are NULL */
  double ms;
} pp_wpad_os_method_t;

typedef struct pp_wpad_os_view {
  bool ran;          /* the platform has a detector and it answered in time */
  const char *api;   /* static: "WinHttpDetectAutoProxyConfigUrl"; NULL when not ran */
  char *error;       /* why it did not run or answer (one line), NULL otherwise */
  pp_wpad_os_method_t dhcp, dns;
  bool agrees;       /* every method asked agrees */
} pp_wpad_os_view_t;

typedef struct pp_discovery {
  pp_wpad_attempt_t *attempts; /* in trace order */
  size_t nattempts;
  pp_wpad_warning_t *warnings;
  size_t nwarnings;
  char *pac_url;    /* NULL when nothing usable was found */
  char *decided_by; /* "dhcp", "lease", "dns"; NULL when nothing */
  char *pac;        /* the fetched, checked script (NUL-terminated); NULL with no_fetch */
  size_t pac_len;
  char *error;      /* why pp_discover failed, NULL on PP_OK */
  double ms;
  pp_wpad_os_view_t os; /* the system's own detector, run at the same time */
} pp_discovery_t;

/* Sets the documented defaults (all zero / NULL). */
void pp_discover_opts_init(pp_discover_opts_t *o);
/* Runs discovery (DHCP and DNS concurrently, then fetches in priority
 * order). PP_OK when the run completed, whether or not a PAC was found
 * (out->pac_url tells); PP_EINVAL for an unusable option (unknown
 * interface, bad domain) and PP_ENOMEM, with out->error set. `out` is filled
 * on every return; clear it with pp_discovery_clear. */
pp_status_t pp_discover(const pp_discover_opts_t *o, pp_discovery_t *out);
void pp_discovery_clear(pp_discovery_t *d);
/* "dhcp", "lease", "dns", "fetch". Never NULL. */
const char *pp_wpad_method_name(pp_wpad_method_t m);

#endif
