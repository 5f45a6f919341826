/* SPDX-License-Identifier: MIT */
/*
 * The libcurl fetch backend of src/wpad/fetch.c (pp_wpad_fetch_url): one
 * easy transfer per PAC, never via a proxy, HTTP 200 only, the size cap
 * enforced while receiving, a total timeout, redirects and Content-Type
 * recorded for WPAD reports (Chromium's
 * net/proxy_resolution/pac_file_fetcher_impl.cc).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "pacprobe.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

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

static size_t on_data(char *data, size_t size, size_t nmemb, void *udata) {
  sink_t *k = udata;
  size_t n = size * nmemb;
  long code = 0;
  char *eff = NULL;
  curl_easy_getinfo(k->curl, CURLINFO_EFFECTIVE_URL, &eff);
  curl_easy_getinfo(k->curl, CURLINFO_RESPONSE_CODE, &code);
  if (eff && pp_wpad_is_http(eff) && code != 200) {
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
    free(k->info->cache_control);
    free(k->info->expires);
    k->info->content_type = k->info->cache_control = k->info->expires = NULL;
    k->info->headers = true;
    k->info->content_length = -1;
    k->info->chunked = false;
    return n;
  }
  const char *names[] = {"location:", "content-type:", "content-length:", "transfer-encoding:",
                         "cache-control:", "expires:"};
  for (int i = 0; i < 6; i++) {
    size_t nl = strlen(names[i]);
    if (end < nl || !pp_wpad_prefix_ci(data, names[i])) continue;
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
    } else if (i == 2) {
      k->info->content_length = strtoll(val, NULL, 10);
      free(val);
    } else if (i == 3) {
      k->info->chunked = pp_wpad_prefix_ci(val, "chunked") || strstr(val, "chunked");
      free(val);
    } else if (i == 4 || i == 5) {
      char **dst = i == 4 ? &k->info->cache_control : &k->info->expires;
      free(*dst);
      *dst = val;
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
  if (http_status >= 300 && http_status < 400) return "redirect-refused"; /* e.g. to file: */
  if (http_status != 0 && http_status != 200) return "http-status";
  return "fetch-error";
}

static pp_status_t outcome(CURL *c, CURLcode rc, const sink_t *k, const char *shown, unsigned timeout_ms,
                           const char *cerr, char *err, size_t errlen) {
  long code = 0;
  char *eff = NULL;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
  bool http = eff ? pp_wpad_is_http(eff) : pp_wpad_is_http(shown);
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

static pp_status_t transfer(const char *url, size_t max, unsigned timeout_ms, struct curl_slist *pins,
                            pp_fetch_info_t *info, pp_str_t *out, char *err, size_t errlen) {
  pp_status_t st;
  char cerr[CURL_ERROR_SIZE] = "", shown[2048];
  sink_t k = {PP_STR_INIT, max, false, NULL, info};
  pp_wpad_redact(url, shown, sizeof(shown));
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


pp_status_t pp_wpad_fetch_url(const char *url, size_t max, unsigned timeout_ms, const char *const *resolve,
                              size_t nresolve, pp_fetch_info_t *info, pp_str_t *out, char *err, size_t errlen) {
  struct curl_slist *pins = NULL;
  for (size_t i = 0; i < nresolve; i++) {
    struct curl_slist *next = curl_slist_append(pins, resolve[i]);
    if (!next) {
      curl_slist_free_all(pins);
      return PP_ENOMEM;
    }
    pins = next;
  }
  pp_status_t st = transfer(url, max, timeout_ms, pins, info, out, err, errlen);
  curl_slist_free_all(pins);
  return st;
}
