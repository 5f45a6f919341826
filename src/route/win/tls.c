/* SPDX-License-Identifier: MIT */
/*
 * The origin's certificate chain in the WinHTTP backend: the leaf Schannel
 * received (WINHTTP_OPTION_SERVER_CERT_CONTEXT), the chain built by
 * CertGetCertificateChain from the running account's stores (an enterprise
 * inspection CA pushed by policy is trusted exactly as the agent trusts it)
 * plus --cacert, checked with the SSL chain policy for the URL's host; the
 * worker hands the result to the shared judgement (../judge.c). Names are printed as
 * OpenSSL's RFC 2253 form does, so reports match the Linux build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route/win/win_int.h" /* windows.h first: bcrypt.h needs its types */

#include <bcrypt.h>
#include "util/str.h"

typedef struct short_name {
  const char *oid;
  const char *name;
} short_name_t;

/* OpenSSL's short names (XN_FLAG_FN_SN) of the attributes seen in server
 * certificates. */
static const short_name_t short_names[] = {
    {"2.5.4.3", "CN"}, {"2.5.4.6", "C"}, {"2.5.4.7", "L"}, {"2.5.4.8", "ST"},
    {"2.5.4.10", "O"}, {"2.5.4.11", "OU"}, {"2.5.4.9", "street"}, {"2.5.4.5", "serialNumber"},
    {"2.5.4.4", "SN"}, {"2.5.4.42", "GN"}, {"2.5.4.12", "title"}, {"2.5.4.15", "businessCategory"},
    {"2.5.4.17", "postalCode"}, {"0.9.2342.19200300.100.1.25", "DC"},
    {"0.9.2342.19200300.100.1.1", "UID"}, {"1.2.840.113549.1.9.1", "emailAddress"},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"}, {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"},
};

static const char *short_name(const char *oid) {
  for (size_t i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
    if (strcmp(short_names[i].oid, oid) == 0) return short_names[i].name;
  return oid;
}

/* One value escaped as XN_FLAG_RFC2253 does: the RFC 2253 specials with a
 * backslash, control and non-ASCII bytes as \XX. */
static void escape_value(pp_str_t *s, const char *v) {
  size_t n = strlen(v);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    bool edge = (i == 0 && (c == '#' || c == ' ')) || (i == n - 1 && c == ' ');
    if (c < 0x20 || c > 0x7e) pp_str_printf(s, "\\%02X", c);
    else if (edge || strchr(",+\"\\<>;", c)) pp_str_printf(s, "\\%c", c);
    else pp_str_append(s, (const char *)&c, 1);
  }
}

static void append_attr(pp_str_t *s, const CERT_RDN_ATTR *at) {
  wchar_t buf[1024];
  DWORD n = CertRDNValueToStrW(at->dwValueType, (PCERT_RDN_VALUE_BLOB)&at->Value, buf, 1024);
  char *v = pp_win_utf8(buf, n > 0 ? (int)n - 1 : 0);
  pp_str_printf(s, "%s=", short_name(at->pszObjId));
  escape_value(s, v ? v : "");
  free(v);
}

/* A name in RFC 2253 order (last RDN first), malloc'd; NULL on failure. */
static char *name_2253(const CERT_NAME_BLOB *blob) {
  CERT_NAME_INFO *info = NULL;
  DWORD size = 0;
  if (!CryptDecodeObjectEx(X509_ASN_ENCODING, X509_NAME, blob->pbData, blob->cbData,
                           CRYPT_DECODE_ALLOC_FLAG, NULL, &info, &size))
    return pp_strndup("", 0);
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (DWORD i = info->cRDN; i-- > 0;) {
    const CERT_RDN *rdn = &info->rgRDN[i];
    if (i + 1 < info->cRDN) pp_str_append(&s, ",", 1);
    for (DWORD k = 0; k < rdn->cRDNAttr; k++) {
      if (k) pp_str_append(&s, "+", 1);
      append_attr(&s, &rdn->rgRDNAttr[k]);
    }
  }
  LocalFree(info);
  return pp_str_take(&s);
}

static char *not_after(const CERT_INFO *ci) {
  SYSTEMTIME st;
  char buf[32];
  if (!FileTimeToSystemTime(&ci->NotAfter, &st)) return pp_strndup("", 0);
  snprintf(buf, sizeof(buf), "%04u-%02u-%02uT%02u:%02u:%02uZ", st.wYear, st.wMonth, st.wDay,
           st.wHour, st.wMinute, st.wSecond);
  return pp_strndup(buf, strlen(buf));
}

static char *sha256_hex(const BYTE *der, DWORD len) {
  BCRYPT_ALG_HANDLE alg = NULL;
  BCRYPT_HASH_HANDLE h = NULL;
  unsigned char md[32];
  char hex[65] = "";
  if (BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0) == 0 &&
      BCryptCreateHash(alg, &h, NULL, 0, NULL, 0, 0) == 0 &&
      BCryptHashData(h, (PUCHAR)der, len, 0) == 0 && BCryptFinishHash(h, md, 32, 0) == 0)
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
  if (h) BCryptDestroyHash(h);
  if (alg) BCryptCloseAlgorithmProvider(alg, 0);
  return pp_strndup(hex, strlen(hex));
}

static bool cert_info(pp_cert_info_t *ci, PCCERT_CONTEXT c) {
  ci->subject = name_2253(&c->pCertInfo->Subject);
  ci->issuer = name_2253(&c->pCertInfo->Issuer);
  ci->not_after = not_after(c->pCertInfo);
  ci->sha256 = sha256_hex(c->pbCertEncoded, c->cbCertEncoded);
  return ci->subject && ci->issuer && ci->not_after && ci->sha256;
}

static bool in_store(HCERTSTORE st, PCCERT_CONTEXT c) {
  PCCERT_CONTEXT f = st ? CertFindCertificateInStore(st, X509_ASN_ENCODING, 0, CERT_FIND_EXISTING,
                                                      c, NULL) : NULL;
  if (f) CertFreeCertificateContext(f);
  return f != NULL;
}

/* The chain as the server sent it: the built chain's certificates that
 * came in the handshake (the leaf's own store), leaf first. */
static bool record_sent(pp_tls_view_t *v, const CERT_SIMPLE_CHAIN *sc, HCERTSTORE sent) {
  v->chain = calloc(sc->cElement ? sc->cElement : 1, sizeof(*v->chain));
  if (!v->chain) return false;
  for (DWORD i = 0; i < sc->cElement; i++) {
    PCCERT_CONTEXT c = sc->rgpElement[i]->pCertContext;
    if (i > 0 && !in_store(sent, c)) continue;
    if (!cert_info(&v->chain[v->nchain++], c)) return false;
  }
  return true;
}

static const char *policy_text(DWORD err, char *buf, size_t len) {
  switch (err) {
  case (DWORD)CERT_E_UNTRUSTEDROOT: return "CERT_E_UNTRUSTEDROOT: the root is not trusted";
  case (DWORD)CERT_E_CHAINING: return "CERT_E_CHAINING: no trusted issuer found";
  case (DWORD)CERT_E_EXPIRED: return "CERT_E_EXPIRED: certificate has expired or is not yet valid";
  case (DWORD)CERT_E_CN_NO_MATCH: return "CERT_E_CN_NO_MATCH: the name does not match the host";
  case (DWORD)CERT_E_WRONG_USAGE: return "CERT_E_WRONG_USAGE: not a server certificate";
  case (DWORD)CRYPT_E_REVOKED: return "CRYPT_E_REVOKED: the certificate is revoked";
  case (DWORD)TRUST_E_CERT_SIGNATURE: return "TRUST_E_CERT_SIGNATURE: bad signature";
  default: snprintf(buf, len, "chain policy error 0x%08lx", (unsigned long)err); return buf;
  }
}

static DWORD policy_error(PCCERT_CHAIN_CONTEXT chain, const wchar_t *host, DWORD flags) {
  SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl;
  memset(&ssl, 0, sizeof(ssl));
  ssl.cbSize = sizeof(ssl);
  ssl.dwAuthType = AUTHTYPE_SERVER;
  ssl.pwszServerName = (wchar_t *)host;
  CERT_CHAIN_POLICY_PARA para = {sizeof(para), flags, &ssl};
  CERT_CHAIN_POLICY_STATUS st = {sizeof(st), 0, 0, 0, NULL};
  if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &para, &st))
    return (DWORD)CERT_E_CHAINING;
  return st.dwError;
}

/* The account's stores plus the server's intermediates plus --cacert. */
static HCERTSTORE extra_store(PCCERT_CONTEXT leaf, HCERTSTORE extra) {
  if (!extra) return CertDuplicateStore(leaf->hCertStore);
  HCERTSTORE col = CertOpenStore(CERT_STORE_PROV_COLLECTION, 0, 0, 0, NULL);
  if (col) {
    CertAddStoreToCollection(col, leaf->hCertStore, 0, 0);
    CertAddStoreToCollection(col, extra, 0, 0);
  }
  return col;
}

/* Verifies the built chain: the chain's own trust status first (no
 * trusted root above it: the mark of an interception CA, whatever order
 * the SSL policy reports its errors in), then the SSL policy for host
 * (name, dates, usage). --cacert's certificates count as trusted roots. */
static void verify(pp_tls_view_t *v, PCCERT_CHAIN_CONTEXT chain, const wchar_t *host,
                   HCERTSTORE extra, char *why, size_t whylen) {
  const CERT_SIMPLE_CHAIN *sc = chain->rgpChain[0];
  PCCERT_CONTEXT top = sc->rgpElement[sc->cElement - 1]->pCertContext;
  DWORD status = chain->TrustStatus.dwErrorStatus;
  bool no_root = (status & (CERT_TRUST_IS_UNTRUSTED_ROOT | CERT_TRUST_IS_PARTIAL_CHAIN)) != 0;
  if (no_root && in_store(extra, top)) no_root = false;
  DWORD err = no_root ? (DWORD)((status & CERT_TRUST_IS_PARTIAL_CHAIN) ? CERT_E_CHAINING
                                                                      : CERT_E_UNTRUSTEDROOT)
                      : policy_error(chain, host, CERT_CHAIN_POLICY_ALLOW_UNKNOWN_CA_FLAG);
  if (!err) return;
  v->failed = true;
  v->untrusted = no_root;
  snprintf(why, whylen, "%s", policy_text(err, why, whylen));
}

bool pp_win_tls_capture(pp_xfer_t *x, HINTERNET req) {
  PCCERT_CONTEXT leaf = NULL;
  DWORD len = sizeof(leaf);
  if (x->tls_seen || !WinHttpQueryOption(req, WINHTTP_OPTION_SERVER_CERT_CONTEXT, &leaf, &len) ||
      !leaf)
    return true;
  x->tls_seen = true;
  pp_tls_view_t *v = &x->view;
  char *why = x->why;
  size_t whylen = sizeof(x->why);
  PCCERT_CHAIN_CONTEXT chain = NULL;
  HCERTSTORE more = extra_store(leaf, x->extra);
  CERT_CHAIN_PARA cp;
  memset(&cp, 0, sizeof(cp));
  cp.cbSize = sizeof(cp);
  bool ok = true;
  if (CertGetCertificateChain(NULL, leaf, NULL, more, &cp, 0, NULL, &chain) && chain->cChain > 0) {
    const CERT_SIMPLE_CHAIN *sc = chain->rgpChain[0];
    PCCERT_CONTEXT top = sc->rgpElement[sc->cElement - 1]->pCertContext;
    ok = record_sent(v, sc, leaf->hCertStore);
    verify(v, chain, x->host, x->extra, why, whylen);
    x->root = name_2253(&top->pCertInfo->Subject);
    if (v->untrusted) x->err_issuer = name_2253(&top->pCertInfo->Issuer);
  } else {
    v->chain = calloc(1, sizeof(*v->chain));
    ok = v->chain && cert_info(&v->chain[v->nchain++], leaf);
    v->failed = v->untrusted = true;
    snprintf(why, whylen, "CertGetCertificateChain failed (error %lu)",
             (unsigned long)GetLastError());
  }
  v->why = why;
  v->err_issuer = x->err_issuer;
  v->root = x->root;
  if (chain) CertFreeCertificateChain(chain);
  if (more) CertCloseStore(more, 0);
  CertFreeCertificateContext(leaf);
  return ok;
}
