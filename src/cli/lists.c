/* SPDX-License-Identifier: MIT */
/*
 * URL lists (lists.h): streaming a -f file through the bounded line reader
 * (util/lines.c), reporting the lines that cannot be URLs (over Chromium's
 * URL length, a NUL byte) and the files that cannot be read to their end,
 * and trimming an ordinary line to its URL. What a URL means is left to
 * the engine (src/pac/url.c); each subcommand decides its exit code from
 * the *bad flag (DESIGN §1: one bad item is reported, the rest go on).
 * Files are read through src/log/source.c (gzip and zstd alike); a proxy
 * log (--log FORMAT FILE, or -f detected) goes through src/log's parsers,
 * its malformed lines counted and the first few shown, never fatal.
 */
#include "cli/lists.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"
#include "log/log.h"
#include "log/source.h"
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
static void report_stop(const pp_lines_t *lr, pp_lines_status_t st, const char *name,
                        const char *why) {
  if (st == PP_LINES_ENDLESS)
    pp_msg_error("%s:%lu: no end of line within %u MiB: not a URL list; the rest of the file is "
                 "not read", name, lr->lineno, PP_CLI_LINE_SKIP_MAX >> 20);
  else if (st == PP_LINES_ENOMEM)
    pp_msg_error("URL file '%s': out of memory at line %lu; the rest of the file is not read", name,
                 lr->lineno + 1);
  else
    pp_msg_error("URL file '%s': read error after line %lu: %s; the rest of the file is not read",
                 name, lr->lineno, why && *why ? why : strerror(lr->err));
}

/* Where a line came from, formatted only when a message needs it (a log
 * of 10^7 lines must not pay a snprintf per line). */
static const char *where_of(char *buf, size_t cap, const char *name, unsigned long lineno) {
  snprintf(buf, cap, "%s:%lu", name, lineno);
  return buf;
}

/* A malformed log line: the first PP_CLI_LOG_SHOW of a file shown, all
 * counted. */
static void report_malformed(pp_cli_input_t *in, const char *name, unsigned long lineno,
                             const char *line, size_t len, const char *why) {
  if (++in->malformed > PP_CLI_LOG_SHOW) return;
  char *echo = pp_cli_echo(line, len, PP_CLI_ECHO_MAX);
  pp_msg_warn("%s:%lu: malformed %s line skipped (%s): '%s'", name, lineno,
              pp_log_format_name(in->format), why, echo ? echo : "");
  free(echo);
}

/* -f without --log: the first meaningful line says what the file is. */
static void detect(pp_cli_input_t *in, const char *name, const char *line, size_t len) {
  bool decided;
  pp_log_format_t f = pp_log_detect(line, len, &decided);
  if (!decided) return;
  in->decided = true;
  if (f == PP_LOG_URLS) return;
  in->format = f;
  pp_log_parser_free(&in->parser);
  pp_log_parser_init_format(&in->parser, f);
  pp_msg_note("%s: read as a %s log (detected from its first entry; --log FORMAT FILE chooses)",
              name, pp_log_format_name(f));
}

/* One line of the file: a URL list line to list_fn, a log line parsed and
 * its entry to entry_fn. */
static int one_line(pp_cli_input_t *in, const pp_lines_t *lr, const char *name, const char *line,
                    size_t len, bool nl) {
  char where[600];
  if (!in->decided) detect(in, name, line, len);
  if (in->format == PP_LOG_URLS) {
    where_of(where, sizeof(where), name, lr->lineno);
    if (!pp_cli_line_usable(where, line, len)) {
      *in->bad = true;
      return 0;
    }
    return in->list_fn(in->udata, line, len, nl, where);
  }
  pp_log_rec_t rec;
  in->lines++;
  pp_log_line_t r = pp_log_parse_line(&in->parser, line, len, &rec);
  if (r == PP_LOG_SKIP) {
    in->skipped++;
    return 0;
  }
  if (r == PP_LOG_BAD || memchr(rec.url, '\0', rec.url_len)) {
    report_malformed(in, name, lr->lineno, line, len, r == PP_LOG_BAD ? in->parser.err : "a NUL byte");
    return 0;
  }
  in->entries++;
  return in->entry_fn(in->udata, rec.url, rec.url_len, rec.bytes, name, lr->lineno);
}

int pp_cli_each_input(pp_cli_input_t *in, const char *path) {
  bool is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "stdin" : path;
  char err[256];
  pp_log_source_t *src = pp_log_source_open(path, err, sizeof(err));
  if (!src) {
    pp_msg_error("%s file '%s': %s", in->fixed ? "log" : "URL", path, err);
    *in->bad = true;
    return 0;
  }
  in->malformed = 0;
  in->decided = in->fixed || !in->entry_fn;
  if (!in->fixed) in->format = PP_LOG_URLS;
  if (in->fixed) { /* each file starts over: its own #Fields: or CSV header */
    pp_log_parser_free(&in->parser);
    pp_log_parser_init(&in->parser, in->format_name);
  }
  pp_lines_t lr;
  pp_lines_init_fn(&lr, pp_log_source_read, src, PP_CLI_LINE_MAX, PP_CLI_LINE_SKIP_MAX);
  int rc = 0;
  pp_lines_status_t st;
  const char *line;
  size_t len;
  bool nl;
  while (rc == 0 && (st = pp_lines_next(&lr, &line, &len, &nl)) != PP_LINES_EOF) {
    char where[600];
    if (st == PP_LINES_LONG) {
      report_long(&lr, where_of(where, sizeof(where), name, lr.lineno));
      *in->bad = true;
    } else if (st != PP_LINES_OK) {
      report_stop(&lr, st, name, pp_log_source_error(src));
      *in->bad = true;
      break;
    } else {
      rc = one_line(in, &lr, name, line, len, nl);
    }
  }
  if (in->malformed > PP_CLI_LOG_SHOW)
    pp_msg_warn("%s: %llu malformed lines skipped in all (the first %d shown)", name,
                in->malformed, PP_CLI_LOG_SHOW);
  in->malformed_total += in->malformed;
  pp_lines_free(&lr);
  pp_log_source_close(src);
  return rc;
}

int pp_cli_each_line(const char *path, pp_cli_line_fn fn, void *udata, bool *bad) {
  pp_cli_input_t in;
  memset(&in, 0, sizeof(in));
  in.list_fn = fn;
  in.udata = udata;
  in.bad = bad;
  int rc = pp_cli_each_input(&in, path);
  pp_cli_input_free(&in);
  return rc;
}

void pp_cli_input_free(pp_cli_input_t *in) { pp_log_parser_free(&in->parser); }

void pp_cli_input_auto(pp_cli_input_t *in) { in->fixed = false; }

int pp_cli_read_inputs(pp_cli_input_t *in, const pp_args_t *a) {
  int rc = 0;
  pp_cli_input_auto(in);
  for (size_t i = 0; rc == 0 && i < a->list[PP_OPT_URL_FILE].n; i++)
    rc = pp_cli_each_input(in, a->list[PP_OPT_URL_FILE].v[i]);
  const pp_strv_t *l = &a->list[PP_OPT_LOG];
  for (size_t i = 0; rc == 0 && i + 1 < l->n; i += 2) {
    if (!pp_cli_input_format(in, l->v[i])) return -1; /* checked by pp_cli_check_log_formats */
    rc = pp_cli_each_input(in, l->v[i + 1]);
  }
  return rc;
}

int pp_cli_check_log_formats(const pp_args_t *a) {
  const pp_strv_t *l = &a->list[PP_OPT_LOG];
  for (size_t i = 0; i < l->n; i += 2) {
    pp_log_parser_t p;
    if (!pp_log_parser_init(&p, l->v[i]))
      return pp_cli_usage_error("log", l->v[i], "expected squid, w3c, combined, csv or csv:COLUMN "
                                                "(aliases iis, bluecoat, proxysg, ncsa, apache, zscaler)");
    pp_log_parser_free(&p);
  }
  return PP_EXIT_OK;
}

bool pp_cli_input_format(pp_cli_input_t *in, const char *format) {
  pp_log_parser_free(&in->parser);
  if (!pp_log_parser_init(&in->parser, format)) return false;
  in->fixed = true;
  in->format_name = format;
  in->format = in->parser.format;
  return true;
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
