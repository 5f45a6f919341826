/* SPDX-License-Identifier: MIT */
/*
 * The per-run DNS cache: (name, record type) -> pending query or answer with
 * its expiry. A chained hash plus a recency list, bounded in entries: when
 * full, the least recently used entries that no lookup waits on are dropped.
 * Locking and TTL policy belong to resolver.c; this file only stores.
 */
#include "dns/dns_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* At most this many old entries are inspected per insertion when full; if
 * all are busy the cache grows past max rather than fail a lookup. */
#define EVICT_SCAN 64

static uint32_t hash_key(const char *s, int qtype) {
  uint32_t h = 2166136261u ^ (uint32_t)qtype;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

bool pp_dns_cache_init(pp_dns_cache_t *c, size_t max) {
  memset(c, 0, sizeof(*c));
  c->nbuckets = 1024;
  while (c->nbuckets < max / 4) c->nbuckets *= 2;
  c->buckets = calloc(c->nbuckets, sizeof(*c->buckets));
  c->max = max;
  return c->buckets != NULL;
}

pp_dns_centry_t *pp_dns_cache_find(const pp_dns_cache_t *c, const char *name, int qtype) {
  pp_dns_centry_t *e = c->buckets[hash_key(name, qtype) & (c->nbuckets - 1)];
  while (e && (e->qtype != qtype || strcmp(e->name, name) != 0)) e = e->hnext;
  return e;
}

static void unlink_recency(pp_dns_cache_t *c, pp_dns_centry_t *e) {
  if (e->newer) e->newer->older = e->older;
  else c->newest = e->older;
  if (e->older) e->older->newer = e->newer;
  else c->oldest = e->newer;
  e->newer = e->older = NULL;
}

static void link_newest(pp_dns_cache_t *c, pp_dns_centry_t *e) {
  e->older = c->newest;
  e->newer = NULL;
  if (c->newest) c->newest->newer = e;
  c->newest = e;
  if (!c->oldest) c->oldest = e;
}

void pp_dns_cache_touch(pp_dns_cache_t *c, pp_dns_centry_t *e) {
  if (c->newest == e) return;
  unlink_recency(c, e);
  link_newest(c, e);
}

static void entry_free(pp_dns_centry_t *e) {
  free(e->name);
  pp_strlist_free(e->addrs, e->naddrs);
  pp_strlist_free(e->cnames, e->ncnames);
  free(e);
}

static void remove_entry(pp_dns_cache_t *c, pp_dns_centry_t *e) {
  pp_dns_centry_t **pp = &c->buckets[hash_key(e->name, e->qtype) & (c->nbuckets - 1)];
  while (*pp != e) pp = &(*pp)->hnext;
  *pp = e->hnext;
  unlink_recency(c, e);
  c->n--;
  entry_free(e);
}

/* Evictable: answered, not queued, nobody waiting. */
static bool idle(const pp_dns_centry_t *e) {
  return e->state == PP_DNS_READY && !e->refs && !e->inq && !e->asking;
}

static void make_room(pp_dns_cache_t *c) {
  pp_dns_centry_t *e = c->oldest;
  for (int i = 0; c->n >= c->max && e && i < EVICT_SCAN; i++) {
    pp_dns_centry_t *next = e->newer;
    if (idle(e)) remove_entry(c, e);
    e = next;
  }
}

pp_dns_centry_t *pp_dns_cache_add(pp_dns_cache_t *c, const char *name, int qtype) {
  if (c->n >= c->max) make_room(c);
  pp_dns_centry_t *e = calloc(1, sizeof(*e));
  if (!e) return NULL;
  e->name = strdup(name);
  if (!e->name) {
    free(e);
    return NULL;
  }
  e->qtype = qtype;
  e->state = PP_DNS_PENDING;
  pp_dns_centry_t **b = &c->buckets[hash_key(name, qtype) & (c->nbuckets - 1)];
  e->hnext = *b;
  *b = e;
  link_newest(c, e);
  c->n++;
  return e;
}

void pp_dns_cache_free(pp_dns_cache_t *c) {
  pp_dns_centry_t *e = c->newest;
  while (e) {
    pp_dns_centry_t *next = e->older;
    entry_free(e);
    e = next;
  }
  free(c->buckets);
  memset(c, 0, sizeof(*c));
}
