/* SPDX-License-Identifier: MIT */
/*
 * Why a lookup failed (pp_dns_failure_t): the c-ares status -> cause table,
 * which cause tells more when several candidates or record types failed,
 * and the names of each cause for JSON and for people. The statuses each
 * fault of tests/lab/test_faults_dns.sh produces (c-ares 1.18) are listed
 * in docs/engine.md "DNS failures".
 */
#include "dns/dns_int.h"

pp_dns_failure_t pp_dns_failure_of_ares(int status) {
  switch (status) {
  case ARES_SUCCESS: return PP_DNS_FAIL_NONE;
  case ARES_ENOTFOUND:
  case ARES_ENODATA: return PP_DNS_FAIL_NOT_FOUND;
  case ARES_ETIMEOUT: return PP_DNS_FAIL_TIMEOUT;
  case ARES_ESERVFAIL: return PP_DNS_FAIL_SERVFAIL;
  case ARES_EREFUSED:
  case ARES_ENOTIMP:
  case ARES_EFORMERR: return PP_DNS_FAIL_REFUSED;
  case ARES_EBADRESP: return PP_DNS_FAIL_BAD_ANSWER;
  /* c-ares ends a query with ECONNREFUSED when every try hit a closed
   * socket: an ICMP port unreachable on UDP, or a refused TCP connection
   * after a truncated (TC) or oversized UDP answer made it retry over TCP. */
  case ARES_ECONNREFUSED: return PP_DNS_FAIL_UNREACHABLE;
  default: return PP_DNS_FAIL_OTHER;
  }
}

/* An answer from the server says more than its silence, and any failure
 * more than "does not exist"; used to pick one cause out of several. */
static int rank(pp_dns_failure_t f) {
  switch (f) {
  case PP_DNS_FAIL_NONE: return 0;
  case PP_DNS_FAIL_NOT_FOUND: return 1;
  case PP_DNS_FAIL_OTHER: return 2;
  case PP_DNS_FAIL_DEADLINE: return 3;
  case PP_DNS_FAIL_TIMEOUT: return 4;
  case PP_DNS_FAIL_UNREACHABLE: return 5;
  case PP_DNS_FAIL_BAD_ANSWER: return 6;
  case PP_DNS_FAIL_REFUSED: return 7;
  case PP_DNS_FAIL_SERVFAIL: return 8;
  case PP_DNS_FAIL_CAPPED: return 9;
  }
  return 2;
}

pp_dns_failure_t pp_dns_failure_worse(pp_dns_failure_t a, pp_dns_failure_t b) {
  return rank(b) > rank(a) ? b : a;
}

const char *pp_dns_failure_code(pp_dns_failure_t f) {
  switch (f) {
  case PP_DNS_FAIL_NONE: return "none";
  case PP_DNS_FAIL_NOT_FOUND: return "not-found";
  case PP_DNS_FAIL_TIMEOUT: return "timeout";
  case PP_DNS_FAIL_SERVFAIL: return "servfail";
  case PP_DNS_FAIL_REFUSED: return "refused";
  case PP_DNS_FAIL_BAD_ANSWER: return "bad-answer";
  case PP_DNS_FAIL_UNREACHABLE: return "unreachable";
  case PP_DNS_FAIL_DEADLINE: return "deadline";
  case PP_DNS_FAIL_CAPPED: return "capped";
  case PP_DNS_FAIL_OTHER: break;
  }
  return "other";
}

const char *pp_dns_failure_describe(pp_dns_failure_t f) {
  switch (f) {
  case PP_DNS_FAIL_NONE: return "the name resolved";
  case PP_DNS_FAIL_NOT_FOUND: return "the name does not exist (NXDOMAIN or no address record)";
  case PP_DNS_FAIL_TIMEOUT: return "no answer from the DNS server (timeout)";
  case PP_DNS_FAIL_SERVFAIL: return "the DNS server answered SERVFAIL";
  case PP_DNS_FAIL_REFUSED: return "the DNS server refused the query (REFUSED, NOTIMP or FORMERR)";
  case PP_DNS_FAIL_BAD_ANSWER: return "the DNS server's answer is malformed or cut short";
  case PP_DNS_FAIL_UNREACHABLE:
    return "the DNS server refused the connection (ICMP port unreachable, or TCP refused "
           "after a truncated answer)";
  case PP_DNS_FAIL_DEADLINE: return "the evaluation's --timeout ended the wait for the answer";
  case PP_DNS_FAIL_CAPPED: return "Chromium's cap of 20 distinct lookups per evaluation";
  case PP_DNS_FAIL_OTHER: break;
  }
  return "the resolver failed";
}
