/* SPDX-License-Identifier: MIT */
/*
 * The simulated-DNS table shared by --resolve and --hosts: host name ->
 * ordered, duplicate-free list of numeric addresses, plus the helpers that
 * normalise addresses and copy them into a pp_dns_answer_t. A hash table so
 * that a large blocklist-style hosts file (100k lines) loads in linear time.
 * Parsing of specs and files lives in overrides.c and hosts.c.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

/* FNV-1a over the lower-cased name, so lookups ignore ASCII case. */
static uint32_t hash_name(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ lower((unsigned char)*s)) * 16777619u;
  return h;
}

static bool same_name(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (lower((unsigned char)*a) != lower((unsigned char)*b)) return false;
  return *a == *b;
}

static size_t slot_of(const pp_dns_table_t *t, const char *name) {
  size_t mask = t->cap - 1, i = hash_name(name) & mask;
  while (t->slots[i].used && !same_name(t->slots[i].name, name)) i = (i + 1) & mask;
  return i;
}

const pp_dns_entry_t *pp_dns_table_find(const pp_dns_table_t *t, const char *name) {
  if (!t->cap) return NULL;
  const pp_dns_entry_t *e = &t->slots[slot_of(t, name)];
  return e->used ? e : NULL;
}

/* Doubles the table when it is over half full. */
static bool grow(pp_dns_table_t *t) {
  if (t->cap && (t->n + 1) * 2 <= t->cap) return true;
  size_t cap = t->cap ? t->cap * 2 : 16;
  pp_dns_entry_t *old = t->slots;
  size_t oldcap = t->cap;
  t->slots = calloc(cap, sizeof(*t->slots));
  if (!t->slots) {
    t->slots = old;
    return false;
  }
  t->cap = cap;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].used) t->slots[slot_of(t, old[i].name)] = old[i];
  free(old);
  return true;
}

pp_dns_entry_t *pp_dns_table_get(pp_dns_table_t *t, const char *name) {
  if (t->cap) {
    pp_dns_entry_t *e = &t->slots[slot_of(t, name)];
    if (e->used) return e;
  }
  if (!grow(t)) return NULL;
  pp_dns_entry_t *e = &t->slots[slot_of(t, name)];
  e->name = strdup(name);
  if (!e->name) return NULL;
  pp_ascii_lower(e->name);
  e->used = true;
  t->n++;
  return e;
}

pp_dns_entry_t *pp_dns_table_reset(pp_dns_table_t *t, const char *name) {
  pp_dns_entry_t *e = pp_dns_table_get(t, name);
  if (!e) return NULL;
  pp_strlist_free(e->addrs, e->naddrs);
  e->addrs = NULL;
  e->naddrs = 0;
  return e;
}

bool pp_dns_entry_add(pp_dns_entry_t *e, const char *addr) {
  for (size_t i = 0; i < e->naddrs; i++)
    if (!strcmp(e->addrs[i], addr)) return true;
  return pp_strlist_push(&e->addrs, &e->naddrs, addr);
}

void pp_dns_table_free(pp_dns_table_t *t) {
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->slots[i].used) continue;
    free(t->slots[i].name);
    pp_strlist_free(t->slots[i].addrs, t->slots[i].naddrs);
  }
  free(t->slots);
  memset(t, 0, sizeof(*t));
}

int pp_dns_addr_normalize(const char *text, size_t len, char *out, size_t outlen) {
  char tmp[INET6_ADDRSTRLEN + 2];
  unsigned char bin[16];
  bool brackets = len >= 2 && text[0] == '[' && text[len - 1] == ']';
  if (brackets) {
    text++;
    len -= 2;
  }
  if (len == 0 || len >= sizeof(tmp)) return 0;
  memcpy(tmp, text, len);
  tmp[len] = '\0';
  int family = strchr(tmp, ':') ? AF_INET6 : AF_INET;
  if (brackets && family != AF_INET6) return 0; /* "[1.2.3.4]" is no literal */
  if (inet_pton(family, tmp, bin) != 1) return 0;
  if (!inet_ntop(family, bin, out, (socklen_t)outlen)) return 0;
  return family;
}

bool pp_dns_answer_add(pp_dns_answer_t *a, const char *addr) {
  for (size_t i = 0; i < a->naddrs; i++)
    if (!strcmp(a->addrs[i], addr)) return true;
  return pp_strlist_push(&a->addrs, &a->naddrs, addr);
}

bool pp_dns_answer_add_entry(pp_dns_answer_t *a, const pp_dns_entry_t *e, pp_dns_family_t family) {
  for (size_t i = 0; i < e->naddrs; i++) {
    if (family == PP_DNS_IPV4 && strchr(e->addrs[i], ':')) continue;
    if (!pp_dns_answer_add(a, e->addrs[i])) return false;
  }
  return true;
}
