/* SPDX-License-Identifier: MIT */
/* pp_strmap: byte-string keys (copied into an arena) to 64-bit values, an
 * open-addressing hash table kept at most 3/4 full, for the log replay's
 * memo and counting tables (src/cli/replay.c). Bounded: a map refuses new
 * keys past the entry cap it was given, so the caller decides what to do
 * when memory would grow without end. */
#ifndef PP_UTIL_STRMAP_H
#define PP_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pp_strmap_slot {
  uint64_t hash; /* 0 = empty (hashes are forced non-zero) */
  const char *key;
  uint32_t klen;
  uint64_t val;
} pp_strmap_slot_t;

typedef struct pp_strmap {
  pp_strmap_slot_t *slots;
  size_t cap, n, max; /* cap a power of two; max = the entry cap */
  char *chunk;        /* current arena chunk */
  size_t used, chunk_cap;
  char **chunks;      /* every chunk, for freeing */
  size_t nchunks;
  size_t bytes;       /* keys and slots allocated */
} pp_strmap_t;

typedef enum pp_strmap_put {
  PP_STRMAP_ADDED,
  PP_STRMAP_FULL,  /* the entry cap is reached: not added */
  PP_STRMAP_ENOMEM
} pp_strmap_put_t;

/* An empty map taking at most max entries. */
void pp_strmap_init(pp_strmap_t *m, size_t max);
void pp_strmap_free(pp_strmap_t *m);
/* FNV-1a over the bytes, never 0. */
uint64_t pp_strmap_hash(const void *key, size_t n);
/* The value of key (hash from pp_strmap_hash) into *val; false when absent. */
bool pp_strmap_get(const pp_strmap_t *m, const void *key, size_t n, uint64_t hash, uint64_t *val);
/* Adds key (absent: check with get first) with val; the key is copied
 * and, when stored is non-NULL, *stored points at the copy (valid until
 * the map is freed). */
pp_strmap_put_t pp_strmap_put(pp_strmap_t *m, const void *key, size_t n, uint64_t hash,
                              uint64_t val, const char **stored);

#endif
