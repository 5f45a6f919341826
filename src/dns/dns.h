/* SPDX-License-Identifier: MIT */
/*
 * The resolver behind the PAC DNS functions (src/dns): answers, failures, statistics. The opaque pp_resolver_t and its set-up calls are public (include/pacprobe.h).
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_DNS_DNS_H
#define PP_DNS_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"

/* ---- DNS for the PAC functions (src/dns) -------------------------------- */


typedef enum pp_dns_source {
  PP_DNS_SRC_LITERAL = 0, /* the name was an IP literal */
  PP_DNS_SRC_OVERRIDE,    /* --resolve */
  PP_DNS_SRC_HOSTS,       /* --hosts file */
  PP_DNS_SRC_SERVER,      /* asked a DNS server (or the system's files via c-ares) */
  PP_DNS_SRC_OFFLINE,     /* --no-dns refused the lookup */
  PP_DNS_SRC_CAPPED       /* not asked: chrome mode's 20 distinct lookups per
                             evaluation were used up (kMaxUniqueResolveDnsPerExec) */
} pp_dns_source_t;

typedef enum pp_dns_family {
  PP_DNS_IPV4 = 4, /* A only */
  PP_DNS_ANY = 0   /* AAAA and A, resolver order */
} pp_dns_family_t;

/* Why a lookup gave no address (docs/engine.md "DNS failures"). The c-ares
 * status of the query decides, per tests/lab/test_faults_dns.sh. */
typedef enum pp_dns_failure {
  PP_DNS_FAIL_NONE = 0,    /* resolved */
  PP_DNS_FAIL_NOT_FOUND,   /* NXDOMAIN, no record of the type, --resolve HOST=,
                              --no-dns: the name does not resolve */
  PP_DNS_FAIL_TIMEOUT,     /* no answer within the resolver's timeout */
  PP_DNS_FAIL_SERVFAIL,    /* the server answered SERVFAIL */
  PP_DNS_FAIL_REFUSED,     /* the server answered REFUSED, NOTIMP or FORMERR */
  PP_DNS_FAIL_BAD_ANSWER,  /* an answer came but is malformed or cut */
  PP_DNS_FAIL_UNREACHABLE, /* connection refused: ICMP port unreachable over
                              UDP, or TCP refused after a truncated answer */
  PP_DNS_FAIL_DEADLINE,    /* the caller's deadline (the evaluation's
                              --timeout) ended the wait first */
  PP_DNS_FAIL_CAPPED,      /* not asked: chrome mode's 20 distinct lookups per
                              evaluation were used up (set by the engine) */
  PP_DNS_FAIL_OTHER        /* anything else (out of memory, resolver setup) */
} pp_dns_failure_t;
#define PP_DNS_FAIL_COUNT (PP_DNS_FAIL_OTHER + 1)

/* Short stable code for JSON: "none", "not-found", "timeout", "servfail",
 * "refused", "bad-answer", "unreachable", "deadline", "capped", "other". */
const char *pp_dns_failure_code(pp_dns_failure_t f);
/* One line for people, e.g. "no answer from the DNS server (timeout)",
 * "the DNS server answered SERVFAIL". Never NULL. */
const char *pp_dns_failure_describe(pp_dns_failure_t f);

typedef struct pp_dns_answer {
  char **addrs; /* numeric address strings, IPv6 without brackets */
  size_t naddrs;
  pp_dns_source_t source;
  double ms;    /* wall time of the lookup */
  pp_dns_failure_t failure; /* PP_DNS_FAIL_NONE on success, else why */
  /* The alias chain a DNS server's answer went through: the name asked (after
   * the search list), each CNAME target, the canonical name last; lower-case.
   * 0 when the name is no alias and for literal, --resolve, --hosts and
   * /etc/hosts answers; else >= 2, at most PP_DNS_CHAIN_MAX. */
  char **cnames;
  size_t ncnames;
} pp_dns_answer_t;
#define PP_DNS_CHAIN_MAX 16

/* Resolves `host` (ASCII; callers convert IDN first). PP_OK with at least
 * one address, PP_ENOTFOUND, PP_EDNS, PP_ENOMEM. `out` is filled on every
 * return (source, ms and failure even on failure); clear it with
 * pp_dns_answer_clear. Waits at most the resolver's timeout. */
pp_status_t pp_resolver_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out);
/* The same, but the wait for DNS also ends at deadline_ms (an absolute
 * pp_dns_now_ms() time; 0 = none): then PP_EDNS with failure
 * PP_DNS_FAIL_DEADLINE. The query itself goes on; its answer is cached for
 * later lookups. Answers already known are returned whatever the deadline. */
pp_status_t pp_resolver_lookup_until(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                                     double deadline_ms, pp_dns_answer_t *out);
/* The clock of deadlines: CLOCK_MONOTONIC in milliseconds. */
double pp_dns_now_ms(void);
void pp_dns_answer_clear(pp_dns_answer_t *a);

/* DNS answers are cached per resolver for their TTL (negative answers for
 * their SOA's negative TTL, RFC 2308), so engines sharing a resolver ask the
 * servers once per name and record type. Counters since pp_resolver_new: */
typedef struct pp_dns_stats {
  unsigned long lookups;      /* lookups that needed DNS (not a literal, --resolve, --hosts, --no-dns) */
  unsigned long cache_hits;   /* of those, answered without sending a query of their own */
  unsigned long queries_sent; /* DNS questions sent (per name, record type, search domain) */
  unsigned long not_found;    /* lookups answered "does not resolve" */
  unsigned long errors;       /* lookups that failed: timeout, server failure */
  unsigned long prefetched;   /* questions queued ahead by pp_resolver_prefetch */
  unsigned long by_cause[PP_DNS_FAIL_COUNT]; /* errors split by failure (the
                                               NOT_FOUND slot stays 0) */
} pp_dns_stats_t;
void pp_resolver_stats(pp_resolver_t *r, pp_dns_stats_t *out);
/* Starts resolving `host` for a later pp_resolver_lookup with `family` and
 * returns at once (bulk evaluation resolves the hosts of upcoming URLs
 * ahead, many queries in flight). Does nothing for names that need no DNS. */
void pp_resolver_prefetch(pp_resolver_t *r, const char *host, pp_dns_family_t family);

/* myIpAddress()/myIpAddressEx() probe as Chromium's PacMyIpAddress
 * (pac-semantics.md §2.3). all=false: at most one address (IPv4 preferred);
 * all=true: every candidate of the first stage that found any. On success
 * *out is a malloc'd array of malloc'd strings (may be empty). */
pp_status_t pp_myip_probe(bool all, char ***out, size_t *n);
/* Orders a lookup's answers (numeric, malloc'd strings) as Chromium's
 * AddressSorterPosix does (RFC 6724 §6; src/dns/sort.c): each address's
 * source is the kernel's choice for a UDP connect (no packet sent), or the
 * first of `sources` of its family when sources are given (--my-ip);
 * addresses without a source are freed and dropped. Returns how many
 * remain in addrs[0..]. */
size_t pp_dns_sort_destinations(char **addrs, size_t n, const char *const *sources,
                                size_t nsources);

#endif
