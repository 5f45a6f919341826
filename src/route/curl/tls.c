/* SPDX-License-Identifier: MIT */
/*
 * The server certificate chain of an https attempt and the interception
 * verdict. libcurl's CERTINFO is empty when verification fails, which is
 * exactly the interception case, so the chain is recorded in an OpenSSL
 * verify callback (docs/libcurl-notes.md "TLS chains and interception").
 * Interception is judged by issuer and trust, never by subject: mitmproxy
 * copies the origin's subject (same notes). Through an HTTPS proxy the
 * proxy's own handshake goes to a capture of its own (route_int.h), judged
 * only as the proxy's: it never makes the origin look intercepted.
 */
#include <ctype.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "route/curl/route_int.h"
#include "util/str.h"

static char *name_2253(const X509_NAME *n) {
  BIO *b = BIO_new(BIO_s_mem());
  if (!b) return NULL;
  char *out = NULL, *p = NULL;
  if (X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253) >= 0) {
    long len = BIO_get_mem_data(b, &p);
    out = pp_strndup(p ? p : "", len > 0 ? (size_t)len : 0);
  }
  BIO_free(b);
  return out;
}

static char *not_after(const X509 *x) {
  struct tm tm;
  char buf[32];
  if (!ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm)) return pp_strndup("", 0);
  strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return pp_strndup(buf, strlen(buf));
}

static char *sha256_hex(const X509 *x) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  char hex[2 * EVP_MAX_MD_SIZE + 1];
  if (!X509_digest(x, EVP_sha256(), md, &n)) return pp_strndup("", 0);
  for (unsigned i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
  return pp_strndup(hex, 2 * (size_t)n);
}

static void chain_free(pp_cert_info_t *c, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(c[i].subject);
    free(c[i].issuer);
    free(c[i].not_after);
    free(c[i].sha256);
  }
  free(c);
}

/* A new handshake: forgets what the last one saw, keeps the configuration
 * (trust, the proxy link) and whether a handshake was set up at all. */
static void capture_reset(pp_tls_capture_t *c, const void *ssl) {
  chain_free(c->chain, c->nchain);
  free(c->err_issuer);
  free(c->root);
  pp_tls_capture_t keep = *c;
  memset(c, 0, sizeof(*c));
  c->cacert = keep.cacert;
  c->store = keep.store;
  c->proxy = keep.proxy;
  c->ctx_made = keep.ctx_made;
  c->oom = keep.oom;
  c->ssl = ssl;
  c->seen = true;
}

/* The chain as the server sent it: the store context's untrusted stack
 * (leaf first) in OpenSSL's client-side verification. */
static void record_sent(pp_tls_capture_t *c, X509_STORE_CTX *ctx) {
  STACK_OF(X509) *sk = X509_STORE_CTX_get0_untrusted(ctx);
  int n = sk ? sk_X509_num(sk) : 0;
  if (n <= 0) return;
  c->chain = calloc((size_t)n, sizeof(*c->chain));
  if (!c->chain) {
    c->oom = true;
    return;
  }
  for (int i = 0; i < n; i++) {
    X509 *x = sk_X509_value(sk, i);
    pp_cert_info_t *ci = &c->chain[c->nchain++];
    ci->subject = name_2253(X509_get_subject_name(x));
    ci->issuer = name_2253(X509_get_issuer_name(x));
    ci->not_after = not_after(x);
    ci->sha256 = sha256_hex(x);
    if (!ci->subject || !ci->issuer || !ci->not_after || !ci->sha256) c->oom = true;
  }
}

static int verify_cb(int preverify_ok, X509_STORE_CTX *ctx) {
  SSL *ssl = X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx());
  pp_tls_capture_t *c = ssl ? SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)) : NULL;
  if (!c) return preverify_ok;
  if (!c->seen || c->ssl != ssl) {
    capture_reset(c, ssl); /* a new handshake (a reconnect): the capture is of the latest */
    record_sent(c, ctx);
  }
  if (!preverify_ok && !c->failed) {
    c->failed = true;
    c->verify_err = X509_STORE_CTX_get_error(ctx);
    X509 *bad = X509_STORE_CTX_get_current_cert(ctx);
    if (bad) c->err_issuer = name_2253(X509_get_issuer_name(bad));
  }
  if (X509_STORE_CTX_get_error_depth(ctx) == 0) {
    STACK_OF(X509) *built = X509_STORE_CTX_get0_chain(ctx);
    int n = built ? sk_X509_num(built) : 0;
    free(c->root);
    c->root = n > 0 ? name_2253(X509_get_subject_name(sk_X509_value(built, n - 1))) : NULL;
  }
  /* libcurl sets SSL_VERIFY_NONE and checks the result after the
   * handshake, so the answer here does not decide; keep OpenSSL's. */
  return preverify_ok;
}

/* The proxy capture's handshake state: a handshake that fails before the
 * proxy sends a certificate (a plain-HTTP port answering the ClientHello)
 * never reaches verify_cb, and one that times out never completes. */
static void proxy_info_cb(const SSL *ssl, int where, int ret) {
  (void)ret;
  pp_tls_capture_t *c = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
  if (!c) return;
  if ((where & SSL_CB_HANDSHAKE_START) && c->ssl != ssl) {
    capture_reset(c, ssl);
    c->seen = false; /* no chain yet: verify_cb records it */
  }
  if (where & SSL_CB_HANDSHAKE_DONE) c->done = true;
}

/* The tunnel through the proxy stands: a 2xx answer to CONNECT. */
static bool tunnel_up(CURL *h) {
  long code = 0;
  return curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &code) == CURLE_OK && code >= 200 &&
         code <= 299;
}

CURLcode pp_tls_ctx_cb(CURL *h, void *sslctx, void *udata) {
  SSL_CTX *ctx = sslctx;
  pp_tls_capture_t *c = udata, *rec = c;
  /* libcurl calls this for an HTTPS proxy's handshake too. The proxy's
   * comes before CONNECT has been answered (and is the only one for a
   * plain-http target, which has no CONNECT); the origin's comes through
   * the tunnel, after its 2xx. Counting calls would not do: a proxy that
   * closes the connection after its 407 gets a second handshake. */
  if (c->proxy && !tunnel_up(h)) {
    rec = c->proxy;
    SSL_CTX_set_info_callback(ctx, proxy_info_cb);
  }
  rec->ctx_made = true;
  SSL_CTX_set_app_data(ctx, rec);
  SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), verify_cb);
  if (c->store) {
    SSL_CTX_set1_cert_store(ctx, c->store); /* takes its own reference */
    return CURLE_OK;
  }
  /* --cacert adds to the system roots instead of replacing them (CAINFO would). */
  if (c->cacert && !X509_STORE_load_file(SSL_CTX_get_cert_store(ctx), c->cacert))
    return CURLE_SSL_CACERT_BADFILE;
  return CURLE_OK;
}

void *pp_tls_store_new(const char *cacert) {
  X509_STORE *st = X509_STORE_new();
  if (st && X509_STORE_set_default_paths(st) == 1 &&
      (!cacert || X509_STORE_load_file(st, cacert) == 1))
    return st;
  X509_STORE_free(st);
  return NULL;
}

void pp_tls_store_free(void *store) { X509_STORE_free(store); }

void pp_tls_use_store(CURL *h, pp_tls_capture_t *c, void *store) {
  if (!store) return;
  c->store = store;
  curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
  curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
  curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, NULL); /* an HTTPS proxy's handshake gets it too */
  curl_easy_setopt(h, CURLOPT_PROXY_CAPATH, NULL);
}

void pp_tls_capture_clear(pp_tls_capture_t *c) {
  capture_reset(c, NULL);
  c->seen = false;
  c->ctx_made = false;
}

/* Errors that mean "no trusted root above this chain" rather than a broken
 * certificate (expired, wrong name): the mark of an interception CA. */
static bool untrusted_issuer(int err) {
  return err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
         err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
         err == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
         err == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT || err == X509_V_ERR_CERT_UNTRUSTED;
}

static bool contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; hay && *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0) return true;
  return false;
}

/* Expected issuers (profile): some issuer in the chain or the root names one. */
static bool issuer_expected(const pp_tls_capture_t *c, const pp_check_target_t *t) {
  for (size_t k = 0; k < t->nissuers; k++) {
    if (contains_ci(c->root, t->issuers[k])) return true;
    for (size_t i = 0; i < c->nchain; i++)
      if (contains_ci(c->chain[i].issuer, t->issuers[k])) return true;
  }
  return false;
}

static char *expected_list(const pp_check_target_t *t) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t k = 0; k < t->nissuers; k++) pp_str_printf(&s, "%s%s", k ? ", " : "", t->issuers[k]);
  return pp_str_take(&s);
}

void pp_tls_judge(pp_tls_capture_t *c, const pp_check_target_t *t, pp_attempt_t *a) {
  if (!c->seen) return;
  a->tls = true;
  a->chain = c->chain;
  a->nchain = c->nchain;
  c->chain = NULL;
  c->nchain = 0;
  a->verified = !c->failed;
  const char *top = a->nchain ? a->chain[a->nchain - 1].issuer : "?";
  pp_str_t r = PP_STR_INIT;
  if (c->failed && untrusted_issuer(c->verify_err)) {
    a->intercepted = true;
    pp_str_printf(&r, "the chain does not build to a trusted root: issuer '%s' is unknown (%s)",
                  c->err_issuer ? c->err_issuer : top, X509_verify_cert_error_string(c->verify_err));
  } else if (c->failed) {
    pp_str_printf(&r, "certificate not valid: %s", X509_verify_cert_error_string(c->verify_err));
  } else if (t->nissuers && !issuer_expected(c, t)) {
    char *exp = expected_list(t);
    a->intercepted = true;
    pp_str_printf(&r, "issuer '%s' (root '%s') is not one of the expected issuers (%s)", top,
                  c->root ? c->root : "?", exp ? exp : "");
    free(exp);
  }
  a->tls_reason = r.len ? pp_str_take(&r) : NULL;
  pp_str_free(&r);
}

char *pp_tls_proxy_cert_problem(const pp_tls_capture_t *p, bool *untrusted) {
  *untrusted = false;
  if (!p->seen || !p->failed) return NULL;
  *untrusted = untrusted_issuer(p->verify_err);
  const pp_cert_info_t *leaf = p->nchain ? &p->chain[0] : NULL;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "'%s' (issuer '%s'): %s", leaf ? leaf->subject : "?",
                leaf ? leaf->issuer : "?", X509_verify_cert_error_string(p->verify_err));
  return pp_str_take(&s);
}
