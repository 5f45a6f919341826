/* SPDX-License-Identifier: MIT */
/*
 * The bounded string map (strmap.h): linear probing over slots that keep
 * the full hash (a probe compares hashes before bytes), keys in 1 MiB arena
 * chunks (one allocation per megabyte, not per key), doubling at 3/4 load.
 * No deletion: the replay only ever adds.
 */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

void pp_strmap_init(pp_strmap_t *m, size_t max) {
  memset(m, 0, sizeof(*m));
  m->max = max;
}

void pp_strmap_free(pp_strmap_t *m) {
  for (size_t i = 0; i < m->nchunks; i++) free(m->chunks[i]);
  free(m->chunks);
  free(m->slots);
  memset(m, 0, sizeof(*m));
}

uint64_t pp_strmap_hash(const void *key, size_t n) {
  const unsigned char *p = key;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
  h ^= h >> 29;
  return h ? h : 1;
}

static size_t find(const pp_strmap_t *m, const void *key, size_t n, uint64_t hash) {
  size_t mask = m->cap - 1, i = (size_t)hash & mask;
  while (m->slots[i].hash) {
    const pp_strmap_slot_t *s = &m->slots[i];
    if (s->hash == hash && s->klen == n && memcmp(s->key, key, n) == 0) break;
    i = (i + 1) & mask;
  }
  return i;
}

bool pp_strmap_get(const pp_strmap_t *m, const void *key, size_t n, uint64_t hash, uint64_t *val) {
  if (!m->cap) return false;
  size_t i = find(m, key, n, hash);
  if (!m->slots[i].hash) return false;
  *val = m->slots[i].val;
  return true;
}

static bool grow(pp_strmap_t *m) {
  size_t cap = m->cap ? m->cap * 2 : 1024;
  pp_strmap_slot_t *s = calloc(cap, sizeof(*s)), *old = m->slots;
  if (!s) return false;
  size_t ocap = m->cap;
  m->slots = s;
  m->cap = cap;
  for (size_t i = 0; i < ocap; i++)
    if (old[i].hash) m->slots[find(m, old[i].key, old[i].klen, old[i].hash)] = old[i];
  free(old);
  m->bytes += (cap - ocap) * sizeof(*s);
  return true;
}

/* n bytes of arena. */
static char *store(pp_strmap_t *m, const void *key, size_t n) {
  if (!m->chunk || m->chunk_cap - m->used < n) {
    size_t cap = n > CHUNK ? n : CHUNK;
    char **v = realloc(m->chunks, (m->nchunks + 1) * sizeof(*v));
    if (!v) return NULL;
    m->chunks = v;
    if (!(m->chunk = malloc(cap))) return NULL;
    m->chunks[m->nchunks++] = m->chunk;
    m->chunk_cap = cap;
    m->used = 0;
    m->bytes += cap;
  }
  char *p = m->chunk + m->used;
  memcpy(p, key, n);
  m->used += n;
  return p;
}

pp_strmap_put_t pp_strmap_put(pp_strmap_t *m, const void *key, size_t n, uint64_t hash,
                              uint64_t val, const char **stored) {
  if (m->n >= m->max || n > UINT32_MAX) return PP_STRMAP_FULL;
  if ((m->n + 1) * 4 > m->cap * 3 && !grow(m)) return PP_STRMAP_ENOMEM;
  char *k = store(m, key, n);
  if (!k) return PP_STRMAP_ENOMEM;
  size_t i = find(m, key, n, hash);
  m->slots[i] = (pp_strmap_slot_t){hash, k, (uint32_t)n, val};
  m->n++;
  if (stored) *stored = k;
  return PP_STRMAP_ADDED;
}
