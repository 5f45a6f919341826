/* SPDX-License-Identifier: MIT */
/* A DNS server for unit tests: one UDP socket on 127.0.0.1 (an ephemeral
 * port) served by its own thread, answering through a callback the test
 * supplies, plus the few wire helpers such callbacks need. Used by the
 * resolver and cache tests, which are also the ThreadSanitizer targets. */
#ifndef PP_TEST_UDPDNS_H
#define PP_TEST_UDPDNS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Builds the reply to query q (qlen >= 12 bytes) into out (cap bytes) and
 * returns its length; 0 sends nothing (a silent server). Runs on the
 * server thread. */
typedef size_t (*pp_tdns_answer_fn)(void *udata, const unsigned char *q, size_t qlen,
                                    unsigned char *out, size_t cap);

typedef struct pp_tdns {
  int fd, port, stop[2];
  pthread_t thread;
  atomic_int queries; /* queries received (12 bytes or more) */
  pp_tdns_answer_fn answer;
  void *udata;
} pp_tdns_t;

/* Binds and starts the thread; 0 on success, -1 on failure (nothing left
 * running). s->port is the bound port. */
int pp_tdns_start(pp_tdns_t *s, pp_tdns_answer_fn answer, void *udata);
/* Stops the thread and closes everything; 0 on success. */
int pp_tdns_stop(pp_tdns_t *s);
/* "127.0.0.1:PORT" for pp_resolver_add_server, in buf (>= 32 bytes). */
const char *pp_tdns_spec(const pp_tdns_t *s, char *buf, size_t len);

/* The question of a query: its name lower-cased and dotted into name (cap
 * bytes) and its type; returns the offset just past the question, 0 when the
 * query is malformed or holds other than one question. */
size_t pp_tdns_question(const unsigned char *q, size_t len, char *name, size_t cap, unsigned *qtype);
/* Big-endian stores at out[n]; return n plus the bytes written. */
size_t pp_tdns_put16(unsigned char *out, size_t n, unsigned v);
size_t pp_tdns_put32(unsigned char *out, size_t n, uint32_t v);
/* Appends an A (type 1) or AAAA (type 28) record for the question name
 * (a compression pointer to offset 12) with the numeric address addr. */
size_t pp_tdns_add_addr(unsigned char *out, size_t n, unsigned type, uint32_t ttl, const char *addr);
/* Writes name (dotted, no trailing dot) uncompressed at out[n]. */
size_t pp_tdns_put_name(unsigned char *out, size_t n, const char *name);
/* Appends a CNAME record owner -> target (owner NULL: the question name). */
size_t pp_tdns_add_cname(unsigned char *out, size_t n, const char *owner, const char *target);
/* pp_tdns_add_addr with an owner written out (NULL: the question name). */
size_t pp_tdns_add_addr_at(unsigned char *out, size_t n, const char *owner, unsigned type,
                           uint32_t ttl, const char *addr);
/* Starts a reply in out: q's id and question, QR and AA set, RD copied,
 * RA and rcode, no records yet. Returns the question's end (where records
 * go), 0 for a malformed query. */
size_t pp_tdns_reply_head(const unsigned char *q, size_t qlen, unsigned char *out, size_t cap,
                          unsigned rcode, char *name, size_t namecap, unsigned *qtype);

#endif
