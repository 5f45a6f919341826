/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/dns: answer order (literal, --resolve, --hosts,
 * --no-dns), real c-ares lookups against a tiny DNS server this file runs
 * on 127.0.0.1 (crafted A/AAAA answers, NXDOMAIN, a name it never answers),
 * concurrent lookups from two threads, and the myIpAddress candidate rules
 * with a fake machine plus one run on the real one.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "dns/dns_int.h"
#include "pacprobe.h"
#include "support/casefile.h"
#include "util/buf.h"
#include "support/udpdns.h"
#include "util/str.h"

/* ---- a tiny DNS server on 127.0.0.1 ------------------------------------- */

/* Zone: name -> A and AAAA records; "silent.test" is never answered, any
 * other name is NXDOMAIN; "<k>-<n>.thread.test" answers 10.k.(n/256).(n%256).
 * Faults by name (failure causes): "servfail.test", "sf.search.test" and
 * "sf2" answer SERVFAIL, "refused.test" REFUSED, "notimp.test" NOTIMP,
 * "formerr.test" FORMERR; "cut.test" announces an answer it does not send. */
typedef struct rr {
  const char *name;
  const char *a[3];
  const char *aaaa[3];
} rr_t;

static const rr_t zone[] = {
    {"v4.test", {"192.0.2.1", "192.0.2.2"}, {NULL}},
    {"v6.test", {NULL}, {"2001:db8::1"}},
    {"dual.test", {"192.0.2.10"}, {"2001:db8::10"}},
    {"both.example.test", {"198.51.100.1"}, {NULL}},
};

static pp_tdns_t server;

/* Builds the answer list for name/qtype; false for NXDOMAIN. */
static bool lookup_zone(const char *name, uint16_t qtype, const char **addrs, size_t *n, char *synth) {
  unsigned k, num;
  *n = 0;
  if (sscanf(name, "%u-%u.thread.test", &k, &num) == 2) {
    if (qtype == 1) {
      snprintf(synth, 32, "10.%u.%u.%u", k & 255, (num >> 8) & 255, num & 255);
      addrs[(*n)++] = synth;
    }
    return true;
  }
  for (size_t i = 0; i < sizeof(zone) / sizeof(zone[0]); i++) {
    if (strcmp(zone[i].name, name)) continue;
    const char *const *src = qtype == 1 ? zone[i].a : qtype == 28 ? zone[i].aaaa : NULL;
    for (size_t j = 0; src && j < 3 && src[j]; j++) addrs[(*n)++] = src[j];
    return true;
  }
  return false;
}

/* The RCODE a fault name answers with, 0 for the others. */
static unsigned fault_rcode(const char *name) {
  static const struct {
    const char *name;
    unsigned rcode;
  } faults[] = {{"servfail.test", 2}, {"sf.search.test", 2}, {"sf2", 2}, {"refused.test", 5},
                {"notimp.test", 4},   {"formerr.test", 1}};
  for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
    if (!strcmp(name, faults[i].name)) return faults[i].rcode;
  return 0;
}

/* "alias.chain.test" -> "mid.chain.test" -> "edge.chain.test" (A 10.9.9.9,
 * no AAAA): the whole chain in every answer, as a recursive server sends it;
 * "edge.chain.test" itself is no alias; "cn.mid.chain.test" is one hop. */
static size_t chain_answer(const char *name, unsigned qtype, unsigned char *out, size_t n) {
  static const char *const chain[] = {"alias.chain.test", "mid.chain.test", "edge.chain.test"};
  size_t at = 0, an = 0;
  while (at < 3 && strcmp(chain[at], name)) at++;
  if (at == 3 && strcmp(name, "cn.mid.chain.test")) {
    out[3] = 0x83;
    return n;
  }
  if (at == 3) n = pp_tdns_add_cname(out, n, NULL, "edge.chain.test"), an++, at = 2;
  for (size_t i = at; i + 1 < 3; i++, an++)
    n = pp_tdns_add_cname(out, n, i == at ? NULL : chain[i], chain[i + 1]);
  if (qtype == 1) n = pp_tdns_add_addr_at(out, n, an ? chain[2] : NULL, 1, 60, "10.9.9.9"), an++;
  out[7] = (unsigned char)an;
  return n;
}

static size_t build_answer(void *udata, const unsigned char *q, size_t qlen, unsigned char *out,
                           size_t cap) {
  (void)udata;
  char name[256], synth[32];
  unsigned qtype;
  const char *addrs[4];
  size_t naddrs;
  size_t n = pp_tdns_reply_head(q, qlen, out, cap, 0, name, sizeof(name), &qtype);
  if (!n || !strcmp(name, "silent.test")) return 0;
  if (strstr(name, "chain.test")) return chain_answer(name, qtype, out, n);
  bool exists = lookup_zone(name, (uint16_t)qtype, addrs, &naddrs, synth);
  out[3] = (unsigned char)(0x80 | (exists ? 0 : 3)); /* RA, NOERROR/NXDOMAIN */
  out[7] = (unsigned char)naddrs;                    /* ANCOUNT */
  for (size_t i = 0; i < naddrs; i++) n = pp_tdns_add_addr(out, n, qtype, 60, addrs[i]);
  unsigned rcode = fault_rcode(name);
  if (rcode) out[3] = (unsigned char)(0x80 | rcode);
  if (!strcmp(name, "cut.test")) out[3] = 0x80, out[7] = 1; /* NOERROR, 1 answer announced, none sent */
  return n;
}

static int server_start(void **state) {
  (void)state;
  return pp_tdns_start(&server, build_answer, NULL);
}

static int server_stop(void **state) {
  (void)state;
  return pp_tdns_stop(&server);
}

/* A resolver asking only the test server. */
static pp_resolver_t *server_resolver(unsigned timeout_ms) {
  char spec[64], err[256];
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  snprintf(spec, sizeof(spec), "127.0.0.1:%d", server.port);
  assert_int_equal(pp_resolver_add_server(r, spec, err, sizeof(err)), PP_OK);
  pp_resolver_set_timeout(r, timeout_ms);
  return r;
}

/* ---- helpers -------------------------------------------------------------- */

/* "a;b;c" of the answer, in order. */
static char *joined(const pp_dns_answer_t *a) {
  pp_str_t s = PP_STR_INIT;
  for (size_t i = 0; i < a->naddrs; i++) {
    if (i) pp_str_putc(&s, ';');
    pp_str_puts(&s, a->addrs[i]);
  }
  return pp_str_take(&s);
}

static void expect(pp_resolver_t *r, const char *host, pp_dns_family_t fam, pp_status_t st,
                   pp_dns_source_t src, const char *addrs) {
  pp_dns_answer_t a;
  pp_status_t got = pp_resolver_lookup(r, host, fam, &a);
  char *j = joined(&a);
  if (got != st || a.source != src || strcmp(j, addrs))
    fail_msg("%s/%d: expected %s src %d [%s], got %s src %d [%s]", host, (int)fam, pp_strerror(st),
             (int)src, addrs, pp_strerror(got), (int)a.source, j);
  assert_true(a.ms >= 0);
  free(j);
  pp_dns_answer_clear(&a);
}

/* Same, but the order of addresses is the resolver's (RFC 6724 sorting in
 * c-ares depends on this machine's routes): compare as sets. */
static void expect_set(pp_resolver_t *r, const char *host, pp_dns_family_t fam, const char *const *want,
                       size_t nwant) {
  pp_dns_answer_t a;
  assert_int_equal(pp_resolver_lookup(r, host, fam, &a), PP_OK);
  assert_int_equal(a.source, PP_DNS_SRC_SERVER);
  assert_int_equal(a.naddrs, nwant);
  for (size_t i = 0; i < nwant; i++) {
    bool found = false;
    for (size_t k = 0; k < a.naddrs; k++) found = found || !strcmp(a.addrs[k], want[i]);
    if (!found) fail_msg("%s: %s missing from the answer", host, want[i]);
  }
  pp_dns_answer_clear(&a);
}

/* ---- answer order without a server ----------------------------------------- */

static void test_literals(void **state) {
  (void)state;
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  pp_resolver_set_offline(r, true); /* literals never need DNS */
  expect(r, "192.0.2.7", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_LITERAL, "192.0.2.7");
  expect(r, "192.0.2.7", PP_DNS_ANY, PP_OK, PP_DNS_SRC_LITERAL, "192.0.2.7");
  expect(r, "::1", PP_DNS_ANY, PP_OK, PP_DNS_SRC_LITERAL, "::1");
  expect(r, "2001:DB8:0::1", PP_DNS_ANY, PP_OK, PP_DNS_SRC_LITERAL, "2001:db8::1");
  expect(r, "[2001:db8::2]", PP_DNS_ANY, PP_OK, PP_DNS_SRC_LITERAL, "2001:db8::2");
  expect(r, "::1", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_LITERAL, "");
  /* Numeric IPv4 spellings getaddrinfo reads (inet_aton): addresses, as
   * both browsers' dnsResolve answer them (issue 16 item 5). */
  expect(r, "192.0.2", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_LITERAL, "192.0.0.2");
  expect(r, "0x0a010203", PP_DNS_ANY, PP_OK, PP_DNS_SRC_LITERAL, "10.1.2.3");
  /* Not literals: they reach the (offline) lookup. */
  expect(r, "0x0g.1.2.3", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  expect(r, "192.0.2.7 ", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  expect(r, "[192.0.2.7]", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  pp_resolver_free(r);
}

static void test_overrides(void **state) {
  (void)state;
  char err[256];
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  pp_resolver_set_offline(r, true);
  assert_int_equal(pp_resolver_add_override(r, "Foo.Example=10.0.0.1,2001:db8::1, 10.0.0.2,10.0.0.1",
                                            err, sizeof(err)),
                   PP_OK);
  assert_int_equal(pp_resolver_add_override(r, "gone.example=", err, sizeof(err)), PP_OK);
  assert_int_equal(pp_resolver_add_override(r, "v6.example=[2001:db8::5]", err, sizeof(err)), PP_OK);
  expect(r, "foo.example", PP_DNS_ANY, PP_OK, PP_DNS_SRC_OVERRIDE, "10.0.0.1;2001:db8::1;10.0.0.2");
  expect(r, "FOO.example", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_OVERRIDE, "10.0.0.1;10.0.0.2");
  expect(r, "gone.example", PP_DNS_ANY, PP_ENOTFOUND, PP_DNS_SRC_OVERRIDE, "");
  expect(r, "v6.example", PP_DNS_ANY, PP_OK, PP_DNS_SRC_OVERRIDE, "2001:db8::5");
  expect(r, "v6.example", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OVERRIDE, "");
  expect(r, "other.example", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  /* A later spec replaces the earlier one; a bad one changes nothing. */
  assert_int_equal(pp_resolver_add_override(r, "foo.example=10.9.9.9", err, sizeof(err)), PP_OK);
  expect(r, "foo.example", PP_DNS_ANY, PP_OK, PP_DNS_SRC_OVERRIDE, "10.9.9.9");
  static const char *const bad[] = {"noequals",       "=1.2.3.4",        "h=1.2.3",  "h=1.2.3.4,",
                                    "h=,1.2.3.4",     "h=foo",           "h=1.2.3.4,,1.2.3.5",
                                    "a b=1.2.3.4",    "foo.example=::g", "h=1.2.3.4/8"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    err[0] = '\0';
    if (pp_resolver_add_override(r, bad[i], err, sizeof(err)) != PP_EINVAL)
      fail_msg("override '%s' accepted", bad[i]);
    assert_true(err[0] != '\0');
  }
  /* The reason names the offending part. */
  assert_int_equal(pp_resolver_add_override(r, "h=10.0.0.1,10.0.0.300", err, sizeof(err)), PP_EINVAL);
  assert_string_equal(err, "'10.0.0.300' is not an IP address");
  expect(r, "foo.example", PP_DNS_ANY, PP_OK, PP_DNS_SRC_OVERRIDE, "10.9.9.9");
  pp_resolver_free(r);
}

static pp_resolver_t *hosts_resolver(void) {
  char path[4096], err[512];
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  assert_true(pp_test_data_path("good.hosts", path, sizeof(path)));
  if (pp_resolver_load_hosts(r, path, err, sizeof(err)) != PP_OK) fail_msg("%s", err);
  pp_resolver_set_offline(r, true);
  return r;
}

static void test_hosts_file(void **state) {
  (void)state;
  char err[256];
  pp_resolver_t *r = hosts_resolver();
  expect(r, "www.example.test", PP_DNS_ANY, PP_OK, PP_DNS_SRC_HOSTS, "192.0.2.1;2001:db8::1;192.0.2.2");
  expect(r, "www.example.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_HOSTS, "192.0.2.1;192.0.2.2");
  expect(r, "WWW", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_HOSTS, "192.0.2.1");
  expect(r, "tabbed.example.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_HOSTS, "10.0.0.1");
  expect(r, "ll.example.test", PP_DNS_ANY, PP_OK, PP_DNS_SRC_HOSTS, "fe80::1");
  expect(r, "v6only.example.test", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_HOSTS, "");
  expect(r, "v6only.example.test", PP_DNS_ANY, PP_OK, PP_DNS_SRC_HOSTS, "::1");
  expect(r, "comment", PP_DNS_ANY, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  /* --resolve is consulted before --hosts. */
  assert_int_equal(pp_resolver_add_override(r, "www=10.1.1.1", err, sizeof(err)), PP_OK);
  expect(r, "www", PP_DNS_ANY, PP_OK, PP_DNS_SRC_OVERRIDE, "10.1.1.1");
  pp_resolver_free(r);
}

static void expect_hosts_error(const char *file, pp_status_t want, const char *needle) {
  char path[4096], err[512] = "";
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  assert_true(pp_test_data_path(file, path, sizeof(path)));
  assert_int_equal(pp_resolver_load_hosts(r, path, err, sizeof(err)), want);
  if (!strstr(err, needle)) fail_msg("'%s' does not contain '%s'", err, needle);
  pp_resolver_free(r);
}

static void test_hosts_errors(void **state) {
  (void)state;
  expect_hosts_error("bad-addr.hosts", PP_EINVAL, "bad-addr.hosts:3: '999.1.1.1' is not an IP address");
  expect_hosts_error("bad-noname.hosts", PP_EINVAL, "bad-noname.hosts:2:");
  expect_hosts_error("missing.hosts", PP_EIO, "cannot read");
}

static void test_offline_sends_nothing(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(1000);
  pp_resolver_set_offline(r, true);
  int before = atomic_load(&server.queries);
  expect(r, "v4.test", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  expect(r, "v4.test", PP_DNS_ANY, PP_ENOTFOUND, PP_DNS_SRC_OFFLINE, "");
  assert_int_equal(atomic_load(&server.queries), before);
  /* The same resolver online asks the server. */
  pp_resolver_set_offline(r, false);
  expect(r, "v4.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_SERVER, "192.0.2.1;192.0.2.2");
  assert_true(atomic_load(&server.queries) > before);
  pp_resolver_free(r);
}

static void test_server_specs(void **state) {
  (void)state;
  char err[256];
  static const char *const good[] = {"192.0.2.53", "192.0.2.53:5353", "::1", "[::1]:53", "[2001:db8::1]",
                                     "2001:db8::53"};
  static const char *const bad[] = {"", "dns.example", "192.0.2.53:0", "192.0.2.53:70000", "192.0.2.53:",
                                    "[192.0.2.53]:53", "[::1", "[::1]53", "192.0.2.53:5x", "[::1]:"};
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
    if (pp_resolver_add_server(r, good[i], err, sizeof(err)) != PP_OK) fail_msg("%s: %s", good[i], err);
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    err[0] = '\0';
    if (pp_resolver_add_server(r, bad[i], err, sizeof(err)) != PP_EINVAL) fail_msg("'%s' accepted", bad[i]);
    assert_true(err[0] != '\0');
  }
  pp_resolver_free(r);
}

/* ---- lookups against the test server -------------------------------------- */

static void test_server_lookups(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(2000);
  static const char *const v4[] = {"192.0.2.1", "192.0.2.2"};
  static const char *const dual[] = {"192.0.2.10", "2001:db8::10"};
  static const char *const dual4[] = {"192.0.2.10"};
  static const char *const v6[] = {"2001:db8::1"};
  expect_set(r, "v4.test", PP_DNS_IPV4, v4, 2);
  expect_set(r, "V4.Test", PP_DNS_ANY, v4, 2);
  expect_set(r, "dual.test", PP_DNS_ANY, dual, 2);
  expect_set(r, "dual.test", PP_DNS_IPV4, dual4, 1);
  expect_set(r, "v6.test", PP_DNS_ANY, v6, 1);
  expect(r, "v6.test", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_SERVER, "");
  expect(r, "nx.test", PP_DNS_ANY, PP_ENOTFOUND, PP_DNS_SRC_SERVER, "");
  expect(r, "nx.test", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_SERVER, "");
  expect(r, "", PP_DNS_IPV4, PP_ENOTFOUND, PP_DNS_SRC_SERVER, "");
  pp_resolver_free(r);
}

/* "a>b>c" of the answer's alias chain, "" when none. */
static char *chain_of(const pp_dns_answer_t *a) {
  pp_str_t s = PP_STR_INIT;
  pp_str_puts(&s, "");
  for (size_t i = 0; i < a->ncnames; i++) pp_str_printf(&s, "%s%s", i ? ">" : "", a->cnames[i]);
  return pp_str_take(&s);
}

static void expect_chain(pp_resolver_t *r, const char *host, pp_status_t st, const char *want) {
  pp_dns_answer_t a;
  assert_int_equal(pp_resolver_lookup(r, host, PP_DNS_ANY, &a), st);
  char *got = chain_of(&a);
  if (strcmp(got, want)) fail_msg("%s: chain expected '%s', got '%s'", host, want, got);
  free(got);
  pp_dns_answer_clear(&a);
}

/* The alias chain through c-ares and the cache (issue 17). */
static void test_cname_chain(void **state) {
  (void)state;
  char err[256];
  pp_resolver_t *r = server_resolver(2000);
  expect_chain(r, "alias.chain.test", PP_OK, "alias.chain.test>mid.chain.test>edge.chain.test");
  expect_chain(r, "Alias.Chain.Test", PP_OK, "alias.chain.test>mid.chain.test>edge.chain.test");
  expect(r, "alias.chain.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_SERVER, "10.9.9.9");
  expect_chain(r, "cn.mid.chain.test", PP_OK, "cn.mid.chain.test>edge.chain.test");
  expect_chain(r, "edge.chain.test", PP_OK, "");
  expect_chain(r, "nx.chain.test", PP_ENOTFOUND, "");
  pp_dns_stats_t st;
  pp_resolver_stats(r, &st);
  assert_true(st.cache_hits >= 2); /* the chain came from the cache too */
  assert_int_equal(pp_resolver_add_override(r, "alias.chain.test=192.0.2.9", err, sizeof(err)), PP_OK);
  expect_chain(r, "alias.chain.test", PP_OK, ""); /* --resolve answers have no chain */
  expect_chain(r, "192.0.2.9", PP_OK, "");
  pp_resolver_free(r);
}

/* A response to "q.test" built by hand: the question, then records. */
static size_t chain_msg(unsigned char *m, const char *const *rr, size_t nrr) {
  memset(m, 0, 12);
  m[2] = 0x81, m[3] = 0x80, m[5] = 1, m[7] = (unsigned char)nrr;
  size_t n = pp_tdns_put_name(m, 12, "q.test");
  n = pp_tdns_put16(m, n, 1);
  n = pp_tdns_put16(m, n, 1);
  for (size_t i = 0; i < nrr; i++) n = pp_tdns_add_cname(m, n, rr[2 * i], rr[2 * i + 1]);
  return n;
}

static void expect_parsed(const char *const *rr, size_t nrr, pp_status_t want_st, const char *want) {
  unsigned char m[4096];
  size_t len = chain_msg(m, rr, nrr);
  pp_dns_answer_t a = {0};
  assert_int_equal(pp_dns_parse_chain(m, len, &a.cnames, &a.ncnames), want_st);
  char *got = chain_of(&a);
  if (strcmp(got, want)) fail_msg("chain expected '%s', got '%s'", want, got);
  free(got);
  pp_dns_answer_clear(&a);
  if (nrr) { /* cut in the last record: malformed, no chain */
    assert_int_equal(pp_dns_parse_chain(m, len - 3, &a.cnames, &a.ncnames), PP_EDNS);
    assert_int_equal(a.ncnames, 0);
  }
}

/* pp_dns_parse_chain on its own: record order, case, loops, the bound. */
static void test_chain_parse(void **state) {
  (void)state;
  static const char *const in_order[] = {"q.test", "B.test", "b.test", "c.test"};
  static const char *const reversed[] = {"b.test", "c.test", "q.test", "b.test"};
  static const char *const unrelated[] = {"x.test", "y.test"};
  static const char *const loop[] = {"q.test", "b.test", "b.test", "q.test"};
  expect_parsed(in_order, 2, PP_OK, "q.test>b.test>c.test");
  expect_parsed(reversed, 2, PP_OK, "q.test>b.test>c.test");
  expect_parsed(unrelated, 1, PP_OK, "");
  expect_parsed(NULL, 0, PP_OK, "");
  unsigned char m[4096];
  pp_dns_answer_t a = {0};
  assert_int_equal(pp_dns_parse_chain(m, chain_msg(m, loop, 2), &a.cnames, &a.ncnames), PP_OK);
  assert_int_equal(a.ncnames, PP_DNS_CHAIN_MAX); /* a loop stops at the bound */
  pp_dns_answer_clear(&a);
}

static void test_hosts_before_server(void **state) {
  (void)state;
  char path[4096], err[512];
  pp_resolver_t *r = server_resolver(2000);
  assert_true(pp_test_data_path("good.hosts", path, sizeof(path)));
  assert_int_equal(pp_resolver_load_hosts(r, path, err, sizeof(err)), PP_OK);
  /* both.example.test is 192.0.2.50 in the file and 198.51.100.1 on the server. */
  expect(r, "both.example.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_HOSTS, "192.0.2.50");
  pp_resolver_free(r);
}

static void test_timeout(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(400);
  pp_dns_answer_t a;
  assert_int_equal(pp_resolver_lookup(r, "silent.test", PP_DNS_IPV4, &a), PP_EDNS);
  assert_int_equal(a.source, PP_DNS_SRC_SERVER);
  assert_int_equal(a.naddrs, 0);
  /* Honoured, not ignored: the budget is used, and the call does not hang. */
  if (a.ms < 300 || a.ms > 3000) fail_msg("timeout of 400 ms took %.0f ms", a.ms);
  pp_dns_answer_clear(&a);
  /* The resolver still works after a timed-out lookup. */
  expect(r, "v4.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_SERVER, "192.0.2.1;192.0.2.2");
  pp_resolver_free(r);
}

/* ---- why a lookup failed ---------------------------------------------------- */

static void expect_failure(pp_resolver_t *r, const char *host, pp_status_t st,
                           pp_dns_failure_t why) {
  pp_dns_answer_t a;
  pp_status_t got = pp_resolver_lookup(r, host, PP_DNS_IPV4, &a);
  if (got != st || a.failure != why || (a.naddrs == 0) != (st != PP_OK))
    fail_msg("%s: expected %s / %s, got %s / %s (%zu addresses)", host, pp_strerror(st),
             pp_dns_failure_code(why), pp_strerror(got), pp_dns_failure_code(a.failure), a.naddrs);
  pp_dns_answer_clear(&a);
}

static void test_failure_causes(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(400);
  expect_failure(r, "v4.test", PP_OK, PP_DNS_FAIL_NONE);
  expect_failure(r, "nx.test", PP_ENOTFOUND, PP_DNS_FAIL_NOT_FOUND);
  expect_failure(r, "servfail.test", PP_EDNS, PP_DNS_FAIL_SERVFAIL);
  expect_failure(r, "refused.test", PP_EDNS, PP_DNS_FAIL_REFUSED);
  expect_failure(r, "notimp.test", PP_EDNS, PP_DNS_FAIL_REFUSED);
  expect_failure(r, "formerr.test", PP_EDNS, PP_DNS_FAIL_REFUSED);
  expect_failure(r, "cut.test", PP_EDNS, PP_DNS_FAIL_BAD_ANSWER);
  expect_failure(r, "silent.test", PP_EDNS, PP_DNS_FAIL_TIMEOUT);
  /* A cached failure keeps its cause. */
  expect_failure(r, "servfail.test", PP_EDNS, PP_DNS_FAIL_SERVFAIL);
  /* Decided before DNS: does not exist. */
  pp_resolver_set_offline(r, true);
  expect_failure(r, "v4.test", PP_ENOTFOUND, PP_DNS_FAIL_NOT_FOUND);
  pp_dns_stats_t st;
  pp_resolver_stats(r, &st);
  assert_int_equal(st.by_cause[PP_DNS_FAIL_SERVFAIL], 2);
  assert_int_equal(st.by_cause[PP_DNS_FAIL_REFUSED], 3);
  assert_int_equal(st.by_cause[PP_DNS_FAIL_TIMEOUT], 1);
  assert_int_equal(st.by_cause[PP_DNS_FAIL_NOT_FOUND], 0);
  assert_int_equal(st.errors, 7);
  pp_resolver_free(r);
}

/* A SERVFAIL on one search candidate and NXDOMAIN on the other is still a
 * server failure, not "does not exist". The search list comes from
 * LOCALDOMAIN when the channel starts (at the first lookup). */
static void test_servfail_among_candidates(void **state) {
  (void)state;
  setenv("LOCALDOMAIN", "search.test", 1);
  pp_resolver_t *r = server_resolver(1000);
  expect_failure(r, "sf", PP_EDNS, PP_DNS_FAIL_SERVFAIL);  /* sf.search.test SERVFAIL, then sf NX */
  expect_failure(r, "sf2", PP_EDNS, PP_DNS_FAIL_SERVFAIL); /* sf2.search.test NX, then sf2 SERVFAIL */
  expect_failure(r, "nothing", PP_ENOTFOUND, PP_DNS_FAIL_NOT_FOUND); /* NX both */
  unsetenv("LOCALDOMAIN");
  pp_resolver_free(r);
}

/* A UDP port nothing listens on: the ICMP error ends the query at once. */
static void test_unreachable(void **state) {
  (void)state;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t sl = sizeof(sa);
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  assert_true(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
              getsockname(fd, (struct sockaddr *)&sa, &sl) == 0);
  close(fd);
  char spec[64], err[256];
  snprintf(spec, sizeof(spec), "127.0.0.1:%d", ntohs(sa.sin_port));
  pp_resolver_t *r = pp_resolver_new();
  assert_non_null(r);
  assert_int_equal(pp_resolver_add_server(r, spec, err, sizeof(err)), PP_OK);
  pp_dns_answer_t a;
  assert_int_equal(pp_resolver_lookup(r, "v4.test", PP_DNS_IPV4, &a), PP_EDNS);
  assert_int_equal(a.failure, PP_DNS_FAIL_UNREACHABLE);
  if (a.ms > 1000) fail_msg("a closed port took %.0f ms", a.ms);
  pp_dns_answer_clear(&a);
  pp_resolver_free(r);
}

/* The caller's deadline before the resolver's timeout ends the wait there,
 * as DEADLINE; the query goes on and a later lookup still works. A known
 * answer is returned even after the deadline. */
static void test_deadline(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(3000);
  pp_dns_answer_t a;
  double t0 = pp_dns_now_ms();
  assert_int_equal(pp_resolver_lookup_until(r, "silent.test", PP_DNS_IPV4, t0 + 300, &a), PP_EDNS);
  assert_int_equal(a.failure, PP_DNS_FAIL_DEADLINE);
  if (a.ms < 250 || a.ms > 1500) fail_msg("deadline of 300 ms took %.0f ms", a.ms);
  pp_dns_answer_clear(&a);
  /* A deadline after the resolver's own timeout: the resolver's wins. */
  pp_resolver_set_timeout(r, 300);
  t0 = pp_dns_now_ms();
  assert_int_equal(pp_resolver_lookup_until(r, "silent.test", PP_DNS_IPV4, t0 + 5000, &a), PP_EDNS);
  assert_int_equal(a.failure, PP_DNS_FAIL_TIMEOUT);
  if (a.ms > 1500) fail_msg("resolver timeout of 300 ms took %.0f ms", a.ms);
  pp_dns_answer_clear(&a);
  expect(r, "v4.test", PP_DNS_IPV4, PP_OK, PP_DNS_SRC_SERVER, "192.0.2.1;192.0.2.2");
  /* Cached now: a deadline already past does not hide it. */
  assert_int_equal(pp_resolver_lookup_until(r, "v4.test", PP_DNS_IPV4, pp_dns_now_ms() - 1, &a), PP_OK);
  assert_int_equal(a.failure, PP_DNS_FAIL_NONE);
  assert_int_equal(a.naddrs, 2);
  pp_dns_answer_clear(&a);
  /* Not cached and past: at once. */
  assert_int_equal(pp_resolver_lookup_until(r, "dual.test", PP_DNS_IPV4, pp_dns_now_ms() - 1, &a),
                   PP_EDNS);
  assert_int_equal(a.failure, PP_DNS_FAIL_DEADLINE);
  assert_true(a.ms < 100);
  pp_dns_answer_clear(&a);
  pp_resolver_free(r);
}

static void test_failure_names(void **state) {
  (void)state;
  for (int f = 0; f < PP_DNS_FAIL_COUNT; f++) {
    const char *code = pp_dns_failure_code((pp_dns_failure_t)f);
    assert_true(*code && (strcmp(code, "other") != 0 || f == PP_DNS_FAIL_OTHER));
    assert_true(*pp_dns_failure_describe((pp_dns_failure_t)f));
    for (int g = 0; g < f; g++) assert_string_not_equal(code, pp_dns_failure_code((pp_dns_failure_t)g));
  }
  assert_string_equal(pp_dns_failure_code(PP_DNS_FAIL_SERVFAIL), "servfail");
  assert_string_equal(pp_dns_failure_describe(PP_DNS_FAIL_TIMEOUT), "no answer from the DNS server (timeout)");
}

/* ---- two threads sharing one resolver ------------------------------------- */

typedef struct worker {
  pp_resolver_t *r;
  unsigned k;
  int failures;
} worker_t;

static void *work(void *arg) {
  worker_t *w = arg;
  for (unsigned n = 1; n <= 40; n++) {
    char host[64], want[32];
    snprintf(host, sizeof(host), "%u-%u.thread.test", w->k, n);
    snprintf(want, sizeof(want), "10.%u.%u.%u", w->k, n >> 8, n & 255);
    pp_dns_answer_t a;
    pp_status_t st = pp_resolver_lookup(w->r, host, PP_DNS_IPV4, &a);
    if (st != PP_OK || a.naddrs != 1 || strcmp(a.addrs[0], want)) w->failures++;
    pp_dns_answer_clear(&a);
  }
  return NULL;
}

static void test_two_threads(void **state) {
  (void)state;
  pp_resolver_t *r = server_resolver(3000);
  worker_t w[2] = {{r, 1, 0}, {r, 2, 0}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  assert_int_equal(w[0].failures, 0);
  assert_int_equal(w[1].failures, 0);
  pp_resolver_free(r);
}

/* ---- myIpAddress candidate rules with a fake machine ----------------------- */

/* routes: "dest=local,..." (unlisted destinations have no route);
 * host: the addresses of the machine's name, NULL when it does not resolve;
 * want: the expected list joined with ';'. */
typedef struct myip_case {
  bool all;
  const char *routes;
  const char *host;
  const char *want;
} myip_case_t;

static const myip_case_t myip_cases[] = {
    /* stage 1: the public-Internet route */
    {false, "8.8.8.8=192.168.1.5", NULL, "192.168.1.5"},
    {false, "8.8.8.8=192.168.1.5,2001:4860:4860::8888=2001:db8::5", NULL, "192.168.1.5"},
    {true, "8.8.8.8=192.168.1.5,2001:4860:4860::8888=2001:db8::5", NULL, "192.168.1.5;2001:db8::5"},
    {false, "2001:4860:4860::8888=2001:db8::5", "192.168.1.7", "2001:db8::5"},
    {true, "8.8.8.8=192.168.1.5", "192.168.1.7", "192.168.1.5"},
    /* stage 2: the host name; loopback and repeats dropped */
    {true, "", "127.0.1.1,192.168.1.9,192.168.1.9,2001:db8::9", "192.168.1.9;2001:db8::9"},
    {false, "", "2001:db8::7,192.168.1.7,192.168.1.8", "192.168.1.7"},
    {false, "", "2001:db8::7", "2001:db8::7"},
    {true, "8.8.8.8=127.0.0.1", "::1,127.0.0.1", ""},
    /* stage 3: private routes, only when nothing better was found */
    {false, "10.0.0.0=10.1.1.1", NULL, "10.1.1.1"},
    {true, "10.0.0.0=10.1.1.1,172.16.0.0=10.1.1.1,fc00::=fd00::1", NULL, "10.1.1.1;fd00::1"},
    {false, "10.0.0.0=10.1.1.1", "192.168.3.3", "192.168.3.3"},
    /* link-local: last resort, at most one, IPv4 preferred */
    {false, "8.8.8.8=169.254.1.1", "fe80::1", "169.254.1.1"},
    {true, "8.8.8.8=169.254.1.1", "fe80::1", "169.254.1.1"},
    {true, "", "fe80::1,fe80::2", "fe80::1"},
    {true, "", "fe80::1,169.254.9.9", "169.254.9.9"},
    {true, "", "::ffff:169.254.1.1", "::ffff:169.254.1.1"},
    {true, "8.8.8.8=169.254.1.1,192.168.0.0=192.168.5.5", NULL, "192.168.5.5"},
    /* nothing at all */
    {false, "", NULL, "127.0.0.1"},
    {true, "", NULL, ""},
    /* Chromium's own scenarios, one for one (net/proxy_resolution/
     * pac_library_unittest.cc, issue 16 item 9); a failed connect is an
     * unlisted route, an empty result is "127.0.0.1" for myIpAddress. */
    {false, "8.8.8.8=192.168.1.1", NULL, "192.168.1.1"},         /* PacMyIpAddress8888 */
    {false, "2001:4860:4860::8888=2001::beef", NULL, "2001::beef"}, /* ...2001 */
    {false, "", "169.254.13.16,127.0.0.1,::1,fe89::beef,2001::f001,178.1.99.3,192.168.1.3",
     "178.1.99.3"},                                               /* ...Hostname */
    {false, "", "::1,2001::f001,2001::f00d,169.254.0.6", "2001::f001"}, /* ...HostnameAllIPv6 */
    {false, "10.0.0.0=127.0.0.1,192.168.0.0=63.31.9.8", "169.254.13.16,127.0.0.1,::1,fe89::beef",
     "63.31.9.8"},                                                /* ...PrivateIPv4 */
    {false, "10.0.0.0=127.0.0.1,fc00::=2001::7777", NULL, "2001::7777"}, /* ...PrivateIPv6 */
    {false, "", NULL, "127.0.0.1"},                              /* ...AllFail */
    {false, "", "127.0.0.1,::1", "127.0.0.1"},                   /* ...AllFailOrLoopback */
    {false, "", "127.0.0.1,::1,fe81::8881", "fe81::8881"},       /* ...AllFailHasLinkLocal */
    {false, "", "127.0.0.1,::1,fe81::8881,169.254.89.133", "169.254.89.133"}, /* ...FavorIPv4 */
    {true, "8.8.8.8=192.168.1.1", NULL, "192.168.1.1"},          /* PacMyIpAddressEx8888 */
    {true, "2001:4860:4860::8888=2001::3333", NULL, "2001::3333"}, /* ...Ex2001 */
    {true, "8.8.8.8=192.168.17.8,2001:4860:4860::8888=2001::8333", NULL,
     "192.168.17.8;2001::8333"},                                  /* ...Ex8888And2001 */
    {true, "", "169.254.13.16,::1,fe89::beef,2001::bebe,178.1.99.3,127.0.0.1,192.168.1.3",
     "2001::bebe;178.1.99.3;192.168.1.3"},                        /* ...ExHostname */
    {true, "10.0.0.0=192.168.3.3,172.16.0.0=192.168.3.4,192.168.0.0=192.168.3.3,fc00::=2001::beef",
     NULL, "192.168.3.3;192.168.3.4;2001::beef"},                 /* ...ExPrivateDuplicates */
    {true, "", NULL, ""},                                        /* ...ExAllFail */
    {true, "fc00::=fe80::1", "127.0.0.1,::1,fe81::8881,fe80::8899", "fe81::8881"}, /* ...ExAllFailHasLinkLocal */
    {true, "", "127.0.0.1,::1,fe81::8881,169.254.89.133", "169.254.89.133"}, /* ...ExAllFailHasLinkLocalFavorIPv4 */
    {true, "", "127.0.0.1,::1", ""},                             /* ...ExAllFailOrLoopback */
};

static bool fake_route(void *udata, const char *dest, char *out, size_t outlen) {
  const char *routes = ((const myip_case_t *)udata)->routes;
  size_t dl = strlen(dest);
  for (const char *p = routes; *p;) {
    size_t len = strcspn(p, ",");
    if (len > dl && !strncmp(p, dest, dl) && p[dl] == '=') {
      snprintf(out, outlen, "%.*s", (int)(len - dl - 1), p + dl + 1);
      return true;
    }
    p += len + (p[len] == ',');
  }
  return false;
}

static bool fake_hostname(void *udata, char ***addrs, size_t *n) {
  const char *host = ((const myip_case_t *)udata)->host;
  if (!host) return false;
  for (const char *p = host; *p;) {
    size_t len = strcspn(p, ",");
    char *one = pp_strndup(p, len);
    assert_true(one && pp_strlist_push(addrs, n, one));
    free(one);
    p += len + (p[len] == ',');
  }
  return true;
}

static void test_myip_rules(void **state) {
  (void)state;
  size_t nfail = 0;
  for (size_t i = 0; i < sizeof(myip_cases) / sizeof(myip_cases[0]); i++) {
    const myip_case_t *c = &myip_cases[i];
    pp_myip_ops_t ops = {fake_route, fake_hostname, (void *)c};
    char **out = NULL;
    size_t n = 0;
    assert_int_equal(pp_myip_run(c->all, &ops, &out, &n), PP_OK);
    assert_non_null(out);
    pp_dns_answer_t tmp = {.addrs = out, .naddrs = n, .source = PP_DNS_SRC_LITERAL};
    char *got = joined(&tmp);
    if (strcmp(got, c->want)) {
      print_error("myip case %zu (%s, routes '%s'): expected '%s', got '%s'\n", i, c->all ? "all" : "one",
                  c->routes, c->want, got);
      nfail++;
    }
    free(got);
    pp_strlist_free(out, n);
  }
  assert_int_equal(nfail, 0);
}

/* The real machine: whatever it has, the answers obey the rules. */
static void test_myip_real(void **state) {
  (void)state;
  char **out = NULL;
  size_t n = 0;
  unsigned char bin[16];
  assert_int_equal(pp_myip_probe(false, &out, &n), PP_OK);
  assert_int_equal(n, 1);
  assert_true(inet_pton(strchr(out[0], ':') ? AF_INET6 : AF_INET, out[0], bin) == 1);
  assert_true(strncmp(out[0], "127.", 4) || !strcmp(out[0], "127.0.0.1"));
  pp_strlist_free(out, n);
  assert_int_equal(pp_myip_probe(true, &out, &n), PP_OK);
  assert_non_null(out);
  for (size_t i = 0; i < n; i++) {
    assert_true(inet_pton(strchr(out[i], ':') ? AF_INET6 : AF_INET, out[i], bin) == 1);
    assert_true(strncmp(out[i], "127.", 4) && strcmp(out[i], "::1"));
    for (size_t k = 0; k < i; k++) assert_string_not_equal(out[i], out[k]);
  }
  pp_strlist_free(out, n);
}

int main(int argc, char **argv) {
  if (argc > 1) pp_test_set_datadir(argv[1]);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_literals),
      cmocka_unit_test(test_overrides),
      cmocka_unit_test(test_hosts_file),
      cmocka_unit_test(test_hosts_errors),
      cmocka_unit_test(test_offline_sends_nothing),
      cmocka_unit_test(test_server_specs),
      cmocka_unit_test(test_server_lookups),
      cmocka_unit_test(test_cname_chain),
      cmocka_unit_test(test_chain_parse),
      cmocka_unit_test(test_hosts_before_server),
      cmocka_unit_test(test_timeout),
      cmocka_unit_test(test_failure_causes),
      cmocka_unit_test(test_servfail_among_candidates),
      cmocka_unit_test(test_unreachable),
      cmocka_unit_test(test_deadline),
      cmocka_unit_test(test_failure_names),
      cmocka_unit_test(test_two_threads),
      cmocka_unit_test(test_myip_rules),
      cmocka_unit_test(test_myip_real),
  };
  return cmocka_run_group_tests(tests, server_start, server_stop);
}
