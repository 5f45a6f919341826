/* SPDX-License-Identifier: MIT */
/*
 * URL lists (lists.h): streaming a -f file through the bounded line reader
 * (util/lines.c), reporting the lines that cannot be URLs (over Chromium's
 * URL length, a NUL byte) and the files that cannot be read to their end,
 * and trimming an ordinary line to its URL. What a URL means is left to
 * the engine (src/pac/url.c); each subcommand decides its exit code from
 * the *bad flag (DESIGN §1: one bad item is reported, the rest go on).
 */
#include "cli/lists.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "util/buf.h"
#include "util/lines.h"
#include "util/str.h"

char *pp_cli_echo(const char *p, size_t n, size_t max) {
  pp_str_t s = PP_STR_INIT;
  size_t take = n < max ? n : max;
  while (take > 0 && take < n && ((unsigned char)p[take] & 0xC0) == 0x80) take--; /* whole UTF-8 */
  for (size_t i = 0; i < take; i++) {
    if (p[i]) pp_str_putc(&s, p[i]);
    else pp_str_puts(&s, "\\x00"); /* a C string cannot carry it; the rest is msg.c's */
  }
  if (take < n) pp_str_printf(&s, "... (%zu bytes)", n);
  return pp_str_take(&s);
}

bool pp_cli_line_usable(const char *where, const char *line, size_t len) {
  if (len > PP_CLI_LINE_MAX) {
    char *echo = pp_cli_echo(line, len, PP_CLI_ECHO_MAX);
    pp_msg_error("%s: line of %zu bytes skipped: longer than a URL can be (%u bytes, Chromium's "
                 "url::kMaxURLChars): '%s'", where, len, PP_CLI_LINE_MAX, echo ? echo : "");
    free(echo);
    return false;
  }
  const char *nul = memchr(line, '\0', len);
  if (!nul) return true;
  char *echo = pp_cli_echo(line, len, PP_CLI_ECHO_MAX);
  pp_msg_error("%s:%zu: malformed line skipped: a NUL byte inside it: '%s'", where,
               (size_t)(nul - line) + 1, echo ? echo : "");
  free(echo);
  return false;
}

/* A line over the cap, reported from the bytes the reader kept. */
static void report_long(const pp_lines_t *lr, const char *where) {
  char *echo = pp_cli_echo(lr->head, lr->nhead, PP_CLI_ECHO_MAX);
  pp_msg_error("%s: line of %llu bytes skipped: longer than a URL can be (%u bytes, Chromium's "
               "url::kMaxURLChars): '%s...'", where, lr->skipped, PP_CLI_LINE_MAX,
               echo ? echo : "");
  free(echo);
}

/* A status that ends the file early; always reported, never an EOF. */
static void report_stop(const pp_lines_t *lr, pp_lines_status_t st, const char *name) {
  if (st == PP_LINES_ENDLESS)
    pp_msg_error("%s:%lu: no end of line within %u MiB: not a URL list; the rest of the file is "
                 "not read", name, lr->lineno, PP_CLI_LINE_SKIP_MAX >> 20);
  else if (st == PP_LINES_ENOMEM)
    pp_msg_error("URL file '%s': out of memory at line %lu; the rest of the file is not read", name,
                 lr->lineno + 1);
  else
    pp_msg_error("URL file '%s': read error after line %lu: %s; the rest of the file is not read",
                 name, lr->lineno, strerror(lr->err));
}

int pp_cli_each_line(const char *path, pp_cli_line_fn fn, void *udata, bool *bad) {
  bool is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "stdin" : path;
  FILE *f = is_stdin ? stdin : pp_os_fopen(path, "rb");
  if (!f) {
    pp_msg_error("URL file '%s': %s", path, strerror(errno));
    *bad = true;
    return 0;
  }
  pp_lines_t lr;
  pp_lines_init(&lr, f, PP_CLI_LINE_MAX, PP_CLI_LINE_SKIP_MAX);
  int rc = 0;
  pp_lines_status_t st;
  const char *line;
  size_t len;
  bool nl;
  while (rc == 0 && (st = pp_lines_next(&lr, &line, &len, &nl)) != PP_LINES_EOF) {
    char where[600];
    snprintf(where, sizeof(where), "%s:%lu", name, lr.lineno);
    if (st == PP_LINES_LONG) {
      report_long(&lr, where);
      *bad = true;
    } else if (st != PP_LINES_OK) {
      report_stop(&lr, st, name);
      *bad = true;
      break;
    } else if (!pp_cli_line_usable(where, line, len)) {
      *bad = true;
    } else {
      rc = fn(udata, line, len, nl, where);
    }
  }
  pp_lines_free(&lr);
  if (!is_stdin) fclose(f);
  return rc;
}

bool pp_cli_list_url(const char *line, size_t len, const char **url, size_t *n) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  pp_buf_skip_blanks(&b);
  if (pp_buf_remaining(&b) == 0 || pp_buf_peek(&b) == '#') return false;
  size_t end = len;
  while (end > b.pos && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
    end--;
  *url = line + b.pos;
  *n = end - b.pos;
  return *n > 0;
}
