/* SPDX-License-Identifier: MIT */
/*
 * pp_lab_httpd: the PAC server of the WPAD lab (tests/lab/). Serves
 * DOCROOT/<Host>/<path>, one forked child per connection so a slow answer
 * never blocks the next candidate. Sidecar files next to a path change the
 * answer: PATH.redirect (302 to its content), PATH.slow (sleep N seconds
 * first), PATH.type (Content-Type), PATH.status (another status code).
 * Usage: pp_lab_httpd ADDR PORT DOCROOT. Each request is logged on stderr.
 */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *docroot;

static void send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

/* The whole file, malloc'd, or NULL. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(f);
  if (s) {
    s[n] = '\0';
    *len = (size_t)n;
  }
  return s;
}

/* A sidecar's first line, or NULL. */
static char *sidecar(const char *base, const char *ext) {
  char path[2048];
  size_t len;
  snprintf(path, sizeof(path), "%s.%s", base, ext);
  char *s = slurp(path, &len);
  if (s) s[strcspn(s, "\r\n")] = '\0';
  return s;
}

static void reply(int fd, int code, const char *reason, const char *extra, const char *body, size_t blen) {
  char head[1024];
  int n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\nConnection: close\r\n%sContent-Length: %zu\r\n\r\n",
                   code, reason, extra, blen);
  send_all(fd, head, (size_t)n);
  send_all(fd, body, blen);
}

static void serve_file(int fd, const char *base) {
  char extra[600] = "", *v;
  size_t len = 0;
  if ((v = sidecar(base, "slow"))) {
    sleep((unsigned)atoi(v));
    free(v);
  }
  if ((v = sidecar(base, "redirect"))) {
    snprintf(extra, sizeof(extra), "Location: %s\r\n", v);
    free(v);
    reply(fd, 302, "Found", extra, "", 0);
    return;
  }
  char *body = slurp(base, &len);
  if (!body) {
    reply(fd, 404, "Not Found", "Content-Type: text/html\r\n", "<h1>404</h1>\n", 13);
    return;
  }
  v = sidecar(base, "type");
  int x = snprintf(extra, sizeof(extra), "Content-Type: %s\r\n", v ? v : "application/x-ns-proxy-autoconfig");
  free(v);
  char path[2100];
  size_t hl = 0;
  snprintf(path, sizeof(path), "%s.headers", base);
  char *h = slurp(path, &hl); /* each line becomes a header line */
  for (char *line = h, *nl; line && *line && x < (int)sizeof(extra) - 1; line = nl ? nl + 1 : NULL) {
    nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    x += snprintf(extra + x, sizeof(extra) - (size_t)x, "%s\r\n", line);
    if (!nl) break;
  }
  free(h);
  int code = 200;
  if ((v = sidecar(base, "status"))) code = atoi(v);
  free(v);
  char *framing = sidecar(base, "framing");
  if (framing) {
    char head[1024], size[32];
    int n = snprintf(head, sizeof(head), "HTTP/1.1 %d OK\r\nConnection: close\r\n%s%s\r\n", code,
                     extra, strcmp(framing, "chunked") == 0 ? "Transfer-Encoding: chunked\r\n" : "");
    send_all(fd, head, (size_t)n);
    if (strcmp(framing, "chunked") == 0) {
      n = snprintf(size, sizeof(size), "%zx\r\n", len);
      send_all(fd, size, (size_t)n);
      send_all(fd, body, len);
      send_all(fd, "\r\n0\r\n\r\n", 7);
    } else {
      send_all(fd, body, len);
    }
    free(framing);
  } else {
    reply(fd, code, code == 200 ? "OK" : "Status", extra, body, len);
  }
  free(body);
}

static void handle(int fd) {
  char req[8192];
  size_t n = 0;
  while (n < sizeof(req) - 1) {
    ssize_t r = recv(fd, req + n, sizeof(req) - 1 - n, 0);
    if (r <= 0) return;
    n += (size_t)r;
    req[n] = '\0';
    if (strstr(req, "\r\n\r\n")) break;
  }
  char path[1024] = "", host[256] = "";
  if (sscanf(req, "GET %1023s", path) != 1) return;
  const char *h = strcasestr(req, "\r\nHost:");
  if (h) sscanf(h + 7, " %255[^:\r\n]", host);
  for (char *p = host; *p; p++) *p = (char)tolower((unsigned char)*p);
  fprintf(stderr, "GET %s %s\n", host, path);
  char base[2048];
  if (strstr(path, "..") || strstr(host, "..") || path[0] != '/') {
    reply(fd, 400, "Bad Request", "", "", 0);
    return;
  }
  snprintf(base, sizeof(base), "%s/%s%s", docroot, host, path);
  serve_file(fd, base);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: pp_lab_httpd ADDR PORT DOCROOT\n");
    return 2;
  }
  docroot = argv[3];
  signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
  if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
      listen(s, 64) != 0) {
    perror("pp_lab_httpd: bind/listen");
    return 1;
  }
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c < 0) continue;
    pid_t pid = fork();
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL); /* a slow answer dies with the server */
      close(s);
      handle(c);
      close(c);
      _exit(0);
    }
    close(c);
  }
}
