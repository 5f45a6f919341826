/* SPDX-License-Identifier: MIT */
/* Reading URL lists (DESIGN §1.1 -f) for every subcommand that takes one:
 * eval, diff, check, lint --urls, and the line checks `test` case files
 * share. Lines are bounded (util/lines.h); a bad line is reported with
 * FILE:LINE[:COL] and a shortened echo, and the list goes on. */
#ifndef PP_CLI_LISTS_H
#define PP_CLI_LISTS_H

#include "cli/cli.h"

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
