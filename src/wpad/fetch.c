/* SPDX-License-Identifier: MIT */
/*
 * Reading a PAC script (DESIGN §1.1 -p/--pac, §1.5 fetch): stdin ("-"), a
 * file path, or an http/https/file URL fetched with the libcurl easy API.
 * Owns the fetch rules browsers apply (pac-semantics.md §7, Chromium's
 * net/proxy_resolution/pac_file_fetcher_impl.cc): never via a proxy, HTTP
 * 200 only, a size cap enforced while receiving, a total timeout. WPAD URL
 * discovery is not here; it only hands this file a URL.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "pacprobe.h"
#include "util/str.h"

/* Chromium's PAC fetch limits, used when the caller passes 0. */
#define DEFAULT_MAX_BYTES (1024u * 1024u)
#define DEFAULT_TIMEOUT_MS 30000u

typedef struct sink {
  pp_str_t body;
  size_t max;
  bool too_big;
  CURL *curl;
  pp_fetch_info_t *info; /* pp_pac_fetch: what the transfer did; else NULL */
} sink_t;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init_once(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

/* ---- stdin and files ---------------------------------------------------- */

static pp_status_t read_fd(int fd, const char *name, size_t max, pp_str_t *s, char *err, size_t errlen) {
  char chunk[16384];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      pp_set_err(err, errlen, "cannot read %s: %s", name, strerror(errno));
      return PP_EIO;
    }
    if (n == 0) return PP_OK;
    if (s->len + (size_t)n > max) {
      pp_set_err(err, errlen, "%s: larger than %zu bytes", name, max);
      return PP_ETOOBIG;
    }
    if (!pp_str_append(s, chunk, (size_t)n)) {
      pp_set_err(err, errlen, "out of memory");
      return PP_ENOMEM;
    }
  }
}

static pp_status_t read_local(const char *source, size_t max, pp_str_t *s, char *err, size_t errlen) {
  if (!strcmp(source, "-")) return read_fd(STDIN_FILENO, "standard input", max, s, err, errlen);
  int fd = open(source, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    pp_set_err(err, errlen, "cannot read %s: %s", source, strerror(errno));
    return PP_EIO;
  }
  pp_status_t st = read_fd(fd, source, max, s, err, errlen);
  close(fd);
  return st;
}

/* ---- URLs ---------------------------------------------------------------- */

static bool has_prefix_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++)
    if (tolower((unsigned char)*s) != *prefix) return false;
  return true;
}

/* "scheme://" at the start (RFC 3986 scheme characters). */
static bool looks_like_url(const char *s) {
  if (!isalpha((unsigned char)*s)) return false;
  while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.') s++;
  return !strncmp(s, "://", 3);
}

/* The URL for messages, without "user:password@" (never print a secret). */
static void redact(const char *url, char *out, size_t outlen) {
  const char *auth = strstr(url, "://");
  const char *at = auth ? strpbrk(auth + 3, "@/?#") : NULL;
  if (at && *at == '@')
    snprintf(out, outlen, "%.*s%s", (int)(auth + 3 - url), url, at + 1);
  else
    snprintf(out, outlen, "%s", url);
}

static bool is_http(const char *url) {
  return has_prefix_ci(url, "http://") || has_prefix_ci(url, "https://");
}

static size_t on_data(char *data, size_t size, size_t nmemb, void *udata) {
  sink_t *k = udata;
  size_t n = size * nmemb;
  long code = 0;
  char *eff = NULL;
  curl_easy_getinfo(k->curl, CURLINFO_EFFECTIVE_URL, &eff);
  curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &code);
  if (eff && is_http(eff) && code != 200) {
    if (code >= 300 && code < 400) return n; /* body of a redirect being followed */
    return 0; /* the status decides; the body is not needed */
  }
  if (k->body.len + n > k->max) {
    k->too_big = true; /* abort now rather than receive the rest */
    return 0;
  }
  return pp_str_append(&k->body, data, n) ? n : 0;
}

/* Header lines of every response (redirects included): records each
 * Location that a 3xx carries and the final Content-Type for WPAD reports. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *udata) {
  sink_t *k = udata;
  size_t n = size * nmemb;
  size_t end = n;
  while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) end--;
  if (!k->info) return n;
  if (end > 5 && !strncmp(data, "HTTP/", 5)) {
    free(k->info->content_type); /* a new response starts */
    k->info->content_type = NULL;
    return n;
  }
  const char *names[] = {"location:", "content-type:"};
  for (int i = 0; i < 2; i++) {
    size_t nl = strlen(names[i]);
    if (end < nl || !has_prefix_ci(data, names[i])) continue;
    size_t v = nl;
    while (v < end && (data[v] == ' ' || data[v] == '\t')) v++;
    char *val = pp_strndup(data + v, end - v);
    if (!val) return 0;
    long code = 0;
    curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &code);
    if (i == 0 && code >= 300 && code < 400) {
      bool ok = pp_strlist_push(&k->info->redirects, &k->info->nredirects, val);
      free(val);
      if (!ok) return 0;
    } else if (i == 1) {
      free(k->info->content_type);
      k->info->content_type = val;
    } else {
      free(val);
    }
  }
  return n;
}

static void setup(CURL *c, const char *url, sink_t *k, unsigned timeout_ms, char *cerr) {
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_PROXY, "");   /* never through a proxy, */
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*"); /* whatever the environment says */
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"); /* no redirect to file: */
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM */
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)k->max);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "pacprobe/" PP_VERSION);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, k);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, k);
}

/* Turns the transfer outcome into a status and a one-line reason. */
/* The stable failure name pp_fetch_info_t.code reports (docs/json.md). */
static const char *failure_code(pp_status_t st, CURLcode rc, long http_status) {
  if (st == PP_OK) return "ok";
  if (st == PP_ETOOBIG) return "too-big";
  if (st == PP_ENOMEM) return "oom";
  if (rc == CURLE_OPERATION_TIMEDOUT) return "timeout";
  if (rc == CURLE_TOO_MANY_REDIRECTS) return "redirect-loop";
  if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST) return "connect";
  if (http_status != 0 && http_status != 200) return "http-status";
  return "fetch-error";
}

static pp_status_t outcome(CURL *c, CURLcode rc, const sink_t *k, const char *shown, unsigned timeout_ms,
                           const char *cerr, char *err, size_t errlen) {
  long code = 0;
  char *eff = NULL;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
  bool http = eff ? is_http(eff) : is_http(shown);
  bool redirect_failed = code >= 300 && code < 400 && rc != CURLE_OK;
  if (http && code != 0 && code != 200 && !redirect_failed) {
    pp_set_err(err, errlen, "HTTP %ld from %s", code, shown);
    return PP_EFETCH;
  }
  if (k->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    pp_set_err(err, errlen, "%s: PAC larger than %zu bytes", shown, k->max);
    return PP_ETOOBIG;
  }
  if (k->body.oom) {
    pp_set_err(err, errlen, "out of memory");
    return PP_ENOMEM;
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    pp_set_err(err, errlen, "%s: timed out after %u ms", shown, timeout_ms);
    return PP_EFETCH;
  }
  if (rc != CURLE_OK) {
    pp_set_err(err, errlen, "%s: %s", shown, cerr[0] ? cerr : curl_easy_strerror(rc));
    return PP_EFETCH;
  }
  return PP_OK;
}

/* Fills info from the finished transfer (pp_pac_fetch only). */
static void record(CURL *c, CURLcode rc, pp_status_t st, const sink_t *k, pp_fetch_info_t *info) {
  char *eff = NULL;
  double total = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &info->http_status);
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
  curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &total);
  info->effective_url = eff ? strdup(eff) : NULL;
  info->bytes = k->body.len;
  info->ms = total * 1000.0;
  info->code = failure_code(st, rc, info->http_status);
}

static pp_status_t fetch_url(const char *url, size_t max, unsigned timeout_ms, struct curl_slist *pins,
                             pp_fetch_info_t *info, pp_str_t *out, char *err, size_t errlen) {
  pp_status_t st;
  char cerr[CURL_ERROR_SIZE] = "", shown[2048];
  sink_t k = {PP_STR_INIT, max, false, NULL, info};
  redact(url, shown, sizeof(shown));
  pthread_once(&curl_once, curl_init_once);
  if (curl_init_rc != CURLE_OK) {
    pp_set_err(err, errlen, "%s: libcurl initialisation failed", shown);
    return PP_EFETCH;
  }
  k.curl = curl_easy_init();
  if (!k.curl) {
    pp_set_err(err, errlen, "%s: libcurl initialisation failed", shown);
    return PP_EFETCH;
  }
  setup(k.curl, url, &k, timeout_ms, cerr);
  if (pins) curl_easy_setopt(k.curl, CURLOPT_RESOLVE, pins);
  CURLcode rc = curl_easy_perform(k.curl);
  st = outcome(k.curl, rc, &k, shown, timeout_ms, cerr, err, errlen);
  if (info) record(k.curl, rc, st, &k, info);
  if (st == PP_OK) {
    *out = k.body;
    k.body = (pp_str_t)PP_STR_INIT;
  }
  pp_str_free(&k.body);
  curl_easy_cleanup(k.curl);
  return st;
}

pp_status_t pp_pac_read(const char *source, size_t max_bytes, unsigned timeout_ms, char **out,
                        size_t *len, char *err, size_t errlen) {
  return pp_pac_read_charset(source, max_bytes, timeout_ms, out, len, NULL, err, errlen);
}

pp_status_t pp_pac_read_charset(const char *source, size_t max_bytes, unsigned timeout_ms,
                                char **out, size_t *len, char **charset, char *err,
                                size_t errlen) {
  pp_status_t st;
  pp_str_t s = PP_STR_INIT;
  pp_fetch_info_t info;
  memset(&info, 0, sizeof(info));
  size_t max = max_bytes ? max_bytes : DEFAULT_MAX_BYTES;
  *out = NULL;
  *len = 0;
  if (charset) *charset = NULL;
  if (!looks_like_url(source)) {
    st = read_local(source, max, &s, err, errlen);
  } else if (is_http(source) || has_prefix_ci(source, "file://")) {
    st = fetch_url(source, max, timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS, NULL,
                   charset ? &info : NULL, &s, err, errlen);
    if (st == PP_OK && charset && info.content_type && is_http(source))
      *charset = pp_pac_charset_param(info.content_type);
    pp_fetch_info_clear(&info);
  } else {
    char shown[2048];
    redact(source, shown, sizeof(shown));
    pp_set_err(err, errlen, "%s: only http://, https:// and file:// URLs are supported", shown);
    st = PP_EFETCH;
  }
  if (st != PP_OK) goto done;
  *len = s.len;
  *out = pp_str_take(&s); /* "" for an empty script, always NUL-terminated */
  if (!*out) {
    pp_set_err(err, errlen, "out of memory");
    st = PP_ENOMEM;
  }
done:
  pp_str_free(&s);
  return st;
}

void pp_fetch_info_clear(pp_fetch_info_t *info) {
  if (!info) return;
  free(info->content_type);
  free(info->effective_url);
  pp_strlist_free(info->redirects, info->nredirects);
  memset(info, 0, sizeof(*info));
}

pp_status_t pp_pac_fetch(const char *url, size_t max_bytes, unsigned timeout_ms,
                         const char *const *resolve, size_t nresolve, pp_fetch_info_t *info,
                         char **out, size_t *len, char *err, size_t errlen) {
  pp_status_t st = PP_ENOMEM;
  pp_str_t s = PP_STR_INIT;
  struct curl_slist *pins = NULL;
  memset(info, 0, sizeof(*info));
  info->code = "fetch-error";
  *out = NULL;
  *len = 0;
  for (size_t i = 0; i < nresolve; i++) {
    struct curl_slist *next = curl_slist_append(pins, resolve[i]);
    if (!next) goto done;
    pins = next;
  }
  if (!is_http(url)) {
    pp_set_err(err, errlen, "only http:// and https:// URLs are fetched for WPAD");
    st = PP_EFETCH;
    goto done;
  }
  st = fetch_url(url, max_bytes ? max_bytes : DEFAULT_MAX_BYTES,
                 timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS, pins, info, &s, err, errlen);
  if (st != PP_OK) goto done;
  *len = s.len;
  *out = pp_str_take(&s);
  if (!*out) st = PP_ENOMEM;
done:
  if (st == PP_ENOMEM) {
    pp_set_err(err, errlen, "out of memory");
    info->code = "oom";
  }
  curl_slist_free_all(pins);
  pp_str_free(&s);
  return st;
}
