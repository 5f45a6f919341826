/* SPDX-License-Identifier: MIT */
/* Internal interfaces of src/dns: the name -> addresses table behind
 * --resolve and --hosts, the parsers that fill it, --dns-server parsing and
 * the injectable myIpAddress probe. Not installed; only src/dns and the unit
 * tests include it. */
#ifndef PP_DNS_INT_H
#define PP_DNS_INT_H

#include <pthread.h>
#include <time.h>
#include <stdbool.h>
#include <stddef.h>

#include <ares.h>

#include "os/os.h"
#include "pacprobe.h"

/* ---- table.c: names -> ordered, duplicate-free address lists ---------- */

typedef struct pp_dns_entry {
  char *name;   /* ASCII lower-case */
  char **addrs; /* numeric (inet_ntop) strings, file/spec order */
  size_t naddrs;
  bool used;    /* slot occupied */
} pp_dns_entry_t;

/* Open-addressing hash table; zero-initialise ({0}) before use. */
typedef struct pp_dns_table {
  pp_dns_entry_t *slots;
  size_t cap; /* power of two, or 0 */
  size_t n;
} pp_dns_table_t;

/* The entry for `name` (compared ASCII case-insensitively), NULL if none. */
const pp_dns_entry_t *pp_dns_table_find(const pp_dns_table_t *t, const char *name);
/* Creates or empties the entry for `name` and returns it; NULL on ENOMEM. */
pp_dns_entry_t *pp_dns_table_reset(pp_dns_table_t *t, const char *name);
/* Returns the entry for `name`, creating an empty one; NULL on ENOMEM. */
pp_dns_entry_t *pp_dns_table_get(pp_dns_table_t *t, const char *name);
/* Appends addr to e unless already present. false on ENOMEM. */
bool pp_dns_entry_add(pp_dns_entry_t *e, const char *addr);
void pp_dns_table_free(pp_dns_table_t *t);

/* Parses a numeric IPv4/IPv6 address (len bytes, IPv6 optionally in
 * brackets) and writes its inet_ntop form to out (>= 46 bytes). Returns
 * AF_INET, AF_INET6 or 0 when it is not an address. */
int pp_dns_addr_normalize(const char *text, size_t len, char *out, size_t outlen);

/* Appends the addresses of e to a->addrs (IPv4 only when family is
 * PP_DNS_IPV4), skipping duplicates. false on ENOMEM. */
bool pp_dns_answer_add_entry(pp_dns_answer_t *a, const pp_dns_entry_t *e, pp_dns_family_t family);
/* Appends one address unless already present. false on ENOMEM. */
bool pp_dns_answer_add(pp_dns_answer_t *a, const char *addr);

/* ---- overrides.c / hosts.c -------------------------------------------- */

/* "HOST=ADDR[,ADDR...]" or "HOST=" into t (replacing HOST's entry).
 * PP_EINVAL with the reason (not repeating spec) in err, PP_ENOMEM. */
pp_status_t pp_dns_override_parse(pp_dns_table_t *t, const char *spec, char *err, size_t errlen);
/* Adds every entry of an /etc/hosts-format file to t (appending to names
 * already present). PP_EIO / PP_EINVAL ("path:line: reason") / PP_ENOMEM.
 * On failure t keeps the lines read before the bad one. */
pp_status_t pp_dns_hosts_load(pp_dns_table_t *t, const char *path, char *err, size_t errlen);
/* Same, from memory; `name` is used in messages. */
pp_status_t pp_dns_hosts_parse(pp_dns_table_t *t, const char *data, size_t len, const char *name,
                               char *err, size_t errlen);

/* ---- servers.c --------------------------------------------------------- */

/* Parses "ADDR", "ADDR:PORT", "[V6]" or "[V6]:PORT" into *node (next set
 * to NULL; port 0 = 53). PP_EINVAL with the reason (not repeating text)
 * in err. */
pp_status_t pp_dns_server_parse(const char *text, struct ares_addr_port_node *node, char *err,
                                size_t errlen);

/* ---- myip.c ------------------------------------------------------------ */

/* What the myIpAddress probe asks of the machine, replaceable in tests
 * (Chromium's PacMyIpAddressForTest does the same with a socket factory). */
typedef struct pp_myip_ops {
  /* The local address a UDP socket "connected" to dest (a numeric address)
   * would use, written numerically to out; false when there is no route. */
  bool (*route)(void *udata, const char *dest, char *out, size_t outlen);
  /* The addresses of gethostname() (numeric, malloc'd list); false when the
   * name does not resolve. */
  bool (*hostname)(void *udata, char ***addrs, size_t *n);
  void *udata;
} pp_myip_ops_t;

/* pp_myip_probe with the machine replaced by ops. */
pp_status_t pp_myip_run(bool all, const pp_myip_ops_t *ops, char ***out, size_t *n);

/* The machine's route probe (a pp_myip_ops_t.route): the local address a
 * UDP socket connect()ed to the numeric address dest would use. */
bool pp_myip_route_source(void *udata, const char *dest, char *out, size_t outlen);


/* ---- cache.c: this run's DNS answers per (name, record type) ----------- */

enum { PP_DNS_QA = 0, PP_DNS_QAAAA = 1 };
typedef enum pp_dns_state { PP_DNS_PENDING = 0, PP_DNS_READY } pp_dns_state_t;

typedef struct pp_dns_centry pp_dns_centry_t;
struct pp_dns_centry {
  char *name;            /* lower-case, as asked (before search domains) */
  int qtype;             /* PP_DNS_QA or PP_DNS_QAAAA */
  pp_dns_state_t state;
  pp_status_t status;    /* READY: PP_OK, PP_ENOTFOUND, PP_EDNS */
  pp_dns_failure_t failure; /* READY: why there are no addresses (NONE if OK) */
  char **addrs;          /* READY and PP_OK: numeric, answer order */
  size_t naddrs;
  char **cnames;         /* READY and PP_OK: the alias chain (pp_dns_parse_chain) */
  size_t ncnames;
  double expires;        /* READY: monotonic ms after which it is asked again */
  double neg_ttl_ms;     /* PENDING: smallest negative TTL of the candidates */
  unsigned cand;         /* PENDING: search candidate being asked */
  pp_dns_failure_t soft; /* PENDING: a candidate's failure that let the next
                            candidate be asked (SERVFAIL), else NONE */
  bool asking;           /* a query for it is in flight */
  unsigned char inq;     /* bit q set: linked in send queue q (async.c) */
  unsigned refs;         /* lookups waiting on it */
  void *owner;           /* the resolver, for the c-ares callback */
  pp_dns_centry_t *hnext, *older, *newer, *qnext[2];
};

/* Chained hash of entries plus a recency list; zero-initialise, then init. */
typedef struct pp_dns_cache {
  pp_dns_centry_t **buckets;
  size_t nbuckets; /* power of two */
  size_t n, max;
  pp_dns_centry_t *newest, *oldest;
} pp_dns_cache_t;

bool pp_dns_cache_init(pp_dns_cache_t *c, size_t max);
/* The entry for (name, qtype), NULL if none; name already lower-case. */
pp_dns_centry_t *pp_dns_cache_find(const pp_dns_cache_t *c, const char *name, int qtype);
/* Adds a PENDING entry, first evicting the least recently used entries that
 * nothing references when the cache is full. NULL on ENOMEM. */
pp_dns_centry_t *pp_dns_cache_add(pp_dns_cache_t *c, const char *name, int qtype);
/* Marks e most recently used. */
void pp_dns_cache_touch(pp_dns_cache_t *c, pp_dns_centry_t *e);
/* Frees every entry and the table. */
void pp_dns_cache_free(pp_dns_cache_t *c);

/* ---- wire.c ------------------------------------------------------------ */

/* The negative-caching TTL of a DNS response in seconds (RFC 2308 §5: the
 * smaller of the authority SOA's TTL and its MINIMUM field), or -1 when the
 * response carries no SOA or is malformed. */
long pp_dns_negative_ttl(const unsigned char *msg, size_t len);
/* The addresses and smallest TTL (seconds) of the A (qtype PP_DNS_QA) or
 * AAAA answers of a response; CNAME chains are followed by c-ares' parser.
 * Returns PP_OK (n may be 0: no data), PP_ENOMEM or PP_EDNS (malformed). */
pp_status_t pp_dns_parse_answers(const unsigned char *msg, size_t len, int qtype, char ***addrs,
                                 size_t *n, long *ttl);
/* The CNAME chain of a response (issue 17): the question's name, then each
 * CNAME target followed from it through the answer section (in any record
 * order), lower-case, without the trailing dot; n == 0 when the name is not
 * an alias. At most PP_DNS_CHAIN_MAX names; a loop ends at the bound.
 * PP_OK, PP_ENOMEM, PP_EDNS (malformed; names empty). */
pp_status_t pp_dns_parse_chain(const unsigned char *msg, size_t len, char ***names, size_t *n);

/* ---- failure.c --------------------------------------------------------- */

/* The cause a c-ares query status stands for. */
pp_dns_failure_t pp_dns_failure_of_ares(int status);
/* Of two causes, the one that tells more (a server's answer over silence,
 * any failure over NOT_FOUND). */
pp_dns_failure_t pp_dns_failure_worse(pp_dns_failure_t a, pp_dns_failure_t b);

/* ---- resolver state shared by resolver.c and async.c ------------------- */

/* Queries in flight at once; a lookup's own query jumps the prefetch queue. */
#define PP_DNS_MAX_INFLIGHT 128
/* Entries kept per resolver (name x record type). */
#define PP_DNS_CACHE_MAX 65536
enum { PP_DNS_Q_URGENT = 0, PP_DNS_Q_AHEAD = 1 };

typedef struct pp_dns_io {
  bool running, stopping, woken;
  pthread_t thread;
  pp_sock_t wake[2]; /* pp_os_wake_open */
  ares_channel ch;
  char **domains; /* search list of the channel (resolv.conf / LOCALDOMAIN) */
  size_t ndomains;
  int ndots;
  unsigned inflight;
  pp_dns_centry_t *head[2], *tail[2]; /* send queues */
} pp_dns_io_t;

struct pp_resolver {
  pp_dns_table_t overrides;
  pp_dns_table_t hosts;        /* --hosts */
  pp_dns_table_t system_hosts; /* /etc/hosts, read when DNS is first needed */
  struct ares_addr_port_node *servers; /* array, linked through next */
  size_t nservers;
  bool offline;
  bool v6_first; /* ANY answers list AAAA first (the machine has IPv6 routes) */
  unsigned timeout_ms;
  pthread_mutex_t lock; /* guards everything below */
  pthread_cond_t answered; /* broadcast when an entry becomes READY */
  pp_dns_cache_t cache;
  pp_dns_io_t io;
  pp_dns_stats_t stats;
};

/* ---- the system resolver (src/dns/cares/system.c, src/dns/win/system.c) -- */

/* Whether lookups without --dns-server go to the operating system's own
 * resolver rather than to c-ares: false on Linux (c-ares reads
 * resolv.conf, the same configuration), true on Windows (GetAddrInfoExW,
 * so NRPT rules, the suffix search list and devolution apply as they do for
 * the agent). */
bool pp_dns_system_defers(void);
/* Resolves name (lower case) with the system resolver, IPv4 only for
 * PP_DNS_IPV4, within timeout_ms or until deadline_ms (an absolute
 * pp_dns_now_ms() time, 0 = none), whichever comes first. Addresses are
 * added to out in the system's order. PP_OK, PP_ENOTFOUND, PP_EDNS with
 * out->failure set (TIMEOUT, DEADLINE, OTHER), or PP_ENOMEM. */
pp_status_t pp_dns_system_lookup(const char *name, pp_dns_family_t family, unsigned timeout_ms,
                                 double deadline_ms, pp_dns_answer_t *out);

/* ---- async.c: the I/O thread (every function: r->lock held) ------------ */

/* Starts the channel and the I/O thread unless running. PP_OK, PP_EDNS,
 * PP_ENOMEM. */
pp_status_t pp_dns_io_start(pp_resolver_t *r);
/* Queues e (PENDING, not asking) on send queue q and wakes the thread. */
void pp_dns_io_submit(pp_resolver_t *r, pp_dns_centry_t *e, int q);
/* Stops the thread and destroys the channel; queued and in-flight entries
 * end as PP_EDNS, not cached. Called with the lock NOT held. */
void pp_dns_io_stop(pp_resolver_t *r);
/* Makes e READY with status, its failure cause and addrs (taken over) for
 * ttl_ms; broadcasts. */
void pp_dns_finish(pp_resolver_t *r, pp_dns_centry_t *e, pp_status_t status,
                   pp_dns_failure_t failure, char **addrs, size_t naddrs, double ttl_ms);
/* ares_library_init, once per process (pthread_once in resolver.c). */
void pp_dns_library_init(void);

#endif
