/* SPDX-License-Identifier: MIT */
/* Internal interfaces of src/dns: the name -> addresses table behind
 * --resolve and --hosts, the parsers that fill it, --dns-server parsing and
 * the injectable myIpAddress probe. Not installed; only src/dns and the unit
 * tests include it. */
#ifndef PP_DNS_INT_H
#define PP_DNS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <ares.h>

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

#endif
