/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of src/wpad/fetch.c (pp_pac_read): files, stdin, file:// and
 * http:// against a tiny HTTP server this file runs on 127.0.0.1 (200, 404,
 * 500, oversize with and without Content-Length, a response that stalls,
 * redirects). The environment names that same server as proxy, so a fetch
 * that went through a proxy would show up as an absolute-form request.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "pacprobe.h"

#define PAC_BODY "function FindProxyForURL(url, host) { return \"DIRECT\"; }\n"
#define LIMIT 1000

typedef struct http_server {
  int fd;
  int port;
  int stop[2];
  pthread_t thread;
  atomic_int requests;
  atomic_int proxied; /* requests in absolute form: someone used us as a proxy */
} http_server_t;

static http_server_t srv;
static char tmpdir[] = "/tmp/pp-fetch-XXXXXX";

/* ---- the server -------------------------------------------------------------- */

static void send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

static void respond(int fd, const char *status, const char *extra, const char *body, size_t blen) {
  char head[512];
  int n = snprintf(head, sizeof(head), "HTTP/1.1 %s\r\nConnection: close\r\n%sContent-Length: %zu\r\n\r\n",
                   status, extra, blen);
  send_all(fd, head, (size_t)n);
  send_all(fd, body, blen);
}

/* Waits until the client goes away (or the test ends): a stalled response. */
static void stall(int fd) {
  struct pollfd p[2] = {{fd, POLLIN, 0}, {srv.stop[0], POLLIN, 0}};
  poll(p, 2, 10000);
}

static void send_chunked(int fd, size_t total) {
  char line[64], chunk[500];
  memset(chunk, '/', sizeof(chunk));
  const char *head = "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
  send_all(fd, head, strlen(head));
  for (size_t sent = 0; sent < total; sent += sizeof(chunk)) {
    int n = snprintf(line, sizeof(line), "%zx\r\n", sizeof(chunk));
    send_all(fd, line, (size_t)n);
    send_all(fd, chunk, sizeof(chunk));
    send_all(fd, "\r\n", 2);
  }
  send_all(fd, "0\r\n\r\n", 5);
}

static void route(int fd, const char *path) {
  static char big[5000];
  memset(big, '/', sizeof(big));
  if (!strcmp(path, "/ok")) respond(fd, "200 OK", "", PAC_BODY, strlen(PAC_BODY));
  else if (!strcmp(path, "/exact")) respond(fd, "200 OK", "", big, LIMIT);
  else if (!strcmp(path, "/big")) respond(fd, "200 OK", "", big, sizeof(big));
  else if (!strcmp(path, "/big-chunked")) send_chunked(fd, sizeof(big));
  else if (!strcmp(path, "/error")) respond(fd, "500 Internal Server Error", "", "oops", 4);
  else if (!strcmp(path, "/redirect")) respond(fd, "302 Found", "Location: /ok\r\n", "", 0);
  else if (!strcmp(path, "/loop")) respond(fd, "302 Found", "Location: /loop\r\n", "", 0);
  else if (!strcmp(path, "/to-file"))
    respond(fd, "302 Found", "Location: file:///etc/hostname\r\n", "", 0);
  else if (!strcmp(path, "/slow")) {
    const char *h = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\nfunction";
    send_all(fd, h, strlen(h));
    stall(fd);
  } else respond(fd, "404 Not Found", "", "no such PAC", 11);
}

static void handle(int fd) {
  char req[4096];
  size_t n = 0;
  while (n < sizeof(req) - 1) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return;
    ssize_t r = recv(fd, req + n, sizeof(req) - 1 - n, 0);
    if (r <= 0) return;
    n += (size_t)r;
    req[n] = '\0';
    if (strstr(req, "\r\n\r\n")) break;
  }
  char path[1024] = "";
  if (sscanf(req, "GET %1023s", path) != 1) return;
  atomic_fetch_add(&srv.requests, 1);
  if (path[0] != '/') atomic_fetch_add(&srv.proxied, 1);
  route(fd, path);
}

static void *serve(void *arg) {
  (void)arg;
  for (;;) {
    struct pollfd p[2] = {{srv.fd, POLLIN, 0}, {srv.stop[0], POLLIN, 0}};
    if (poll(p, 2, -1) < 0) continue;
    if (p[1].revents) return NULL;
    int c = accept(srv.fd, NULL, NULL);
    if (c < 0) continue;
    handle(c);
    close(c);
  }
}

static int setup(void **state) {
  (void)state;
  struct sockaddr_in sa = {0};
  socklen_t sl = sizeof(sa);
  char proxy[64];
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  srv.fd = socket(AF_INET, SOCK_STREAM, 0);
  if (srv.fd < 0 || bind(srv.fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(srv.fd, 16) != 0 ||
      getsockname(srv.fd, (struct sockaddr *)&sa, &sl) != 0 || pipe(srv.stop) != 0 || !mkdtemp(tmpdir))
    return -1;
  srv.port = ntohs(sa.sin_port);
  /* Every proxy variable points at our server: a fetch must ignore them. */
  snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%d", srv.port);
  setenv("http_proxy", proxy, 1);
  setenv("HTTPS_PROXY", proxy, 1);
  setenv("ALL_PROXY", proxy, 1);
  unsetenv("no_proxy");
  unsetenv("NO_PROXY");
  return pthread_create(&srv.thread, NULL, serve, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  if (write(srv.stop[1], "x", 1) != 1) return -1;
  pthread_join(srv.thread, NULL);
  close(srv.fd);
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers ------------------------------------------------------------------ */

static void url_of(char *buf, size_t len, const char *path) {
  snprintf(buf, len, "http://127.0.0.1:%d%s", srv.port, path);
}

static char *write_tmp(const char *name, const char *data, size_t len) {
  static char path[512];
  snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
  return path;
}

/* Runs pp_pac_read and checks status and, on failure, that err contains
 * needle; on success returns the body (caller frees). */
static char *read_expect(const char *source, size_t max, unsigned timeout, pp_status_t want, const char *needle,
                         size_t *len) {
  char *out = (char *)"untouched", err[1024] = "";
  size_t l = 12345;
  pp_status_t st = pp_pac_read(source, max, timeout, &out, &l, err, sizeof(err));
  if (st != want) fail_msg("%s: expected %s, got %s (%s)", source, pp_strerror(want), pp_strerror(st), err);
  if (st != PP_OK) {
    assert_null(out);
    if (needle && !strstr(err, needle)) fail_msg("%s: '%s' does not contain '%s'", source, err, needle);
    return NULL;
  }
  assert_non_null(out);
  assert_int_equal(out[l], '\0');
  if (len) *len = l;
  return out;
}

/* ---- files and stdin ------------------------------------------------------------ */

static void test_file(void **state) {
  (void)state;
  size_t len = 0;
  char *path = write_tmp("a.pac", PAC_BODY, strlen(PAC_BODY));
  char *out = read_expect(path, LIMIT, 0, PP_OK, NULL, &len);
  assert_int_equal(len, strlen(PAC_BODY));
  assert_string_equal(out, PAC_BODY);
  free(out);
  /* Bytes after a NUL are kept: len, not strlen, is the size. */
  path = write_tmp("nul.pac", "ab\0cd", 5);
  out = read_expect(path, LIMIT, 0, PP_OK, NULL, &len);
  assert_int_equal(len, 5);
  assert_memory_equal(out, "ab\0cd", 5);
  free(out);
  path = write_tmp("empty.pac", "", 0);
  out = read_expect(path, LIMIT, 0, PP_OK, NULL, &len);
  assert_int_equal(len, 0);
  free(out);
}

static void test_file_errors(void **state) {
  (void)state;
  char missing[600], big[LIMIT + 1];
  snprintf(missing, sizeof(missing), "%s/missing.pac", tmpdir);
  char needle[700];
  snprintf(needle, sizeof(needle), "cannot read %s: No such file or directory", missing);
  read_expect(missing, LIMIT, 0, PP_EIO, needle, NULL);
  read_expect(tmpdir, LIMIT, 0, PP_EIO, "cannot read", NULL); /* a directory */
  memset(big, '/', sizeof(big));
  char *path = write_tmp("big.pac", big, sizeof(big));
  read_expect(path, LIMIT, 0, PP_ETOOBIG, "larger than 1000 bytes", NULL);
  path = write_tmp("exact.pac", big, LIMIT);
  free(read_expect(path, LIMIT, 0, PP_OK, NULL, NULL));
}

static void test_stdin(void **state) {
  (void)state;
  size_t len = 0;
  char *path = write_tmp("stdin.pac", PAC_BODY, strlen(PAC_BODY));
  int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY);
  assert_true(saved >= 0 && fd >= 0);
  assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
  close(fd);
  char *out = read_expect("-", LIMIT, 0, PP_OK, NULL, &len);
  dup2(saved, STDIN_FILENO);
  close(saved);
  assert_int_equal(len, strlen(PAC_BODY));
  assert_string_equal(out, PAC_BODY);
  free(out);
}

static void test_file_url(void **state) {
  (void)state;
  char url[700];
  size_t len = 0;
  char *path = write_tmp("url.pac", PAC_BODY, strlen(PAC_BODY));
  snprintf(url, sizeof(url), "file://%s", path);
  char *out = read_expect(url, LIMIT, 2000, PP_OK, NULL, &len);
  assert_string_equal(out, PAC_BODY);
  free(out);
  read_expect("ftp://127.0.0.1/proxy.pac", LIMIT, 2000, PP_EFETCH, "only http://, https:// and file://",
              NULL);
}

/* ---- HTTP ------------------------------------------------------------------------- */

static void test_http_ok(void **state) {
  (void)state;
  char url[128];
  size_t len = 0;
  url_of(url, sizeof(url), "/ok");
  char *out = read_expect(url, LIMIT, 5000, PP_OK, NULL, &len);
  assert_int_equal(len, strlen(PAC_BODY));
  assert_string_equal(out, PAC_BODY);
  free(out);
  url_of(url, sizeof(url), "/redirect");
  out = read_expect(url, LIMIT, 5000, PP_OK, NULL, &len);
  assert_string_equal(out, PAC_BODY);
  free(out);
  url_of(url, sizeof(url), "/exact");
  free(read_expect(url, LIMIT, 5000, PP_OK, NULL, &len));
  assert_int_equal(len, LIMIT);
  assert_int_equal(atomic_load(&srv.proxied), 0);
}

static void test_http_status(void **state) {
  (void)state;
  char url[128], needle[160];
  url_of(url, sizeof(url), "/missing");
  snprintf(needle, sizeof(needle), "HTTP 404 from %s", url);
  read_expect(url, LIMIT, 5000, PP_EFETCH, needle, NULL);
  url_of(url, sizeof(url), "/error");
  read_expect(url, LIMIT, 5000, PP_EFETCH, "HTTP 500 from", NULL);
  url_of(url, sizeof(url), "/loop");
  read_expect(url, LIMIT, 5000, PP_EFETCH, "redirect", NULL);
  url_of(url, sizeof(url), "/to-file"); /* a redirect may not reach local files */
  read_expect(url, LIMIT, 5000, PP_EFETCH, NULL, NULL);
  assert_int_equal(atomic_load(&srv.proxied), 0);
}

static void test_http_too_big(void **state) {
  (void)state;
  char url[128];
  url_of(url, sizeof(url), "/big");
  read_expect(url, LIMIT, 5000, PP_ETOOBIG, "larger than 1000 bytes", NULL);
  url_of(url, sizeof(url), "/big-chunked"); /* no Content-Length: cut while receiving */
  read_expect(url, LIMIT, 5000, PP_ETOOBIG, "larger than 1000 bytes", NULL);
}

static void test_http_timeout(void **state) {
  (void)state;
  char url[128];
  url_of(url, sizeof(url), "/slow");
  read_expect(url, LIMIT, 300, PP_EFETCH, "timed out after 300 ms", NULL);
}

static void test_http_unreachable(void **state) {
  (void)state;
  char url[128];
  struct sockaddr_in sa = {0};
  socklen_t sl = sizeof(sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int fd = socket(AF_INET, SOCK_STREAM, 0); /* a port nobody listens on */
  assert_true(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
  assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
  close(fd);
  snprintf(url, sizeof(url), "http://127.0.0.1:%d/proxy.pac", ntohs(sa.sin_port));
  read_expect(url, LIMIT, 5000, PP_EFETCH, "127.0.0.1", NULL);
}

static void test_no_secret_in_errors(void **state) {
  (void)state;
  char url[160], err[1024] = "", *out = NULL;
  size_t len;
  snprintf(url, sizeof(url), "http://user:s3cret@127.0.0.1:%d/missing", srv.port);
  assert_int_equal(pp_pac_read(url, LIMIT, 5000, &out, &len, err, sizeof(err)), PP_EFETCH);
  assert_null(strstr(err, "s3cret"));
  assert_non_null(strstr(err, "HTTP 404"));
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_file),        cmocka_unit_test(test_file_errors),
      cmocka_unit_test(test_stdin),       cmocka_unit_test(test_file_url),
      cmocka_unit_test(test_http_ok),     cmocka_unit_test(test_http_status),
      cmocka_unit_test(test_http_too_big), cmocka_unit_test(test_http_timeout),
      cmocka_unit_test(test_http_unreachable), cmocka_unit_test(test_no_secret_in_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
