/* SPDX-License-Identifier: MIT */
/* Reading URL lists (DESIGN §1.1 -f) for every subcommand that takes one:
 * eval, diff, check, lint --urls, and the line checks `test` case files
 * share. Lines are bounded (util/lines.h); a bad line is reported with
 * FILE:LINE[:COL] and a shortened echo, and the list goes on. */
#ifndef PP_CLI_LISTS_H
#define PP_CLI_LISTS_H

#include "cli/cli.h"
#include "log/log.h"

/* The longest list line: Chromium's url::kMaxURLChars (2 MiB,
 * url/url_constants.h); no browser loads a longer URL. */
#define PP_CLI_LINE_MAX (2u * 1024u * 1024u)
/* How far an over-long line is read in search of its end before the file
 * is given up as not a list (-f /dev/zero). */
#define PP_CLI_LINE_SKIP_MAX (1024u * 1024u * 1024u)
/* Bytes of a bad line echoed in its error. */
#define PP_CLI_ECHO_MAX 80u

/* Called for each line of a URL list: the line without its "\n" (a "\r"
 * before it is kept), whether it had one, and "FILE:LINE" for messages.
 * A non-zero return stops the list and is passed on. */
typedef int (*pp_cli_line_fn)(void *udata, const char *line, size_t len, bool had_nl,
                              const char *where);

/* Streams the lines of a URL list (a path, or "-" for stdin) to fn, at
 * most PP_CLI_LINE_MAX bytes each. A file that cannot be opened or read to
 * its end (read error, out of memory, no newline within
 * PP_CLI_LINE_SKIP_MAX), a line over the cap and a line with a NUL byte are
 * each reported in one line and set *bad; bad lines are not passed to fn,
 * the lines after them are. Returns fn's non-zero result, else 0. */
int pp_cli_each_line(const char *path, pp_cli_line_fn fn, void *udata, bool *bad);

/* Called for each entry of a proxy log: the URL the client asked for
 * (not NUL-terminated, valid during the call), the bytes (-1 = the log
 * has none), the file's name and the line number. Non-zero stops. */
typedef int (*pp_cli_entry_fn)(void *udata, const char *url, size_t n, long long bytes,
                               const char *name, unsigned long lineno);

/* Malformed log lines shown per file; the rest are counted. */
#define PP_CLI_LOG_SHOW 5

/* One reading of URL lists and logs (--log FORMAT FILE, -f FILE). Zero it,
 * set list_fn, entry_fn (NULL: no log detection for -f), udata and bad,
 * optionally pp_cli_input_format; counters add up over the files read. */
typedef struct pp_cli_input {
  pp_cli_line_fn list_fn;
  pp_cli_entry_fn entry_fn;
  void *udata;
  bool *bad;               /* set for an unreadable file or a bad list line */
  bool fixed;              /* --log: the format is given */
  const char *format_name; /* --log's FORMAT */
  bool decided;            /* the format of the current file is known */
  pp_log_format_t format;  /* of the current file */
  pp_log_parser_t parser;
  unsigned long long lines, entries, skipped, malformed, malformed_total;
} pp_cli_input_t;

/* Sets the format of --log FORMAT; false for an unknown format name. */
bool pp_cli_input_format(pp_cli_input_t *in, const char *format);
/* Reads one file ("-" = stdin; plain, gzip or zstd): a URL list to
 * list_fn, a log's entries to entry_fn. Returns a callback's non-zero
 * result, else 0. */
int pp_cli_each_input(pp_cli_input_t *in, const char *path);
void pp_cli_input_free(pp_cli_input_t *in);
/* Back to -f reading: formats detected per file. */
void pp_cli_input_auto(pp_cli_input_t *in);
/* Reads every -f FILE (detected) and then every --log FORMAT FILE of a.
 * Returns a callback's non-zero result, else 0. */
int pp_cli_read_inputs(pp_cli_input_t *in, const pp_args_t *a);
/* Checks every --log FORMAT: PP_EXIT_OK, or PP_EXIT_USAGE after one line. */
int pp_cli_check_log_formats(const pp_args_t *a);

/* Checks one list line read from a buffer (case files, lint --urls): over
 * PP_CLI_LINE_MAX or holding a NUL byte, it is reported as WHERE[:COL]: …
 * and false returned. */
bool pp_cli_line_usable(const char *where, const char *line, size_t len);

/* The URL of an ordinary list line (DESIGN §1.1 -f): surrounding blanks and
 * a trailing "\r" trimmed; false for blank lines and "#" comments. */
bool pp_cli_list_url(const char *line, size_t len, const char **url, size_t *n);

/* At most max bytes of p[0..n) for an error message (cut at a UTF-8
 * boundary), a NUL byte as \x00, "..." and the full length appended when
 * cut; other control characters are left to the message functions' escaping.
 * Returns a malloc'd string, NULL on ENOMEM. */
char *pp_cli_echo(const char *p, size_t n, size_t max);

#endif
